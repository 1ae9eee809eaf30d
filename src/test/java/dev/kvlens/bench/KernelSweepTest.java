package dev.kvlens.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvDtype;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class KernelSweepTest {

    static final MeasurementLimits LIMITS = new MeasurementLimits(1L << 30, 4L << 20, 4, 64, 1e8, 1, 3, 0);

    @Test
    void streamsOneSnapshotPerPointCurrentVariantFirst() {
        FakeProbe probe = new FakeProbe();
        AttentionConfig c = AttentionConfig.of(8, 2, 64, 4, 1, 512, KvDtype.FP16);
        MeasurementPlan plan = MeasurementPlan.forConfig(c, LIMITS);
        List<SweepSnapshot> seen = new ArrayList<>();
        List<Double> fractions = new ArrayList<>();
        SweepSnapshot done = new KernelSweep(probe).run(plan, () -> false, (f, w) -> fractions.add(f), seen::add);

        assertThat(probe.calls.get(0)).isEqualTo("decode 2 " + plan.contexts().get(0));
        assertThat(probe.calls.get(1)).isEqualTo("decode 8 " + plan.contexts().get(0));
        assertThat(probe.calls.get(2)).isEqualTo("decode 1 " + plan.contexts().get(0));
        assertThat(done.done()).isTrue();
        assertThat(done.decode()).hasSize(3 * plan.contexts().size());
        assertThat(done.prefill()).hasSize(3);
        assertThat(seen).hasSize(plan.steps() + 1);
        assertThat(seen.get(0).decode()).hasSize(1);
        assertThat(seen.get(seen.size() - 1)).isEqualTo(done);
        assertThat(fractions).isSorted().last().isEqualTo(1.0);
        assertThat(done.firstPointNanos()).isBetween(0L, done.elapsedNanos());
    }

    @Test
    void pointsOverTheCapAreSkippedNotAllocated() {
        FakeProbe probe = new FakeProbe();
        // MHA at 8192 tokens: 2 × 32 × 8193 × 128 × 4 B = 256 MiB > 4 MiB cap; MQA: 8 MiB > cap too
        AttentionConfig c = AttentionConfig.of(32, 8, 128, 4, 1, 8192, KvDtype.FP16);
        MeasurementPlan plan = MeasurementPlan.forConfig(c, LIMITS);
        SweepSnapshot done = new KernelSweep(probe).run(plan, () -> false, (f, w) -> { }, s -> { });
        assertThat(done.skipped()).isNotEmpty();
        assertThat(done.skipped()).allMatch(s -> s.reason() == MeasurementPlan.SkipReason.OVER_CAP
                && s.needBytes() > LIMITS.cacheCapBytes());
        assertThat(probe.calls).noneMatch(call -> call.equals("decode 32 8192"));
        assertThat(done.decode(1, plan.contexts().get(0))).isPresent();
        assertThat(done.decode().size() + done.prefill().size() + done.skipped().size()).isEqualTo(plan.steps());
    }

    @Test
    void cancelStopsBetweenPoints() {
        FakeProbe probe = new FakeProbe();
        AttentionConfig c = AttentionConfig.of(8, 2, 64, 4, 1, 512, KvDtype.FP16);
        MeasurementPlan plan = MeasurementPlan.forConfig(c, LIMITS);
        boolean[] stop = {false};
        probe.beforeCall = () -> stop[0] = probe.calls.size() >= 2;
        assertThatThrownBy(() -> new KernelSweep(probe).run(plan, () -> stop[0], (f, w) -> { }, s -> { }))
                .isInstanceOf(CancellationException.class);
        assertThat(probe.calls).hasSize(2);
    }
}
