package dev.kvlens.bench;

import dev.kvlens.model.AttentionConfig;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The live measurement pipeline, free of any UI toolkit so that its debounce / cancel / latest-only logic is
 * unit-tested with fakes.
 *
 * <ul>
 *   <li>{@link #request} (called on the owner thread, e.g. the FX thread, for every config change) restarts a
 *       debounce timer and cancels the run in flight: a slider storm ends in exactly one run, of the last
 *       config.</li>
 *   <li>A run goes through the {@link Launcher} (the app's background door, with progress and a cancel button)
 *       and streams a {@link SweepSnapshot} after every point; only snapshots of the newest request reach the
 *       {@link Listener}, on the owner thread.</li>
 *   <li>Runs and calibrations hold one lock around the kernel: a newer run waits for the cancelled one to
 *       leave (the kernel polls its cancel flag between blocks), so two never compete for the cores.</li>
 * </ul>
 */
public final class MeasurementService implements AutoCloseable {

    /** Something that can be called off. */
    @FunctionalInterface
    public interface Cancellable {
        void cancel();
    }

    /** Runs an action on the owner thread after a delay. */
    @FunctionalInterface
    public interface Scheduler {
        Cancellable schedule(long delayMillis, Runnable action);
    }

    /** Starts background work (the app: {@code ctx.tasks()}); the work reports through its {@link RunContext}. */
    @FunctionalInterface
    public interface Launcher {
        Cancellable launch(String name, Work work);
    }

    /** Background work. */
    @FunctionalInterface
    public interface Work {
        void run(RunContext rc) throws Exception;
    }

    /** What background work may do. */
    public interface RunContext {
        boolean isCancelled();

        void progress(double fraction, String message);

        /** Runs {@code action} on the owner thread. */
        void deliver(Runnable action);
    }

    /** Receives results on the owner thread; only those of the newest request. */
    public interface Listener {
        /** A run of {@code plan} was requested (it starts after the debounce delay). */
        default void requested(MeasurementPlan plan) {
        }

        /** A partial or final snapshot. */
        void snapshot(SweepSnapshot s);

        /** The run failed (not cancelled); one line. */
        default void failed(MeasurementPlan plan, Throwable error) {
        }

        default void calibrated(CalibrationResult r) {
        }

        default void calibrationFailed(Throwable error) {
        }
    }

    private final KernelProbe probe;
    private final MachineProbe machine;
    private final MeasurementLimits limits;
    private final Scheduler scheduler;
    private final Launcher launcher;
    private final long debounceMillis;
    private final Listener listener;
    private final ReentrantLock kernelLock = new ReentrantLock();
    private final String runName;
    private final String calibrationName;

    // owner-thread state
    private Cancellable pending;
    private Cancellable running;
    private Cancellable calibrating;
    private MeasurementPlan lastPlan;
    private volatile long generation;
    private volatile boolean closed;
    private volatile boolean active;

    public MeasurementService(KernelProbe probe, MachineProbe machine, MeasurementLimits limits, Scheduler scheduler,
                              Launcher launcher, long debounceMillis, Listener listener, String runName,
                              String calibrationName) {
        this.probe = probe;
        this.machine = machine;
        this.limits = limits;
        this.scheduler = scheduler;
        this.launcher = launcher;
        this.debounceMillis = debounceMillis;
        this.listener = listener;
        this.runName = runName;
        this.calibrationName = calibrationName;
    }

    public MeasurementLimits limits() {
        return limits;
    }

    public KernelProbe probe() {
        return probe;
    }

    /** The plan of the newest request, or null. */
    public MeasurementPlan lastPlan() {
        return lastPlan;
    }

    /** True while a run is scheduled or in flight (owner thread). */
    public boolean isBusy() {
        return active;
    }

    /**
     * Asks for a measurement of {@code config}: cancels the pending and the running request and starts a run
     * after the debounce delay. A config whose measured part equals the last request's is not re-measured
     * unless {@code force}; the listener then only gets the re-labelled last plan.
     *
     * @return the plan that will be measured
     */
    public MeasurementPlan request(AttentionConfig config, boolean force) {
        if (closed) {
            return null;
        }
        MeasurementPlan plan = MeasurementPlan.forConfig(config, limits);
        boolean same = plan.sameMeasurement(lastPlan);
        lastPlan = plan;
        listener.requested(plan);
        if (same && !force) {
            return plan;
        }
        long gen = ++generation;
        cancelPendingAndRunning();
        active = true;
        pending = scheduler.schedule(debounceMillis, () -> {
            pending = null;
            if (gen == generation && !closed) {
                running = launcher.launch(runName, rc -> measure(plan, gen, rc));
            }
        });
        return plan;
    }

    /** {@link #request(AttentionConfig, boolean)} without force. */
    public MeasurementPlan request(AttentionConfig config) {
        return request(config, false);
    }

    /** Stops the pending and the running measurement; no more results arrive for them. */
    public void cancel() {
        generation++;
        cancelPendingAndRunning();
        active = false;
        lastPlan = null;
    }

    private void cancelPendingAndRunning() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
        if (running != null) {
            running.cancel();
            running = null;
        }
    }

    private void measure(MeasurementPlan plan, long gen, RunContext rc) throws InterruptedException {
        java.util.function.BooleanSupplier stale = () -> closed || gen != generation || rc.isCancelled();
        if (!lock(stale)) {
            return;
        }
        try {
            new KernelSweep(probe).run(plan, stale::getAsBoolean, rc::progress,
                    s -> rc.deliver(() -> {
                        if (gen == generation && !closed) {
                            if (s.done()) {
                                active = false;
                                running = null;
                            }
                            listener.snapshot(s);
                        }
                    }));
        } catch (CancellationException e) {
            // a newer request (or close) replaced this run
        } catch (RuntimeException | OutOfMemoryError e) {
            if (!stale.getAsBoolean()) {
                rc.deliver(() -> {
                    if (gen == generation) {
                        active = false;
                        running = null;
                        listener.failed(plan, e);
                    }
                });
            }
        } finally {
            kernelLock.unlock();
        }
    }

    /** Takes the kernel lock, giving up when {@code stale} fires. */
    private boolean lock(java.util.function.BooleanSupplier stale) throws InterruptedException {
        while (!kernelLock.tryLock(20, TimeUnit.MILLISECONDS)) {
            if (stale.getAsBoolean()) {
                return false;
            }
        }
        if (stale.getAsBoolean()) {
            kernelLock.unlock();
            return false;
        }
        return true;
    }

    /** Measures the machine's limits in the background (runs between measurements, never beside one). */
    public void calibrate() {
        if (closed || machine == null) {
            return;
        }
        if (calibrating != null) {
            calibrating.cancel();
        }
        calibrating = launcher.launch(calibrationName, rc -> {
            java.util.function.BooleanSupplier stop = () -> closed || rc.isCancelled();
            if (!lock(stop)) {
                return;
            }
            try {
                CalibrationResult r = machine.calibrate(stop, rc::progress);
                rc.deliver(() -> {
                    calibrating = null;
                    if (!closed) {
                        listener.calibrated(r);
                    }
                });
            } catch (CancellationException e) {
                // closed or cancelled
            } catch (RuntimeException | OutOfMemoryError e) {
                rc.deliver(() -> {
                    calibrating = null;
                    if (!closed) {
                        listener.calibrationFailed(e);
                    }
                });
            } finally {
                kernelLock.unlock();
            }
        });
    }

    /**
     * Cancels everything and stops the kernel's threads at once (a run in flight is interrupted and its
     * results are dropped). Never waits, so it is safe on the UI thread.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        cancel();
        closed = true;
        if (calibrating != null) {
            calibrating.cancel();
            calibrating = null;
        }
        probe.close();
    }
}
