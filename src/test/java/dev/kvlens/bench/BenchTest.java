package dev.kvlens.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvlens.kernel.AttentionKernel;
import dev.kvlens.kernel.KernelOps;
import dev.kvlens.kernel.MemoryBudget;
import dev.kvlens.model.ConfigException;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class BenchTest {

    @Test
    void decodeBenchmarkReportsExactBytesAndFlops() {
        try (AttentionKernel k = new AttentionKernel(2)) {
            BenchResult r = DecodeBenchmark.run(k, 1, 8, 2, 32, 100, BenchSettings.fixed(1, 4),
                    new MemoryBudget(1L << 30), 10.0, 100.0, 1, null);
            assertThat(r.repeats()).isEqualTo(4);
            assertThat(r.kvBytesRead()).isEqualTo(2L * 2 * 100 * 32 * 4);
            assertThat(r.flops()).isEqualTo(4L * 8 * 100 * 32);
            assertThat(r.minNs()).isLessThanOrEqualTo(r.medianNs());
            assertThat(r.medianNs()).isLessThanOrEqualTo(r.maxNs());
            assertThat(r.variant()).isEqualTo("GQA-2");
            assertThat(r.gbps()).isEqualTo(r.kvBytesRead() / (double) r.medianNs());
        }
    }

    @Test
    void prefillBenchmarkCountsCausalFlops() {
        try (AttentionKernel k = new AttentionKernel(1)) {
            BenchResult r = PrefillBenchmark.run(k, 1, 4, 1, 16, 50, BenchSettings.fixed(0, 2),
                    new MemoryBudget(1L << 30), 10.0, 100.0, 1, null);
            assertThat(r.flops()).isEqualTo(4L * 4 * 16 * (50 * 51 / 2));
            assertThat(r.bound()).isEqualTo("compute");
            assertThat(r.fractionOfLimit()).isEqualTo(r.flops() / 100.0 / r.medianNs());
        }
    }

    @Test
    void rooflineFractionUsesTheDominantLimit() {
        // 1 GB read at 10 GB/s = 0.1 s; 1 GFLOP at 100 GFLOP/s = 0.01 s: memory-bound, measured 0.2 s → 50 %
        BenchResult r = new BenchResult("decode", 32, 32, 128, 1, 1, 1, 1, 200_000_000L, 1, 1, 1_000_000_000L,
                1_000_000_000L, 10.0, 100.0);
        assertThat(r.bound()).isEqualTo("memory");
        assertThat(r.fractionOfLimit()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
        BenchResult c = new BenchResult("decode", 32, 1, 128, 1, 1, 1, 1, 40_000_000L, 1, 1, 1_000_000L,
                2_000_000_000L, 10.0, 100.0);
        assertThat(c.bound()).isEqualTo("compute");
        assertThat(c.fractionOfLimit()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void benchmarksCheckTheBudgetFirst() {
        try (AttentionKernel k = new AttentionKernel(1)) {
            assertThatThrownBy(() -> DecodeBenchmark.run(k, 1, 32, 32, 128, 32768, BenchSettings.fixed(0, 1),
                    new MemoryBudget(1L << 20), 1, 1, 1, null)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("a 32768-token MHA decode benchmark needs 1 GiB but the budget is 1 MiB");
        }
    }

    @Test
    void probesMeasureSomethingAndCanBeCancelled() {
        Calibration c = new Calibration(KernelOps.best(), 2, 30_000_000L);
        Calibration.Probe bw = c.readBandwidth(1 << 20, null);
        assertThat(bw.value()).isPositive();
        assertThat(bw.passes()).isPositive();
        Calibration.Probe fma = c.fmaThroughput(null);
        assertThat(fma.value()).isPositive();
        assertThatThrownBy(() -> c.readBandwidth(1 << 20, () -> true)).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> c.fmaThroughput(() -> true)).isInstanceOf(CancellationException.class);
        try (AttentionKernel k = new AttentionKernel(1)) {
            assertThatThrownBy(() -> DecodeBenchmark.run(k, 1, 4, 1, 16, 64, BenchSettings.defaults(),
                    new MemoryBudget(1L << 30), 1, 1, 1, () -> true)).isInstanceOf(CancellationException.class);
        }
    }

    @Test
    void machineInfoIsFilledIn() {
        MachineInfo m = MachineInfo.current();
        assertThat(m.cpuModel()).isNotBlank();
        assertThat(m.cores()).isPositive();
        assertThat(m.jdk()).startsWith(System.getProperty("java.version"));
        assertThat(m.vector()).isEqualTo(KernelOps.best().name());
        assertThat(MachineInfo.of(KernelOps.scalar()).vector()).isEqualTo("scalar");
    }
}
