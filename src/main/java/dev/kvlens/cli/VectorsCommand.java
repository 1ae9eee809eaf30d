package dev.kvlens.cli;

import dev.kvlens.kernel.AttentionKernel;
import dev.kvlens.kernel.KvCache;
import dev.kvlens.kernel.MemoryBudget;
import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvDtype;
import dev.kvlens.model.Units;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vectors}: writes q, k, v and the kernel's causal attention output as NumPy files. */
@Command(name = "vectors", mixinStandardHelpOptions = true,
        description = "Write random q [H,T,D], k and v [KV,T,D] and the kernel's causal attention output "
                + "out [H,T,D] as NumPy .npy files (little-endian float32, C order), with a README.txt, so a "
                + "hand-written attention can be checked against KV Lens.")
final class VectorsCommand implements Callable<Integer> {

    static final List<String> FILES = List.of("q.npy", "k.npy", "v.npy", "out.npy", "README.txt");

    @Spec
    CommandSpec spec;

    @Option(names = "--heads", paramLabel = "H", required = true, description = "query heads")
    int heads;
    @Option(names = "--kv-heads", paramLabel = "KV", required = true, description = "key/value heads (a divisor of H)")
    int kvHeads;
    @Option(names = "--head-dim", paramLabel = "D", required = true, description = "per-head width")
    int headDim;
    @Option(names = "--seq", paramLabel = "T", required = true, description = "tokens")
    int seq;
    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--out", paramLabel = "DIR", required = true, description = "output directory (created if missing)")
    Path out;
    @Option(names = "--force", description = "overwrite existing q.npy, k.npy, v.npy, out.npy and README.txt")
    boolean force;
    @Option(names = "--threads", paramLabel = "N", description = "kernel threads (default: available processors)")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        AttentionConfig.of(heads, kvHeads, headDim, 1, 1, seq, KvDtype.FP32); // validates, one clear line
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (nThreads < 1) {
            throw new IllegalArgumentException("threads must be at least 1 (got " + nThreads + ")");
        }
        long qn = (long) heads * seq * headDim;
        long kn = (long) kvHeads * seq * headDim;
        MemoryBudget budget = MemoryBudget.defaultBudget();
        long need = KvCache.bytesFor(1, heads, kvHeads, headDim, seq, false)
                + AttentionKernel.prefillScratchBytes(1, heads, kvHeads, headDim, seq, false)
                + (2 * qn + 2 * kn) * Float.BYTES;
        budget.check(need, "writing vectors for " + MemoryBudget.describeCache(1, heads, kvHeads, seq, false)
                + " attention");
        if (qn > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("q of " + heads + " x " + seq + " x " + headDim
                    + " values does not fit one array; lower the sequence length");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + " exists and is not a directory");
        }
        List<String> existing = new ArrayList<>();
        for (String f : FILES) {
            if (Files.exists(out.resolve(f))) {
                existing.add(f);
            }
        }
        if (!existing.isEmpty() && !force) {
            throw new IllegalArgumentException(out.resolve(existing.get(0)) + " already exists"
                    + (existing.size() > 1 ? " (and " + (existing.size() - 1) + " more)" : "")
                    + "; choose another --out or add --force to overwrite");
        }
        Random rnd = new Random(seed);
        float[] q = gaussian(rnd, (int) qn);
        float[] k = gaussian(rnd, (int) kn);
        float[] v = gaussian(rnd, (int) kn);
        float[] o = new float[(int) qn];
        KvCache cache = KvCache.shared(1, heads, kvHeads, headDim, seq);
        try (AttentionKernel kernel = new AttentionKernel(nThreads)) {
            kernel.prefill(cache, q, k, v, seq, o, null);
        }
        Files.createDirectories(out);
        Npy.write(out.resolve("q.npy"), q, heads, seq, headDim);
        Npy.write(out.resolve("k.npy"), k, kvHeads, seq, headDim);
        Npy.write(out.resolve("v.npy"), v, kvHeads, seq, headDim);
        Npy.write(out.resolve("out.npy"), o, heads, seq, headDim);
        Files.writeString(out.resolve("README.txt"), readme(heads, kvHeads, headDim, seq, seed), StandardCharsets.UTF_8);
        PrintWriter pw = spec.commandLine().getOut();
        pw.printf(Locale.ROOT, "wrote q.npy [%d,%d,%d], k.npy and v.npy [%d,%d,%d], out.npy [%d,%d,%d] and "
                        + "README.txt to %s (%s)%n", heads, seq, headDim, kvHeads, seq, headDim, heads, seq, headDim,
                out, Units.bytes((2 * qn + 2 * kn) * Float.BYTES));
        pw.flush();
        return 0;
    }

    private static float[] gaussian(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    static String readme(int h, int kv, int d, int t, long seed) {
        int g = h / kv;
        return String.format(Locale.ROOT, """
                KV Lens attention vectors
                =========================

                Written by: kvlens vectors --heads %1$d --kv-heads %2$d --head-dim %3$d --seq %4$d --seed %5$d

                Files (NumPy .npy v1.0, little-endian float32 '<f4', C order):
                  q.npy    shape (%1$d, %4$d, %3$d)   [H, T, D]   queries, standard normal
                  k.npy    shape (%2$d, %4$d, %3$d)   [KV, T, D]  keys, standard normal
                  v.npy    shape (%2$d, %4$d, %3$d)   [KV, T, D]  values, standard normal
                  out.npy  shape (%1$d, %4$d, %3$d)   [H, T, D]   the kernel's attention output

                What out.npy is (H = %1$d query heads, KV = %2$d key/value heads, group size H/KV = %6$d):
                  query head h uses K/V head g = h // %6$d   (h // (H/KV); MHA if KV = H, MQA if KV = 1)
                  scores[h, i, j] = q[h, i] . k[g, j] / sqrt(D)          (scale 1/sqrt(%3$d))
                  causal mask: scores[h, i, j] = -inf for j > i           (token i sees tokens 0..i)
                  weights = softmax(scores, axis=-1)                      (subtract the row max first)
                  out[h, i] = sum_j weights[h, i, j] * v[g, j]
                Computed in float32 by the KV Lens CPU kernel; expect agreement with a float64 NumPy version to
                about 1e-5 (absolute).

                Check with NumPy:

                  import numpy as np
                  q, k, v, out = (np.load(f + ".npy") for f in ("q", "k", "v", "out"))
                  H, T, D = q.shape
                  KV = k.shape[0]
                  k = np.repeat(k, H // KV, axis=0).astype(np.float64)   # repeat_kv: head h reads K/V head h // (H/KV)
                  v = np.repeat(v, H // KV, axis=0).astype(np.float64)
                  s = q.astype(np.float64) @ k.transpose(0, 2, 1) / np.sqrt(D)
                  s[:, np.triu(np.ones((T, T), dtype=bool), 1)] = -np.inf  # causal mask
                  s -= s.max(axis=-1, keepdims=True)
                  w = np.exp(s)
                  w /= w.sum(axis=-1, keepdims=True)
                  ref = w @ v
                  print("max abs difference:", np.abs(ref - out).max())
                  assert np.allclose(ref, out, atol=1e-4)
                """, h, kv, d, t, seed, g);
    }
}
