package dev.kvlens.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvCacheMath;
import dev.kvlens.model.KvDtype;
import dev.kvlens.model.ModelPreset;
import dev.kvlens.model.Presets;
import dev.kvlens.model.Units;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code calc}: KV cache size of a preset or a hand-given shape, with its MHA and MQA counterparts. */
@Command(name = "calc", mixinStandardHelpOptions = true,
        description = "KV cache per token and in total for a preset or a shape, and for the MHA and MQA "
                + "variants of the same shape. Options given with --preset override the preset's values.")
final class CalcCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", paramLabel = "ID", description = "a preset id (see 'presets')")
    String preset;
    @Option(names = "--layers", paramLabel = "L", description = "transformer layers")
    Integer layers;
    @Option(names = "--heads", paramLabel = "H", description = "query heads")
    Integer heads;
    @Option(names = "--kv-heads", paramLabel = "KV", description = "key/value heads (a divisor of H)")
    Integer kvHeads;
    @Option(names = "--head-dim", paramLabel = "D", description = "per-head width")
    Integer headDim;
    @Option(names = "--hidden", paramLabel = "N", description = "model width (default H x D)")
    Integer hidden;
    @Option(names = "--seq", paramLabel = "T", defaultValue = "4096", description = "tokens per sequence (default ${DEFAULT-VALUE})")
    int seq;
    @Option(names = "--batch", paramLabel = "B", defaultValue = "1", description = "sequences (default ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "fp16",
            description = "KV cache element type: fp32, fp16, bf16, fp8, int8, int4 (default ${DEFAULT-VALUE})")
    String dtype;
    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE})")
    String format;

    @Override
    public Integer call() throws Exception {
        AttentionConfig c = config();
        PrintWriter out = spec.commandLine().getOut();
        String fmt = format.toLowerCase(Locale.ROOT);
        if (fmt.equals("json")) {
            out.println(json(c));
        } else if (fmt.equals("text")) {
            text(out, c);
        } else {
            throw new IllegalArgumentException("unknown format '" + format + "'; choose text or json");
        }
        out.flush();
        return 0;
    }

    AttentionConfig config() {
        KvDtype type = KvDtype.parse(dtype);
        if (preset != null) {
            ModelPreset p = Presets.require(preset);
            int h = heads != null ? heads : p.heads();
            int kv = kvHeads != null ? kvHeads : (heads != null ? h : p.kvHeads());
            int d = headDim != null ? headDim : p.headDim();
            int hid = hidden != null ? hidden : (heads != null || headDim != null ? h * d : p.hidden());
            return new AttentionConfig(hid, h, kv, d, layers != null ? layers : p.layers(), batch, seq, type);
        }
        StringBuilder missing = new StringBuilder();
        if (layers == null) missing.append(" --layers");
        if (heads == null) missing.append(" --heads");
        if (kvHeads == null) missing.append(" --kv-heads");
        if (headDim == null) missing.append(" --head-dim");
        if (missing.length() > 0) {
            throw new IllegalArgumentException("give --preset ID, or all of --layers --heads --kv-heads --head-dim (missing:"
                    + missing + ")");
        }
        long hid = hidden != null ? hidden : (long) heads * headDim;
        if (hid > AttentionConfig.MAX_HIDDEN) {
            throw new IllegalArgumentException("hidden size " + hid + " is too large (at most "
                    + AttentionConfig.MAX_HIDDEN + ")");
        }
        return new AttentionConfig((int) hid, heads, kvHeads, headDim, layers, batch, seq, type);
    }

    private static void text(PrintWriter out, AttentionConfig c) {
        out.printf(Locale.ROOT, "shape     L=%d H=%d KV=%d d=%d hidden=%d  %s (%d query heads per KV head)%n",
                c.layers(), c.heads(), c.kvHeads(), c.headDim(), c.hidden(), c.variantLabel(), c.headsPerGroup());
        out.printf(Locale.ROOT, "cache     T=%d tokens, batch %d, %s%n", c.seqLen(), c.batch(), c.dtype().id());
        out.printf(Locale.ROOT, "formula   2 x %d layers x %d kv_heads x %d head_dim x %s bytes = %s per token%n",
                c.layers(), c.kvHeads(), c.headDim(), bytesPerElement(c.dtype()),
                Units.count(KvCacheMath.bytesPerToken(c)));
        out.println();
        out.printf("%-8s %8s %18s %18s %16s %10s%n", "variant", "KV", "bytes/token/layer", "bytes/token",
                "total", "vs MHA");
        row(out, c.asMha());
        if (c.kvHeads() != c.heads() && c.kvHeads() != 1) {
            row(out, c);
        }
        if (c.heads() != 1) {
            row(out, c.asMqa());
        }
        out.println();
        out.printf(Locale.ROOT, "this config: %s per token, %s in total (%s bytes)%n",
                Units.bytes(KvCacheMath.bytesPerToken(c)), Units.bytes(KvCacheMath.totalBytes(c)),
                Units.count(KvCacheMath.totalBytes(c)));
    }

    private static void row(PrintWriter out, AttentionConfig c) {
        out.printf(Locale.ROOT, "%-8s %8d %18s %18s %16s %9.2fx%n", c.variantLabel(), c.kvHeads(),
                Units.bytes(KvCacheMath.bytesPerTokenPerLayer(c)), Units.bytes(KvCacheMath.bytesPerToken(c)),
                Units.bytes(KvCacheMath.totalBytes(c)), 1.0 / KvCacheMath.ratioToMha(c));
    }

    private static String bytesPerElement(KvDtype d) {
        double b = d.bytesPerElement();
        return b == Math.rint(b) ? String.valueOf((long) b) : String.valueOf(b);
    }

    static String json(AttentionConfig c) throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.put("layers", c.layers());
        o.put("hidden", c.hidden());
        o.put("heads", c.heads());
        o.put("kv_heads", c.kvHeads());
        o.put("head_dim", c.headDim());
        o.put("seq", c.seqLen());
        o.put("batch", c.batch());
        o.put("dtype", c.dtype().id());
        o.put("variant", c.variantLabel());
        o.put("kv_bytes_per_token_per_layer", KvCacheMath.bytesPerTokenPerLayer(c));
        o.put("kv_bytes_per_token", KvCacheMath.bytesPerToken(c));
        o.put("kv_bytes_total", KvCacheMath.totalBytes(c));
        o.put("ratio_to_mha", 1.0 / KvCacheMath.ratioToMha(c));
        ObjectNode mha = o.putObject("mha");
        mha.put("kv_heads", c.heads());
        mha.put("kv_bytes_per_token", KvCacheMath.bytesPerToken(c.asMha()));
        mha.put("kv_bytes_total", KvCacheMath.totalBytes(c.asMha()));
        ObjectNode mqa = o.putObject("mqa");
        mqa.put("kv_heads", 1);
        mqa.put("kv_bytes_per_token", KvCacheMath.bytesPerToken(c.asMqa()));
        mqa.put("kv_bytes_total", KvCacheMath.totalBytes(c.asMqa()));
        return m.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    }
}
