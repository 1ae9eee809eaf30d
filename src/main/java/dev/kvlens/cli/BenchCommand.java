package dev.kvlens.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kvlens.Main;
import dev.kvlens.bench.BenchResult;
import dev.kvlens.bench.BenchSettings;
import dev.kvlens.bench.Calibration;
import dev.kvlens.bench.DecodeBenchmark;
import dev.kvlens.bench.MachineInfo;
import dev.kvlens.bench.PrefillBenchmark;
import dev.kvlens.kernel.AttentionKernel;
import dev.kvlens.kernel.KernelOps;
import dev.kvlens.kernel.KvCache;
import dev.kvlens.kernel.MemoryBudget;
import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvDtype;
import dev.kvlens.model.Units;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: times the real kernel for several KV-head counts next to limits measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time the CPU attention kernel (decode step or causal prefill) for each KV-head count, "
                + "next to the read bandwidth and FMA throughput of this machine measured in the same run.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--heads", paramLabel = "H", required = true, description = "query heads")
    int heads;
    @Option(names = "--head-dim", paramLabel = "D", required = true, description = "per-head width")
    int headDim;
    @Option(names = "--seq", paramLabel = "T", required = true, description = "context length (tokens)")
    int seq;
    @Option(names = "--kv-heads", paramLabel = "KV", split = ",",
            description = "KV-head counts to compare, e.g. 32,8,1 (default: H, the divisor nearest 8, and 1)")
    List<Integer> kvHeads;
    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "decode",
            description = "decode or prefill (default ${DEFAULT-VALUE})")
    String mode;
    @Option(names = "--batch", paramLabel = "B", defaultValue = "1", description = "sequences (default ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--threads", paramLabel = "N", description = "kernel threads (default: available processors)")
    Integer threads;
    @Option(names = "--repeats", paramLabel = "N",
            description = "timed calls per shape (default: 5 to 200 calls, about 1.5 s)")
    Integer repeats;
    @Option(names = "--warmup", paramLabel = "N", description = "warm-up calls (default: about 0.5 s)")
    Integer warmup;
    @Option(names = "--probe-ms", paramLabel = "MS", defaultValue = "1000",
            description = "time for each limit probe, ms (default ${DEFAULT-VALUE})")
    long probeMs;
    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--format", paramLabel = "FMT", defaultValue = "table",
            description = "table, csv or json (default ${DEFAULT-VALUE})")
    String format;

    @Override
    public Integer call() throws Exception {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!List.of("table", "text", "csv", "json").contains(fmt)) {
            throw new IllegalArgumentException("unknown format '" + format + "'; choose table, csv or json");
        }
        String m = mode.toLowerCase(Locale.ROOT);
        if (!m.equals("decode") && !m.equals("prefill")) {
            throw new IllegalArgumentException("unknown mode '" + mode + "'; choose decode or prefill");
        }
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (nThreads < 1 || nThreads > 1024) {
            throw new IllegalArgumentException("threads must be between 1 and 1024 (got " + nThreads + ")");
        }
        if (probeMs < 1 || probeMs > 60_000) {
            throw new IllegalArgumentException("probe-ms must be between 1 and 60000 (got " + probeMs + ")");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1 (got " + batch + ")");
        }
        if (repeats != null && repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1 (got " + repeats + ")");
        }
        if (warmup != null && warmup < 0) {
            throw new IllegalArgumentException("warmup must be at least 0 (got " + warmup + ")");
        }
        List<Integer> kvs = kvList();
        MemoryBudget budget = MemoryBudget.defaultBudget();
        for (int kv : kvs) { // every shape is validated and budget-checked before anything runs
            AttentionConfig.of(heads, kv, headDim, 1, batch, seq, KvDtype.FP32);
            KvCache.bytesFor(batch, heads, kv, headDim, seq, false);
            long need = m.equals("decode") ? DecodeBenchmark.bytesNeeded(batch, heads, kv, headDim, seq)
                    : PrefillBenchmark.bytesNeeded(batch, heads, kv, headDim, seq);
            budget.check(need, MemoryBudget.describeCache(batch, heads, kv, seq, false) + " " + m + " benchmark");
            budget.check(KvCache.bytesFor(batch, heads, kv, headDim, seq, false),
                    "the bandwidth probe for " + MemoryBudget.describeCache(batch, heads, kv, seq, false) + " cache");
        }

        // the Vector API module cannot be enabled from a jar manifest: restart once with it (no-op if present)
        Main.relaunchWithVectorModuleIfNeeded(originalArgs());

        BenchSettings settings = settings(m);
        KernelOps ops = KernelOps.best();
        MachineInfo machine = MachineInfo.of(ops);
        PrintWriter err = spec.commandLine().getErr();
        List<BenchResult> results = new ArrayList<>();
        List<Calibration.Probe> bwProbes = new ArrayList<>();
        Calibration cal = new Calibration(ops, nThreads, probeMs * 1_000_000L);
        Calibration.Probe fma = cal.fmaThroughput(null);
        try (AttentionKernel kernel = new AttentionKernel(nThreads, ops)) {
            for (int kv : kvs) {
                if (fmt.equals("table")) {
                    err.printf(Locale.ROOT, "measuring %s %s, T=%d ...%n",
                            MemoryBudget.describeCache(batch, heads, kv, seq, false).substring(2), m, seq);
                    err.flush();
                }
                BenchResult r = m.equals("decode")
                        ? DecodeBenchmark.run(kernel, batch, heads, kv, headDim, seq, settings, budget, 0, 0, seed, null)
                        : PrefillBenchmark.run(kernel, batch, heads, kv, headDim, seq, settings, budget, 0, 0, seed, null);
                System.gc();
                Calibration.Probe bw = cal.readBandwidth(KvCache.bytesFor(batch, heads, kv, headDim, seq, false), null);
                bwProbes.add(bw);
                results.add(new BenchResult(r.mode(), r.heads(), r.kvHeads(), r.headDim(), r.seq(), r.batch(),
                        r.threads(), r.repeats(), r.medianNs(), r.minNs(), r.maxNs(), r.kvBytesRead(), r.flops(),
                        bw.value(), fma.value()));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (fmt) {
            case "json" -> out.println(json(machine, m, nThreads, fma, results));
            case "csv" -> csv(out, results);
            default -> table(out, machine, m, nThreads, fma, results);
        }
        out.flush();
        return 0;
    }

    private BenchSettings settings(String m) {
        BenchSettings d = BenchSettings.defaults();
        if (m.equals("prefill")) {
            d = new BenchSettings(0, 1, 3, 20, 3_000_000_000L);
        }
        int w = warmup != null ? warmup : d.minWarmups();
        long wNanos = warmup != null ? 0 : d.warmupNanos();
        if (repeats != null) {
            return new BenchSettings(wNanos, w, repeats, repeats, 0);
        }
        return new BenchSettings(wNanos, w, d.minRepeats(), d.maxRepeats(), d.targetNanos());
    }

    private List<Integer> kvList() {
        if (heads < 1) {
            throw new IllegalArgumentException("query heads must be at least 1 (got " + heads + ")");
        }
        LinkedHashSet<Integer> set = new LinkedHashSet<>();
        if (kvHeads == null || kvHeads.isEmpty()) {
            set.add(heads);
            set.add(AttentionConfig.nearestDivisor(heads, 8));
            set.add(1);
        } else {
            set.addAll(kvHeads);
        }
        return new ArrayList<>(set);
    }

    private String[] originalArgs() {
        try {
            List<String> a = spec.root().commandLine().getParseResult().originalArgs();
            return a.toArray(new String[0]);
        } catch (RuntimeException e) {
            return new String[] {"bench"};
        }
    }

    /** The MHA row's median over this row's: how much faster sharing K/V made the step. */
    private static Double speedupVsMha(BenchResult r, List<BenchResult> all) {
        for (BenchResult o : all) {
            if (o.kvHeads() == o.heads()) {
                return o.medianNs() / (double) r.medianNs();
            }
        }
        return null;
    }

    /** The same ratio on the fastest calls. */
    private static Double bestSpeedupVsMha(BenchResult r, List<BenchResult> all) {
        for (BenchResult o : all) {
            if (o.kvHeads() == o.heads()) {
                return o.minNs() / (double) r.minNs();
            }
        }
        return null;
    }

    static String json(MachineInfo mi, String mode, int threads, Calibration.Probe fma, List<BenchResult> rs)
            throws Exception {
        ObjectMapper om = new ObjectMapper();
        ObjectNode o = om.createObjectNode();
        ObjectNode m = o.putObject("machine");
        m.put("cpu", mi.cpuModel());
        m.put("cores", mi.cores());
        m.put("vector", mi.vector());
        m.put("lanes", mi.lanes());
        m.put("jdk", mi.jdk());
        m.put("max_heap_bytes", mi.maxHeapBytes());
        o.put("mode", mode);
        o.put("threads", threads);
        o.put("fma_probe_gflops", fma.value());
        ArrayNode arr = o.putArray("results");
        for (BenchResult r : rs) {
            ObjectNode e = arr.addObject();
            e.put("kv_heads", r.kvHeads());
            e.put("variant", r.variant());
            e.put("mode", r.mode());
            e.put("heads", r.heads());
            e.put("head_dim", r.headDim());
            e.put("seq", r.seq());
            e.put("batch", r.batch());
            e.put("threads", r.threads());
            e.put("repeats", r.repeats());
            e.put("median_ms", r.medianMs());
            e.put("min_ms", r.minMs());
            e.put("max_ms", r.maxMs());
            e.put("kv_bytes_read", r.kvBytesRead());
            e.put("flops", r.flops());
            e.put("gbps", r.gbps());
            e.put("gflops", r.gflops());
            e.put("limit_gbps", r.limitGbps());
            e.put("limit_gflops", r.limitGflops());
            e.put("bound", r.bound());
            e.put("fraction_of_limit", r.fractionOfLimit());
            e.put("best_fraction_of_limit", r.bestFractionOfLimit());
            Double s = speedupVsMha(r, rs);
            if (s != null) {
                e.put("speedup_vs_mha", s);
                e.put("best_speedup_vs_mha", bestSpeedupVsMha(r, rs));
            }
            e.put("ideal_speedup_vs_mha", (double) r.heads() / r.kvHeads());
        }
        return om.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    }

    static void csv(PrintWriter out, List<BenchResult> rs) {
        out.println("kv_heads,variant,mode,heads,head_dim,seq,batch,threads,repeats,median_ms,min_ms,max_ms,"
                + "kv_bytes_read,flops,gbps,gflops,limit_gbps,limit_gflops,bound,fraction_of_limit,best_fraction_of_limit,"
                + "speedup_vs_mha,best_speedup_vs_mha");
        for (BenchResult r : rs) {
            Double s = speedupVsMha(r, rs);
            Double sb = bestSpeedupVsMha(r, rs);
            out.printf(Locale.ROOT, "%d,%s,%s,%d,%d,%d,%d,%d,%d,%.4f,%.4f,%.4f,%d,%d,%.3f,%.3f,%.3f,%.3f,%s,%.4f,%.4f,%s,%s%n",
                    r.kvHeads(), r.variant(), r.mode(), r.heads(), r.headDim(), r.seq(), r.batch(), r.threads(),
                    r.repeats(), r.medianMs(), r.minMs(), r.maxMs(), r.kvBytesRead(), r.flops(), r.gbps(), r.gflops(),
                    r.limitGbps(), r.limitGflops(), r.bound(), r.fractionOfLimit(), r.bestFractionOfLimit(),
                    s == null ? "" : String.format(Locale.ROOT, "%.3f", s),
                    sb == null ? "" : String.format(Locale.ROOT, "%.3f", sb));
        }
    }

    static void table(PrintWriter out, MachineInfo mi, String mode, int threads, Calibration.Probe fma,
                      List<BenchResult> rs) {
        out.printf(Locale.ROOT, "machine   %s, %d cores, %s, JDK %s%n", mi.cpuModel(), mi.cores(), mi.vector(),
                mi.jdk());
        out.printf(Locale.ROOT, "run       %s, %d threads, FMA probe %.1f GFLOP/s%n", mode, threads, fma.value());
        out.println();
        out.printf(Locale.ROOT, "%-7s %4s %7s %10s %10s %10s %10s %9s %9s %10s %9s %7s %5s %8s%n", "variant", "KV", "T",
                "median", "min", "max", "K/V read", "GB/s", "GFLOP/s", "limit GB/s", "bound", "of lim", "best", "vs MHA");
        for (BenchResult r : rs) {
            Double s = speedupVsMha(r, rs);
            out.printf(Locale.ROOT, "%-7s %4d %7d %10s %10s %10s %10s %9.2f %9.2f %10.2f %9s %6.0f%% %4.0f%% %8s%n",
                    r.variant(), r.kvHeads(), r.seq(), Units.duration(r.medianNs() / 1e9),
                    Units.duration(r.minNs() / 1e9), Units.duration(r.maxNs() / 1e9), Units.bytes(r.kvBytesRead()),
                    r.gbps(), r.gflops(), r.limitGbps(), r.bound(), 100 * r.fractionOfLimit(), 100 * r.bestFractionOfLimit(),
                    s == null ? "" : String.format(Locale.ROOT, "%.2fx/%.0f", s, (double) r.heads() / r.kvHeads()));
        }
        out.println();
        out.println("limit GB/s: read bandwidth on a buffer as large as that row's cache; of lim: roofline time "
                + "(bytes/bandwidth or flops/FMA) over the median; best: the same over the fastest call;");
        out.println("vs MHA: measured speed-up of the median over the MHA row / ideal H/KV");
    }
}
