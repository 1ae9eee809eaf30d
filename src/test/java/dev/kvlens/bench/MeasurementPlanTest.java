package dev.kvlens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvDtype;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasurementPlanTest {

    static final MeasurementLimits LIMITS = new MeasurementLimits(1L << 30, 512L << 20, 6, 128, 1.5e9, 3, 9,
            40_000_000L);

    @Test
    void measuresCurrentThenMhaThenMqaWithoutDuplicates() {
        AttentionConfig gqa = AttentionConfig.of(32, 8, 128, 32, 1, 4096, KvDtype.FP16);
        assertThat(MeasurementPlan.forConfig(gqa, LIMITS).kvHeads()).containsExactly(8, 32, 1);
        assertThat(MeasurementPlan.forConfig(gqa.asMha(), LIMITS).kvHeads()).containsExactly(32, 1);
        assertThat(MeasurementPlan.forConfig(gqa.asMqa(), LIMITS).kvHeads()).containsExactly(1, 32);
    }

    @Test
    void contextsHalveDownFromTAndIncludeThePrefillLength() {
        AttentionConfig c = AttentionConfig.of(32, 8, 128, 32, 1, 4096, KvDtype.FP16);
        MeasurementPlan p = MeasurementPlan.forConfig(c, LIMITS);
        // 1.5 GFLOP at 4·32·128 FLOPs per (query, key) pair: p(p+1)/2 ≤ 91552 → p = 427
        assertThat(p.prefillTokens()).isEqualTo(427);
        assertThat(p.contexts()).containsExactly(128, 256, 427, 512, 1024, 2048, 4096);
        assertThat(p.maxContext()).isEqualTo(4096);
    }

    @Test
    void shortSequencesGiveOnePoint() {
        AttentionConfig c = AttentionConfig.of(4, 2, 16, 2, 1, 20, KvDtype.FP32);
        MeasurementPlan p = MeasurementPlan.forConfig(c, LIMITS);
        assertThat(p.prefillTokens()).isEqualTo(20);
        assertThat(p.contexts()).isEqualTo(List.of(20));
    }

    @Test
    void bigCachesAreSkippedWithTheReason() {
        AttentionConfig c = AttentionConfig.of(32, 8, 128, 32, 1, 65536, KvDtype.FP16);
        MeasurementPlan p = MeasurementPlan.forConfig(c, LIMITS);
        // MHA at 65536 tokens: 2 × 32 × 65537 × 128 × 4 B ≈ 2 GiB > 1 GiB budget
        assertThat(p.skipReason(32, 65537)).isEqualTo(MeasurementPlan.SkipReason.OVER_BUDGET);
        // GQA-8 at 65536: 512 MiB + one token > 512 MiB cap, < budget
        assertThat(p.skipReason(8, 65537)).isEqualTo(MeasurementPlan.SkipReason.OVER_CAP);
        assertThat(p.skipReason(1, 65537)).isNull();
        assertThat(p.cacheBytes(1, 1000)).isEqualTo(2L * 1000 * 128 * 4);
    }

    @Test
    void formulaOnlyFieldsDoNotChangeTheMeasurement() {
        AttentionConfig c = AttentionConfig.of(32, 8, 128, 32, 1, 4096, KvDtype.FP16);
        MeasurementPlan a = MeasurementPlan.forConfig(c, LIMITS);
        assertThat(a.sameMeasurement(MeasurementPlan.forConfig(c.withLayers(80).withDtype(KvDtype.INT8)
                .withBatch(4), LIMITS))).isTrue();
        assertThat(a.sameMeasurement(MeasurementPlan.forConfig(c.withKvHeads(4), LIMITS))).isFalse();
        assertThat(a.sameMeasurement(MeasurementPlan.forConfig(c.withSeqLen(2048), LIMITS))).isFalse();
    }

    @Test
    void statsAreMinMedianMax() {
        Stats s = Stats.ofNanos(new long[] {5_000, 1_000, 3_000, 9_000, 0}, 4);
        assertThat(s.min()).isEqualTo(1e-6);
        assertThat(s.median()).isEqualTo(4e-6);
        assertThat(s.max()).isEqualTo(9e-6);
        assertThat(s.n()).isEqualTo(4);
        assertThat(Stats.ofNanos(new long[] {7, 3, 5}, 3).median()).isEqualTo(5e-9);
    }

    @Test
    void calibrationRoundTripsAndRejectsGarbage() {
        CalibrationResult r = new CalibrationResult(12.5, 80.25, 1, 512L << 20, "cpu|2|v|1|17", 1234L);
        assertThat(CalibrationResult.decode(r.encode())).contains(r);
        assertThat(CalibrationResult.decode("garbage")).isEmpty();
        assertThat(CalibrationResult.decode("cal2;NaN;1;1;1;1;x")).isEmpty();
        assertThat(CalibrationResult.decode("cal2;-1;1;1;1;1;x")).isEmpty();
        assertThat(CalibrationResult.decode(null)).isEmpty();
        // a result cached by an older probe revision is measured again, not reused
        assertThat(CalibrationResult.decode(r.encode().replaceFirst("^cal2;", "cal1;"))).isEmpty();
        // 1 GB of K/V at 12.5 GB/s takes at least 80 ms
        assertThat(r.bandwidthBoundSeconds(1e9)).isEqualTo(0.08);
    }
}
