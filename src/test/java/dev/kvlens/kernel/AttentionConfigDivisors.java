package dev.kvlens.kernel;

import dev.kvlens.model.AttentionConfig;
import java.util.List;

final class AttentionConfigDivisors {

    private AttentionConfigDivisors() {
    }

    /** A divisor of h chosen by pick (any int ≥ 0). */
    static int pick(int h, int pick) {
        List<Integer> d = AttentionConfig.divisors(h);
        return d.get(Math.floorMod(pick, d.size()));
    }
}
