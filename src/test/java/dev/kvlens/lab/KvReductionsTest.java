package dev.kvlens.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvlens.kernel.MemoryBudget;
import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.ConfigException;
import dev.kvlens.model.KvDtype;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The measurement's plumbing (budget, cancel, error metric, setup); the rows themselves: LabViewModelsTest. */
class KvReductionsTest {

    private static final KvReductions.Setup SMALL = new KvReductions.Setup(8, 2, 16, 300, 75);

    @Test
    void aShapeOverTheBudgetIsRefusedWithASentenceBeforeAnythingIsAllocated() {
        KvReductions.Setup big = KvReductions.Setup.of(AttentionConfig.of(32, 32, 128, 32, 1, 8192, KvDtype.FP16));
        // the random K/V (fp32) plus the fp32 reference cache and one more cache at most
        assertThat(KvReductions.bytesNeeded(big)).isEqualTo(2L * 32 * 8192 * 128 * 4 * 3);
        assertThatThrownBy(() -> KvReductions.measure(big, 1, new MemoryBudget(100L << 20), null, (a, b) -> { }))
                .isInstanceOf(ConfigException.class)
                .hasMessage("the KV-reduction measurement needs 768 MiB but the budget is 100 MiB; "
                        + "lower the sequence length or batch");
    }

    @Test
    void cancelStopsTheRunAndNoRowIsReported() {
        AtomicInteger rows = new AtomicInteger();
        AtomicInteger polls = new AtomicInteger();
        assertThatThrownBy(() -> KvReductions.measure(SMALL, 1, MemoryBudget.defaultBudget(),
                () -> polls.incrementAndGet() > 3, (done, total) -> rows.set(done)))
                .isInstanceOf(CancellationException.class);
        assertThat(rows.get()).isZero();
    }

    @Test
    void timingReturnsBestThenMedianOfRealCalls() {
        AtomicInteger calls = new AtomicInteger();
        long[] t = KvReductions.time(calls::incrementAndGet, null);
        assertThat(calls.get()).isGreaterThanOrEqualTo(20 + 7); // warm-up by count, then at least 7 timed calls
        assertThat(t[0]).isLessThanOrEqualTo(t[1]);
        assertThatThrownBy(() -> KvReductions.time(calls::incrementAndGet, () -> true))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void setupCapsTheShapeButKeepsTheGroupingAndAQuarterWindow() {
        KvReductions.Setup llama70 = KvReductions.Setup.of(AttentionConfig.of(64, 8, 128, 80, 1, 32768, KvDtype.FP16));
        assertThat(llama70).isEqualTo(new KvReductions.Setup(64, 8, 128, 8192, 2048));
        assertThat(llama70.variant()).isEqualTo("GQA-8");
        KvReductions.Setup tiny = KvReductions.Setup.of(AttentionConfig.of(4, 2, 64, 2, 1, 10, KvDtype.FP32));
        assertThat(tiny.tokens()).isEqualTo(KvReductions.MIN_TOKENS);
        assertThat(tiny.window()).isEqualTo(KvReductions.MIN_TOKENS / 4);
        assertThatThrownBy(() -> new KvReductions.Setup(8, 3, 16, 100, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
