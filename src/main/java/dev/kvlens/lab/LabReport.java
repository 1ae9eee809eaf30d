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
 * dev.kvlens.lab.LabReport [threads]}.
 */
public final class LabReport {

    private LabReport() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : AttentionProbe.interactiveThreads();
        BenchLabProbe probe = new BenchLabProbe(threads);
        AttentionConfig llama = AttentionConfig.of(32, 8, 128, 32, 1, 4096, KvDtype.FP16);

        List<Shape> roofShapes = Experiments.rooflineShapes(llama);
        List<Timed> roof = Experiments.timeAll(probe, roofShapes, null, null);
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
            List<Timed> t = Experiments.timeAll(probe, Experiments.shazeerShapes(b), null, null);
            double mha = t.get(0).bestNs() / 1e3 / b;
            double mqa = t.get(1).bestNs() / 1e3 / b;
            System.out.printf(Locale.ROOT, "| %d | %.3f | %.3f | %.2f× | %.1f× | %.0f%% |%n", b, mha, mqa, mha / mqa,
                    PaperFigures.shazeerSpeedup(), 100 * (mha / mqa) / PaperFigures.shazeerSpeedup());
        }

        System.out.println();
        System.out.println("| KV heads (H = 64) | best | time / MHA (ours) | K/V bytes / MHA | paper T5-XXL / MHA |");
        System.out.println("|---:|---:|---:|---:|---:|");
        List<Timed> ai = Experiments.timeAll(probe, Experiments.ainslieShapes(64, 1), null, null);
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
        GqaConversion.Layer layer = GqaConversion.synthetic(16, 32, 64, 64, 1.0, 1);
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
    }
}
