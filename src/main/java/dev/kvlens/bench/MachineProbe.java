package dev.kvlens.bench;

import java.util.function.BooleanSupplier;

/** Measures this machine's limits quickly (the real one is {@link CalibrationProbe}; tests use a fake). */
public interface MachineProbe {

    /** Runs the probes; throws {@link java.util.concurrent.CancellationException} when {@code cancel} fires. */
    CalibrationResult calibrate(BooleanSupplier cancel, KernelSweep.Progress progress);
}
