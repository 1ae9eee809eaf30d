package dev.kvlens.kernel;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of the kernel's inner routines (scalar vs vector) and of whole decode steps. Build with
 * {@code mvn -Pbench package}; run with
 * {@code java --add-modules jdk.incubator.vector -jar target/benchmarks.jar KernelRoutines}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class KernelRoutinesBenchmark {

    @Param({"vector", "scalar"})
    public String impl;

    @Param({"128"})
    public int d;

    private KernelOps ops;
    private float[] q;
    private float[] k;
    private float[] kt;
    private float[] s;
    private float[] acc;

    @Setup
    public void setUp() {
        ops = impl.equals("scalar") ? KernelOps.scalar() : KernelOps.best();
        q = random(32 * d, 1);
        k = random(64 * d, 2);
        kt = random(d * 64, 3);
        s = random(32 * 64, 4);
        acc = new float[32 * d];
    }

    /** One score: the decode inner product of a query with a cached key. */
    @Benchmark
    public float dot() {
        return ops.dot(q, 0, k, 0, d);
    }

    /** A 32 × 64 score tile against transposed keys (prefill). */
    @Benchmark
    public float scoresTile() {
        ops.scoresT(q, 0, d, 32, kt, 0, 64, 64, d, 0.088f, s, 0, 64);
        return s[5];
    }

    /** A 32 × 64 weight tile times 64 value rows (prefill and grouped decode). */
    @Benchmark
    public float valueTile() {
        ops.pv(s, 0, 64, 32, 64, k, 0, d, d, acc, 0, d);
        return acc[7];
    }

    /** exp of 64 scores minus their max (the softmax's inner loop). */
    @Benchmark
    public float expRow() {
        System.arraycopy(kt, 0, s, 0, 64);
        return ops.expSub(s, 0, 64, 1f);
    }

    /** A whole decode step, H = 32, d = 128, T = 4096, on one thread. */
    @State(Scope.Thread)
    public static class DecodeState {
        @Param({"32", "8", "1"})
        public int kvHeads;
        AttentionKernel kernel;
        KvCache cache;
        float[] q = random(32 * 128, 5);
        float[] kv;
        float[] out = new float[32 * 128];

        @Setup(Level.Trial)
        public void setUp() {
            kernel = new AttentionKernel(1);
            cache = KvCache.shared(1, 32, kvHeads, 128, 4096);
            cache.appendRandom(4095, 6);
            kv = random(kvHeads * 128, 7);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            kernel.close();
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public float decodeStep(DecodeState st) {
        st.cache.truncate(4095);
        st.kernel.decode(st.cache, st.q, st.kv, st.kv, st.out, null);
        return st.out[3];
    }

    static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }
}
