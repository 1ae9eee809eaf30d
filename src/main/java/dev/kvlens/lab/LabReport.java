package dev.kvlens.lab;

import dev.kvlens.bench.AttentionProbe;
import dev.kvlens.kernel.AttentionKernel;
import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvDtype;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Runs the Lab's plans headless, with the same probe and settings as the app, and prints Markdown tables for
 * docs/benchmarks.md: {@code java --add-modules jdk.incubator.vector -cp target/kvlens.jar
 * dev.kvlens.lab.LabReport [threads [warm-up ms]]}.
 */
public final class LabReport {

    /** Longest wait for an idle machine before each point, seconds. */
    static final int IDLE_WAIT_S = Integer.getInteger("kvlens.lab.idleWait", 20);

    private LabReport() {
    }

    /**
     * Waits (at most {@code maxSeconds}) until the machine has been at least 80 % idle for one second, from
     * /proc/stat; returns the idle share seen last (−1 when /proc/stat is unreadable). Used only by this report,
     * so that figures are not taken while other work saturates the cores.
     */
    static double waitForIdle(int maxSeconds) {
        double idle = -1;
        long end = System.nanoTime() + maxSeconds * 1_000_000_000L;
        do {
            long[] a = cpuTimes();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return idle;
            }
            long[] b = cpuTimes();
            if (a == null || b == null) {
                return -1;
            }
            idle = (b[1] - a[1]) / (double) Math.max(1, b[0] - a[0]);
        } while (idle < 0.8 && System.nanoTime() < end);
        return idle;
    }

    /** {total, idle} jiffies of all CPUs, or null. */
    private static long[] cpuTimes() {
        try {
            String line = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static List<Timed> timeWhenIdle(LabProbe probe, List<Shape> shapes) {
        List<Timed> out = new ArrayList<>();
        for (Shape s : shapes) {
            double idle = waitForIdle(IDLE_WAIT_S);
            System.err.printf(Locale.ROOT, "idle %.0f%% before %s %s%n", idle * 100, s.variant(), s.mode());
            out.add(probe.time(s, null));
        }
        return out;
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : AttentionProbe.interactiveThreads();
        long warmupMs = args.length > 1 ? Long.parseLong(args[1]) : BenchLabProbe.QUICK.warmupNanos() / 1_000_000;
        BenchLabProbe probe = new BenchLabProbe(threads, dev.kvlens.kernel.MemoryBudget.defaultBudget(),
                new dev.kvlens.bench.BenchSettings(warmupMs * 1_000_000L, 2, 5, 60, 300_000_000L));
        AttentionConfig llama = AttentionConfig.of(32, 8, 128, 32, 1, 4096, KvDtype.FP16);

        List<Shape> roofShapes = Experiments.rooflineShapes(llama);
        List<Timed> roof = timeWhenIdle(probe, roofShapes);
        waitForIdle(IDLE_WAIT_S);
        LabProbe.Limits limits = probe.calibrate(Experiments.bandwidthProbeBytes(roofShapes), null);
        Roofline r = limits.roofline();
        System.out.println("Machine: " + limits.machine());
        System.out.printf(Locale.ROOT, "Limits: read %.1f GB/s on %d MiB, FMA %.1f GFLOP/s, ridge %.2f FLOP/byte%n%n",
                limits.readGBs(), limits.probeBytes() >> 20, limits.fmaGflops(), r.ridge());
        System.out.println("| mode | variant | shape (B·H·KV·d·T) | FLOP/byte | GFLOP/s (best) | of roof | best | median |");
        System.out.println("|---|---|---|---:|---:|---:|---:|---:|");
        for (Timed t : roof) {
            Shape s = t.shape();
            System.out.printf(Locale.ROOT, "| %s | %s | %d·%d·%d·%d·%d | %.2f | %.2f | %.0f%% | %.3f ms | %.3f ms |%n",
                    s.mode().name().toLowerCase(Locale.ROOT), s.variant(), s.batch(), s.heads(), s.kvHeads(),
                    s.headDim(), s.seq(), s.intensity(), t.gflops(),
                    100 * r.fractionOfRoof(s.intensity(), t.gflops()), t.bestNs() / 1e6, t.medianNs() / 1e6);
        }

        System.out.println();
        System.out.println("| batch | MHA µs/token | MQA µs/token | MHA / MQA (ours) | paper 46 / 3.8 | ours / paper |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        for (int b : new int[] {1, 8, 32, 128}) {
            List<Timed> t = timeWhenIdle(probe, Experiments.shazeerShapes(b));
            double mha = t.get(0).bestNs() / 1e3 / b;
            double mqa = t.get(1).bestNs() / 1e3 / b;
            System.out.printf(Locale.ROOT, "| %d | %.3f | %.3f | %.2f× | %.1f× | %.0f%% |%n", b, mha, mqa, mha / mqa,
                    PaperFigures.shazeerSpeedup(), 100 * (mha / mqa) / PaperFigures.shazeerSpeedup());
        }

        System.out.println();
        System.out.println("| KV heads (H = 64) | best | time / MHA (ours) | K/V bytes / MHA | paper T5-XXL / MHA |");
        System.out.println("|---:|---:|---:|---:|---:|");
        List<Timed> ai = timeWhenIdle(probe, Experiments.ainslieShapes(64, 1));
        long mhaNs = ai.get(0).bestNs();
        for (Timed t : ai) {
            String paper = "";
            for (PaperFigures.Point p : PaperFigures.ainslieTable1()) {
                if (p.kvHeads() == t.shape().kvHeads()) {
                    paper = String.format(Locale.ROOT, "%.3f (%.2f s)", p.ratioToMha(), p.seconds());
                }
            }
            System.out.printf(Locale.ROOT, "| %d | %.3f ms | %.3f | %.3f | %s |%n", t.shape().kvHeads(),
                    t.bestNs() / 1e6, t.bestNs() / (double) mhaNs, t.shape().kvHeads() / 64.0, paper);
        }

        System.out.println();
        System.out.println("| G (H = 16) | cache saved | mean-pool | first head | random head | K/V proj. error (mean-pool) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        GqaConversion.Layer layer = GqaConversion.synthetic(16, 32, 64, 64, 0.5, 1); // the Lab page's defaults
        List<Integer> gs = new ArrayList<>(AttentionConfig.divisors(16));
        Collections.reverse(gs);
        try (AttentionKernel k = new AttentionKernel(threads)) {
            List<GqaConversion.Result> res = GqaConversion.sweep(k, layer, gs, List.of(GqaConversion.Method.values()),
                    1, 4, null, null);
            for (int g : gs) {
                GqaConversion.Result[] row = res.stream().filter(x -> x.groups() == g)
                        .toArray(GqaConversion.Result[]::new);
                System.out.printf(Locale.ROOT, "| %d | %.1f%% | %.4f | %.4f | %.4f | %.4f |%n", g,
                        100 * row[0].cacheSaved(), row[0].outputError(), row[1].outputError(), row[2].outputError(),
                        row[0].kvProjectionError());
            }
        }

        System.out.println();
        KvReductions.Setup rs = KvReductions.Setup.of(AttentionConfig.of(32, 8, 128, 32, 1, 8192,
                dev.kvlens.model.KvDtype.FP16));
        System.out.printf(Locale.ROOT, "KV reductions, one decode step: H %d, KV %d, d %d, T %d, window %d%n",
                rs.heads(), rs.kvHeads(), rs.headDim(), rs.tokens(), rs.window());
        System.out.println("| cache | bytes | bytes / fp32 | best | median | time / fp32 (best) | rel. error vs fp32 |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        List<KvReductions.Row> rr = KvReductions.measure(rs, threads, dev.kvlens.kernel.MemoryBudget.defaultBudget(),
                null, (a, b) -> { });
        KvReductions.Row base = rr.get(0);
        for (KvReductions.Row row : rr) {
            System.out.printf(Locale.ROOT, "| %s%s | %s | %.3f | %.3f ms | %.3f ms | %.2f | %.2e |%n",
                    row.format().id(), row.windowed() ? ", window " + row.window() : ", full",
                    dev.kvlens.model.Units.bytes(row.cacheBytes()), row.cacheBytes() / (double) base.cacheBytes(),
                    row.bestNs() / 1e6, row.medianNs() / 1e6, row.bestNs() / (double) base.bestNs(), row.relError());
        }
    }
}
