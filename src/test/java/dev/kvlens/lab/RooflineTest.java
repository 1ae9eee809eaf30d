package dev.kvlens.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RooflineTest {

    private final Roofline r = new Roofline(100, 25); // 100 GFLOP/s, 25 GB/s → ridge at 4 FLOP/byte

    @Test
    void attainableIsTheLowerRoof() {
        assertThat(r.ridge()).isEqualTo(4.0);
        assertThat(r.attainable(1)).isEqualTo(25.0);
        assertThat(r.attainable(4)).isEqualTo(100.0);
        assertThat(r.attainable(64)).isEqualTo(100.0);
        assertThat(r.attainable(0)).isZero();
        assertThat(r.memoryBound(0.5)).isTrue();
        assertThat(r.memoryBound(16)).isFalse();
        assertThat(r.fractionOfRoof(2, 25)).isEqualTo(0.5);
        assertThatThrownBy(() -> new Roofline(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodeIntensityGrowsWithTheGroupSizeOnly() {
        // fp32: MHA 0.5 FLOP/byte whatever H; MQA H/2
        assertThat(Roofline.decodeIntensity(32, 32, 4)).isEqualTo(0.5);
        assertThat(Roofline.decodeIntensity(32, 8, 4)).isEqualTo(2.0);
        assertThat(Roofline.decodeIntensity(32, 1, 4)).isEqualTo(16.0);
        assertThat(Roofline.decodeIntensity(32, 8, 2)).isEqualTo(4.0);
    }

    @Test
    void shapeCountsAgreeWithTheClosedForms() {
        Shape d = Shape.decode(3, 32, 8, 128, 1000);
        assertThat(d.flops()).isEqualTo(4L * 3 * 32 * 1000 * 128);
        assertThat(d.kvBytes()).isEqualTo(2L * 3 * 8 * 1000 * 128 * 4);
        assertThat(d.intensity()).isEqualTo(Roofline.decodeIntensity(32, 8, 4));
        Shape p = Shape.prefill(1, 32, 8, 64, 255);
        assertThat(p.intensity()).isCloseTo(Roofline.prefillIntensity(32, 8, 255, 4), within(1e-12));
        assertThat(p.intensity()).isEqualTo(32.0 * 256 / (8 * 4));
        assertThat(p.variant()).isEqualTo("GQA-8");
        assertThatThrownBy(() -> Shape.decode(1, 32, 5, 64, 8)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timedPointsReportAchievedRates() {
        Timed t = new Timed(Shape.decode(1, 8, 8, 128, 128), 1000, 900, 5);
        assertThat(t.gflops()).isEqualTo(4.0 * 8 * 128 * 128 / 900);
        assertThat(t.gbps()).isEqualTo(2.0 * 8 * 128 * 128 * 4 / 900);
        assertThatThrownBy(() -> new Timed(Shape.decode(1, 8, 8, 128, 128), 900, 1000, 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(t.bestMicros()).isEqualTo(0.9);
    }
}
