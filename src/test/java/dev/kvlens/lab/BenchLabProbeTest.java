package dev.kvlens.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvlens.bench.BenchSettings;
import dev.kvlens.bench.DecodeBenchmark;
import dev.kvlens.bench.PrefillBenchmark;
import dev.kvlens.kernel.MemoryBudget;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** The real probe on tiny shapes: it runs the kernel and the calibration; no timing is asserted. */
class BenchLabProbeTest {

    private final BenchLabProbe probe = new BenchLabProbe(1, new MemoryBudget(64L << 20), BenchSettings.fixed(1, 3),
            20_000_000L);

    @Test
    void timesDecodeAndPrefillAndReportsItsNeeds() {
        Shape d = Shape.decode(1, 4, 2, 16, 32);
        Shape p = Shape.prefill(1, 4, 1, 16, 32);
        Timed td = probe.time(d, null);
        Timed tp = probe.time(p, null);
        assertThat(td.shape()).isEqualTo(d);
        assertThat(td.repeats()).isEqualTo(3);
        assertThat(td.bestNs()).isPositive().isLessThanOrEqualTo(td.medianNs());
        assertThat(tp.repeats()).isEqualTo(3);
        assertThat(probe.bytesNeeded(d)).isEqualTo(DecodeBenchmark.bytesNeeded(1, 4, 2, 16, 32));
        assertThat(probe.bytesNeeded(p)).isEqualTo(PrefillBenchmark.bytesNeeded(1, 4, 1, 16, 32));
        assertThat(probe.budgetBytes()).isEqualTo(64L << 20);
    }

    @Test
    void calibratesOnTheRequestedBufferAndHonoursCancel() {
        LabProbe.Limits l = probe.calibrate(1L << 20, null);
        assertThat(l.readGBs()).isPositive();
        assertThat(l.fmaGflops()).isPositive();
        assertThat(l.probeBytes()).isEqualTo(1L << 20);
        assertThat(l.threads()).isEqualTo(1);
        assertThat(l.machine()).contains("thread");
        assertThatThrownBy(() -> probe.calibrate(1L << 20, () -> true)).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> probe.calibrate(1L << 30, null)).hasMessageContaining("bandwidth probe buffer");
    }
}
