package dev.kvlens.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvlens.kernel.KvCache;
import dev.kvlens.kernel.MemoryBudget;
import dev.kvlens.model.ConfigException;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The real kernel, tiny shapes: what the probe reports is what the kernel allocated. */
class AttentionProbeTest {

    static final AttentionProbe PROBE = new AttentionProbe(2, new MemoryBudget(64L << 20));
    static final KernelProbe.Repeats REPS = new KernelProbe.Repeats(2, 4, 0);

    @AfterAll
    static void close() {
        PROBE.close();
    }

    @Test
    void decodeReportsTheCacheItAllocated() {
        DecodePoint p = PROBE.decode(8, 2, 32, 300, REPS, () -> false);
        assertThat(p.allocatedBytes()).isEqualTo(KvCache.bytesFor(1, 8, 2, 32, 301, false))
                .isEqualTo(2L * 2 * 301 * 32 * 4);
        assertThat(p.seconds().n()).isEqualTo(2);
        assertThat(p.seconds().min()).isPositive();
        assertThat(p.context()).isEqualTo(300);
        assertThat(p.allocatedBytesPerToken()).isEqualTo(2.0 * 2 * 32 * 4);
    }

    @Test
    void aShapeMeasuredAgainReusesItsCache() {
        DecodePoint a = PROBE.decode(4, 2, 16, 123, REPS, () -> false);
        long pooled = PROBE.pooledBytes();
        DecodePoint b = PROBE.decode(4, 2, 16, 123, REPS, () -> false);
        assertThat(PROBE.pooledBytes()).isEqualTo(pooled);
        assertThat(b.allocatedBytes()).isEqualTo(a.allocatedBytes());
        assertThat(b.heapBeforeBytes()).isEqualTo(a.heapBeforeBytes());
        PROBE.decode(4, 2, 16, 124, REPS, () -> false);
        assertThat(PROBE.pooledBytes()).isEqualTo(pooled + KvCache.bytesFor(1, 4, 2, 16, 125, false));
    }

    @Test
    void prefillIsTimed() {
        PrefillPoint p = PROBE.prefill(4, 1, 16, 50, REPS, () -> false);
        assertThat(p.tokens()).isEqualTo(50);
        assertThat(p.seconds().median()).isPositive();
        assertThat(p.allocatedBytes()).isEqualTo(2L * 50 * 16 * 4);
    }

    @Test
    void overBudgetIsRefusedBeforeAllocating() {
        assertThatThrownBy(() -> PROBE.decode(32, 32, 128, 8192, REPS, () -> false))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void cancelIsHonoured() {
        assertThatThrownBy(() -> PROBE.decode(8, 8, 32, 2000, REPS, () -> true))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void describesItsRoutinesAndThreads() {
        assertThat(PROBE.describe()).contains("2 threads");
    }
}
