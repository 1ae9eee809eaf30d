package dev.kvlens.kernel;

import static dev.kvlens.kernel.KernelTestSupport.assertClose;
import static dev.kvlens.kernel.KernelTestSupport.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvlens.model.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class KernelExamplesTest {

    static final AttentionKernel K2 = new AttentionKernel(2);
    static final AttentionKernel K3 = new AttentionKernel(3);

    @AfterAll
    static void close() {
        K2.close();
        K3.close();
    }

    @Test
    void vectorPathIsUsedWhenTheModuleIsPresent() {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
        assertThat(KernelOps.best().isVector()).isTrue();
        assertThat(KernelOps.best().lanes()).isGreaterThan(1);
    }

    @Test
    void systemPropertyTurnsTheVectorPathOff() {
        String old = System.getProperty(KernelOps.VECTOR_PROPERTY);
        try {
            System.setProperty(KernelOps.VECTOR_PROPERTY, "false");
            assertThat(KernelOps.vectorAvailable()).isFalse();
        } finally {
            if (old == null) {
                System.clearProperty(KernelOps.VECTOR_PROPERTY);
            } else {
                System.setProperty(KernelOps.VECTOR_PROPERTY, old);
            }
        }
        assertThat(KernelOps.vectorAvailable()).isTrue();
    }

    @Test
    void singleTokenPrefillReturnsItsValue() {
        KvCache c = KvCache.shared(1, 4, 2, 8, 4);
        float[] q = random(4 * 8, 1, 3f);
        float[] k = random(2 * 8, 2, 3f);
        float[] v = random(2 * 8, 3, 1f);
        float[] out = KernelTestSupport.prefill(K2, c, q, k, v, 1);
        for (int h = 0; h < 4; h++) {
            for (int j = 0; j < 8; j++) {
                assertThat(out[h * 8 + j]).isEqualTo(v[(h / 2) * 8 + j]);
            }
        }
        assertThat(c.length()).isEqualTo(1);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 8})
    void longDecodeIsSplitOverPositionsAndMergedExactly(int kv) {
        int h = 8, d = 128, len = 1500, group = h / kv;
        KvCache c = KvCache.shared(1, h, kv, d, len + 1);
        c.appendRandom(len, 42);
        float[] q = random(h * d, 5, 1f);
        float[] kn = random(kv * d, 6, 1f);
        float[] vn = random(kv * d, 7, 1f);
        float[] out = new float[h * d];
        float[] w = new float[len + 1];
        // keys and values of every KV head, the new token included: [kv][len+1][d]
        float[] kAll = new float[kv * (len + 1) * d];
        float[] vAll = new float[kAll.length];
        for (int g = 0; g < kv; g++) {
            for (int t = 0; t < len; t++) {
                c.copyKey(0, g, t, kAll, (g * (len + 1) + t) * d);
                c.copyValue(0, g, t, vAll, (g * (len + 1) + t) * d);
            }
            System.arraycopy(kn, g * d, kAll, (g * (len + 1) + len) * d, d);
            System.arraycopy(vn, g * d, vAll, (g * (len + 1) + len) * d, d);
        }
        K3.decode(c, q, kn, vn, out, AttentionKernel.NEVER, w, 5);
        double[] expected = new double[h * d];
        for (int hh = 0; hh < h; hh++) {
            int g = hh / group;
            double[] wr = NaiveAttention.weights(q, hh * d, kAll, g * (len + 1) * d, len + 1, d, 1 / Math.sqrt(d));
            if (hh == 5) {
                assertClose(w, wr, 1e-4, "weights");
            }
            for (int t = 0; t <= len; t++) {
                for (int j = 0; j < d; j++) {
                    expected[hh * d + j] += wr[t] * vAll[(g * (len + 1) + t) * d + j];
                }
            }
        }
        assertClose(out, expected, 2e-4, "decode over " + len + " positions, KV = " + kv);
        assertThat(c.length()).isEqualTo(len + 1);
    }

    @Test
    void cacheBytesAreExact() {
        KvCache c = KvCache.shared(2, 32, 8, 128, 100);
        assertThat(c.allocatedBytes()).isEqualTo(2L * 2 * 8 * 100 * 128 * 4);
        assertThat(c.usedBytes()).isZero();
        c.appendRandom(10, 1);
        assertThat(c.usedBytes()).isEqualTo(2L * 2 * 8 * 10 * 128 * 4);
        c.append(new float[2 * 8 * 3 * 128], new float[2 * 8 * 3 * 128], 3);
        assertThat(c.length()).isEqualTo(13);
        assertThat(c.usedBytes()).isEqualTo(2L * 2 * 8 * 13 * 128 * 4);
        c.truncate(5);
        assertThat(c.usedBytes()).isEqualTo(2L * 2 * 8 * 5 * 128 * 4);
        assertThat(c.allocatedBytes()).isEqualTo(KvCache.bytesFor(2, 32, 8, 128, 100, false));
        KvCache e = KvCache.expanded(2, 32, 8, 128, 100);
        assertThat(e.allocatedBytes()).isEqualTo(4 * c.allocatedBytes());
        assertThat(KvCache.bytesFor(1, 32, 32, 128, 32768, false)).isEqualTo(1L << 30);
        assertThatThrownBy(() -> c.appendRandom(96, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds 100 tokens");
    }

    @Test
    void expandedCacheStoresACopyPerQueryHead() {
        KvCache e = KvCache.expanded(1, 4, 2, 4, 8);
        float[] k = random(2 * 4, 9, 1f);
        e.append(k, k, 1);
        float[] a = new float[4];
        e.copyKey(0, 1, 0, a, 0);
        assertThat(a).containsExactly(k[4], k[5], k[6], k[7]);
        assertThat(e.storedHeads()).isEqualTo(4);
        assertThat(e.keySlab(0, 2)).isNotSameAs(e.keySlab(0, 3));
        assertThat(e.keySlab(0, 3)[0]).isEqualTo(k[4]);
    }

    @Test
    void badShapesAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> KvCache.shared(1, 32, 5, 128, 10)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("32 query heads cannot be split into 5 groups");
        assertThatThrownBy(() -> KvCache.shared(1, 32, 8, 0, 10)).isInstanceOf(ConfigException.class)
                .hasMessage("head dim must be at least 1 (got 0)");
        assertThatThrownBy(() -> new AttentionKernel(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void budgetRefusesBeforeAllocating() {
        MemoryBudget b = new MemoryBudget(3L << 29); // 1.5 GiB
        assertThatThrownBy(() -> b.allocate(1, 32, 32, 128, 32768 * 4, false))
                .isInstanceOf(ConfigException.class)
                .hasMessage("a 131072-token MHA cache needs 4 GiB but the budget is 1.5 GiB; "
                        + "lower the sequence length or batch");
        assertThat(b.allocate(1, 32, 1, 128, 1024, false).allocatedBytes()).isEqualTo(1L << 20);
        assertThat(MemoryBudget.defaultBudget().bytes())
                .isEqualTo((long) (Runtime.getRuntime().maxMemory() * MemoryBudget.DEFAULT_FRACTION));
    }

    @Test
    void cancelledPrefillThrowsAndLeavesTheCacheAsItWas() {
        int tokens = 512;
        KvCache c = KvCache.shared(1, 8, 2, 64, tokens);
        float[] q = random(8 * tokens * 64, 1, 1f);
        float[] k = random(2 * tokens * 64, 2, 1f);
        AtomicInteger polls = new AtomicInteger();
        assertThatThrownBy(() -> K2.prefill(c, q, k, k, tokens, new float[q.length], () -> polls.incrementAndGet() > 5))
                .isInstanceOf(CancellationException.class);
        // far fewer polls than the blocks a complete run checks (2 heads × 16 query blocks × up to 8 key blocks)
        assertThat(polls.get()).isLessThan(20);
        assertThat(c.length()).isZero();
    }

    @Test
    void cancelledDecodeThrowsAndLeavesTheCacheAsItWas() {
        KvCache c = KvCache.shared(1, 4, 4, 64, 4097);
        c.appendRandom(4096, 3);
        AtomicInteger polls = new AtomicInteger();
        float[] q = random(4 * 64, 1, 1f);
        assertThatThrownBy(() -> K2.decode(c, q, new float[4 * 64], new float[4 * 64], new float[4 * 64],
                () -> polls.incrementAndGet() > 3)).isInstanceOf(CancellationException.class);
        assertThat(polls.get()).isLessThan(10);
        assertThat(c.length()).isEqualTo(4096);
        // an already-set flag stops before any work
        polls.set(0);
        assertThatThrownBy(() -> K2.decode(c, q, new float[4 * 64], new float[4 * 64], new float[4 * 64],
                () -> true)).isInstanceOf(CancellationException.class);
    }

    @Test
    void vectorRoutinesMatchScalarOnes() {
        KernelOps v = KernelOps.best();
        KernelOps s = KernelOps.scalar();
        for (int n : new int[] {1, 5, 16, 17, 63, 64, 100, 128, 130, 160, 255}) {
            float[] a = random(n, n, 2f);
            float[] b = random(n, n + 1, 2f);
            assertThat(v.dot(a, 0, b, 0, n)).isCloseTo(s.dot(a, 0, b, 0, n), org.assertj.core.data.Offset.offset(1e-3f));
            assertThat(v.max(a, 0, n)).isEqualTo(s.max(a, 0, n));
            float[] x1 = random(n, n + 2, 80f);
            float[] x2 = x1.clone();
            float m = s.max(x1, 0, n);
            float sum1 = v.expSub(x1, 0, n, m);
            float sum2 = s.expSub(x2, 0, n, m);
            assertThat(sum1).isCloseTo(sum2, org.assertj.core.data.Percentage.withPercentage(1e-3));
            assertClose(x1, x2, 1e-6, "expSub " + n);
            int rows = 1 + n % 5, cols = n, d = 1 + n % 37;
            float[] q = random(rows * d, n + 3, 1f);
            float[] kt = random(d * cols, n + 4, 1f);
            float[] s1 = new float[rows * cols];
            float[] s2 = new float[rows * cols];
            v.scoresT(q, 0, d, rows, kt, 0, cols, cols, d, 0.5f, s1, 0, cols);
            s.scoresT(q, 0, d, rows, kt, 0, cols, cols, d, 0.5f, s2, 0, cols);
            assertClose(s1, s2, 1e-5, "scoresT " + n);
            float[] vv = random(cols * n, n + 5, 1f);
            float[] acc1 = random(rows * n, n + 6, 1f);
            float[] acc2 = acc1.clone();
            v.pv(s1, 0, cols, rows, cols, vv, 0, n, n, acc1, 0, n);
            s.pv(s1, 0, cols, rows, cols, vv, 0, n, n, acc2, 0, n);
            assertClose(acc1, acc2, 1e-5, "pv " + n);
        }
        // tiles at offsets inside larger arrays with padded leading dimensions, as prefill and decode call them
        for (int rows : new int[] {1, 3, 4, 6, 9}) {
            int cols = 77, d = 67, ldq = d + 5, ldkt = cols + 11, lds = cols + 3, qo = 7, kto = 13, so = 2;
            float[] q = random(qo + rows * ldq, rows, 1f);
            float[] kt = random(kto + d * ldkt, rows + 1, 1f);
            float[] s1 = new float[so + rows * lds];
            float[] s2 = new float[so + rows * lds];
            v.scoresT(q, qo, ldq, rows, kt, kto, ldkt, cols, d, 0.25f, s1, so, lds);
            s.scoresT(q, qo, ldq, rows, kt, kto, ldkt, cols, d, 0.25f, s2, so, lds);
            assertClose(s1, s2, 1e-5, "scoresT strided rows=" + rows);
            int ldv = d + 9, vo = 5, ao = 3, lda = d + 2;
            float[] vv = random(vo + cols * ldv, rows + 2, 1f);
            float[] acc1 = random(ao + rows * lda, rows + 3, 1f);
            float[] acc2 = acc1.clone();
            v.pv(s1, so, lds, rows, cols, vv, vo, ldv, d, acc1, ao, lda);
            s.pv(s1, so, lds, rows, cols, vv, vo, ldv, d, acc2, ao, lda);
            assertClose(acc1, acc2, 1e-5, "pv strided rows=" + rows);
        }
        float[] e = {-1e4f, -100f, 0f, 88.7f, -1e4f, -1e4f, -1e4f, -1e4f, -1e4f, -1e4f, -1e4f, -1e4f, -1e4f, -1e4f,
            -1e4f, -1e4f};
        v.expSub(e, 0, e.length, 0f);
        for (float x : e) {
            assertThat(Float.isFinite(x)).isTrue();
        }
    }

    @Test
    void kernelAndBenchPackagesDoNotUseJavaFx() throws IOException {
        Path root = Path.of("src/main/java/dev/kvlens");
        for (String pkg : List.of("kernel", "bench")) {
            Path dir = root.resolve(pkg);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                List<Path> bad = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                    try {
                        return Files.readString(p).contains("import javafx");
                    } catch (IOException ex) {
                        throw new RuntimeException(ex);
                    }
                }).collect(Collectors.toList());
                assertThat(bad).as("javafx imports in " + pkg).isEmpty();
            }
        }
    }

    @Test
    void vectorReferencesStayInOneClass() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<String> users = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readString(p).contains("import jdk.incubator.vector");
                } catch (IOException ex) {
                    throw new RuntimeException(ex);
                }
            }).map(p -> p.getFileName().toString()).collect(Collectors.toList());
            assertThat(users).containsExactly("VectorOps.java");
        }
    }
}
