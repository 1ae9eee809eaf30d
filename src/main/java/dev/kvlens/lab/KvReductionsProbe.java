package dev.kvlens.lab;

import dev.kvlens.kernel.KernelOps;
import dev.kvlens.kernel.MemoryBudget;
import dev.kvlens.model.Units;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Headless run of {@link KvReductions#measure} for the tables in {@code docs/benchmarks.md}: every requested
 * shape in ONE JVM, one after the other, printed as a Markdown table with the JDK, the kernel routines and the
 * thread count, ratios to the fp32 full cache of the same shape and run.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp target/classes dev.kvlens.lab.KvReductionsProbe \
 *      [--threads N] [--tokens T] [--dim d] HEADS/KV_HEADS ...     (default: 32/32 32/8 32/1)
 * </pre>
 */
public final class KvReductionsProbe {

    private KvReductionsProbe() {
    }

    public static void main(String[] args) {
        int threads = 1;
        int tokens = KvReductions.MAX_TOKENS;
        int dim = KvReductions.MAX_HEAD_DIM;
        List<int[]> shapes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--tokens" -> tokens = Integer.parseInt(args[++i]);
                case "--dim" -> dim = Integer.parseInt(args[++i]);
                default -> {
                    String[] p = args[i].split("/");
                    shapes.add(new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])});
                }
            }
        }
        if (shapes.isEmpty()) {
            shapes = List.of(new int[] {32, 32}, new int[] {32, 8}, new int[] {32, 1});
        }
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "JDK %s (%s), %s, %d kernel thread(s), %d CPUs, T = %d, d = %d, batch 1, one layer%n%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"), KernelOps.best().name(),
                threads, Runtime.getRuntime().availableProcessors(), tokens, dim);
        out.println("| shape | cache | bytes | × fp32 | median (best) | median × fp32 | rel. L2 error vs fp32 full |");
        out.println("|---|---|---:|---:|---:|---:|---:|");
        for (int[] hk : shapes) {
            KvReductions.Setup s = new KvReductions.Setup(hk[0], hk[1], dim, tokens, Math.max(16, tokens / 4));
            List<KvReductions.Row> rows = KvReductions.measure(s, threads, MemoryBudget.defaultBudget(), null,
                    (done, total) -> { });
            KvReductions.Row base = rows.get(0);
            boolean first = true;
            for (KvReductions.Row r : rows) {
                String shape = first ? s.variant() + " (KV " + s.kvHeads() + ")" : "";
                String cache = r.windowed() ? r.format().id() + " window " + r.window()
                        : r.format().id() + (r.format().id().equals("int8") ? " + scales" : "") + " full";
                String err = r == base ? "—" : String.format(Locale.ROOT, "%.2e", r.relError());
                out.printf(Locale.ROOT, "| %s | %s | %s | %.3f | %s (%s) | %.2f | %s |%n", shape, cache,
                        Units.bytes(r.cacheBytes()), r.cacheBytes() / (double) base.cacheBytes(),
                        Units.duration(r.medianNs() / 1e9), Units.duration(r.bestNs() / 1e9),
                        r.medianNs() / (double) base.medianNs(), err);
                first = false;
            }
        }
    }
}
