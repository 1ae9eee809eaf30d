package dev.kvlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelCliTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = KvLensCommand.execute(new PrintWriter(o), new PrintWriter(e), args);
        return new Run(code, o.toString(), e.toString());
    }

    static void assertOneLineError(Run r, String fragment) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        String[] lines = r.err().strip().split("\n");
        assertThat(lines[0]).startsWith("error: ").contains(fragment);
    }

    @Test
    void npyHeaderIsByteExact() {
        byte[] h = Npy.header(4, 16, 8);
        assertThat(h.length % 64).isZero();
        assertThat(h.length).isEqualTo(128);
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (4, 16, 8), }";
        StringBuilder expected = new StringBuilder();
        expected.append("\u0093NUMPY\u0001\u0000");
        int hl = 128 - 10;
        expected.append((char) (hl & 0xff)).append((char) (hl >> 8));
        expected.append(dict).append(" ".repeat(hl - dict.length() - 1)).append('\n');
        assertThat(new String(h, StandardCharsets.ISO_8859_1)).isEqualTo(expected.toString());
        assertThat(new String(Npy.header(5), StandardCharsets.ISO_8859_1)).contains("'shape': (5,), }");
    }

    @Test
    void vectorsWritesNpyFilesThatReadBackAndMatchTheDefinition(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("vec");
        Run r = run("vectors", "--heads", "4", "--kv-heads", "2", "--head-dim", "8", "--seq", "5", "--seed", "3",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Npy.Array q = Npy.read(out.resolve("q.npy"));
        Npy.Array k = Npy.read(out.resolve("k.npy"));
        Npy.Array v = Npy.read(out.resolve("v.npy"));
        Npy.Array o = Npy.read(out.resolve("out.npy"));
        assertThat(q.shape()).containsExactly(4, 5, 8);
        assertThat(k.shape()).containsExactly(2, 5, 8);
        assertThat(v.shape()).containsExactly(2, 5, 8);
        assertThat(o.shape()).containsExactly(4, 5, 8);
        assertThat(Files.size(out.resolve("q.npy"))).isEqualTo(128 + 4L * 5 * 8 * 4);
        // out = causal softmax(q k^T / sqrt(d)) v with query head h reading K/V head h / 2
        for (int h = 0; h < 4; h++) {
            for (int i = 0; i < 5; i++) {
                double[] s = new double[i + 1];
                double mx = Double.NEGATIVE_INFINITY;
                for (int t = 0; t <= i; t++) {
                    for (int j = 0; j < 8; j++) {
                        s[t] += (double) q.data()[(h * 5 + i) * 8 + j] * k.data()[((h / 2) * 5 + t) * 8 + j];
                    }
                    s[t] /= Math.sqrt(8);
                    mx = Math.max(mx, s[t]);
                }
                double sum = 0;
                for (int t = 0; t <= i; t++) {
                    s[t] = Math.exp(s[t] - mx);
                    sum += s[t];
                }
                for (int j = 0; j < 8; j++) {
                    double e = 0;
                    for (int t = 0; t <= i; t++) {
                        e += s[t] / sum * v.data()[((h / 2) * 5 + t) * 8 + j];
                    }
                    assertThat((double) o.data()[(h * 5 + i) * 8 + j]).isCloseTo(e,
                            org.assertj.core.data.Offset.offset(1e-4));
                }
            }
        }
        String readme = Files.readString(out.resolve("README.txt"));
        assertThat(readme).contains("[H, T, D]").contains("1/sqrt(8)").contains("causal mask").contains("np.load");
    }

    @Test
    void vectorsRefusesToOverwriteWithoutForce(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("q.npy"), "mine");
        String[] args = {"vectors", "--heads", "2", "--kv-heads", "1", "--head-dim", "4", "--seq", "3", "--out",
            dir.toString()};
        Run r = run(args);
        assertOneLineError(r, "already exists");
        assertThat(r.err()).contains("--force");
        assertThat(Files.readString(dir.resolve("q.npy"))).isEqualTo("mine");
        assertThat(dir.resolve("k.npy")).doesNotExist();
        String[] forced = java.util.Arrays.copyOf(args, args.length + 1);
        forced[args.length] = "--force";
        assertThat(run(forced).code()).isZero();
        assertThat(Npy.read(dir.resolve("q.npy")).shape()).containsExactly(2, 3, 4);
    }

    @Test
    void vectorsBadInputIsExitTwoAndOneLine(@TempDir Path dir) {
        assertOneLineError(run("vectors", "--heads", "32", "--kv-heads", "5", "--head-dim", "8", "--seq", "4",
                "--out", dir.toString()), "cannot be split into 5 groups");
        assertOneLineError(run("vectors", "--heads", "4", "--kv-heads", "2", "--head-dim", "0", "--seq", "4",
                "--out", dir.toString()), "head dim must be at least 1");
        assertOneLineError(run("vectors", "--heads", "4", "--kv-heads", "2", "--head-dim", "8", "--seq", "-3",
                "--out", dir.toString()), "sequence length must be at least 1");
        assertOneLineError(run("vectors", "--heads", "32", "--kv-heads", "32", "--head-dim", "128", "--seq",
                "10000000", "--out", dir.toString()), "but the budget is");
    }

    @Test
    void benchPrintsJsonWithOneResultPerKvValue() throws Exception {
        Run r = run("bench", "--heads", "4", "--head-dim", "16", "--seq", "64", "--kv-heads", "4,2,1", "--threads",
                "2", "--repeats", "3", "--warmup", "1", "--probe-ms", "30", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode results = root.get("results");
        assertThat(results).hasSize(3);
        for (String f : new String[] {"kv_heads", "mode", "median_ms", "min_ms", "max_ms", "kv_bytes_read", "flops",
            "gbps", "gflops", "limit_gbps", "limit_gflops", "fraction_of_limit"}) {
            assertThat(results.get(0).has(f)).as(f).isTrue();
        }
        assertThat(results.get(0).get("kv_heads").asInt()).isEqualTo(4);
        assertThat(results.get(2).get("kv_heads").asInt()).isEqualTo(1);
        assertThat(results.get(0).get("mode").asText()).isEqualTo("decode");
        assertThat(results.get(0).get("kv_bytes_read").asLong()).isEqualTo(2L * 4 * 64 * 16 * 4);
        assertThat(results.get(2).get("kv_bytes_read").asLong()).isEqualTo(2L * 1 * 64 * 16 * 4);
        assertThat(results.get(1).get("flops").asLong()).isEqualTo(4L * 4 * 64 * 16);
        assertThat(results.get(0).get("min_ms").asDouble()).isLessThanOrEqualTo(results.get(0).get("median_ms").asDouble());
        assertThat(results.get(0).get("limit_gflops").asDouble()).isPositive();
        assertThat(root.get("machine").get("cores").asInt()).isPositive();
    }

    @Test
    void benchPrefillCsvAndTable() {
        Run csv = run("bench", "--heads", "2", "--head-dim", "8", "--seq", "40", "--kv-heads", "1", "--mode", "prefill",
                "--threads", "1", "--repeats", "1", "--warmup", "0", "--probe-ms", "20", "--format", "csv");
        assertThat(csv.code()).as(csv.err()).isZero();
        String[] lines = csv.out().strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("kv_heads,variant,mode");
        assertThat(lines[1]).startsWith("1,MQA,prefill,2,8,40,");
        Run table = run("bench", "--heads", "2", "--head-dim", "8", "--seq", "40", "--repeats", "1", "--warmup", "0",
                "--probe-ms", "20");
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out()).contains("MHA").contains("MQA").contains("limit GB/s");
    }

    @Test
    void benchBadInputIsExitTwoAndOneLine() {
        assertOneLineError(run("bench", "--heads", "32", "--head-dim", "128", "--seq", "16", "--kv-heads", "5"),
                "32 query heads cannot be split into 5 groups");
        assertOneLineError(run("bench", "--heads", "32", "--head-dim", "0", "--seq", "16"), "head dim must be at least 1");
        assertOneLineError(run("bench", "--heads", "0", "--head-dim", "8", "--seq", "16"), "query heads must be at least 1");
        assertOneLineError(run("bench", "--heads", "4", "--head-dim", "8", "--seq", "0"), "sequence length must be at least 1");
        assertOneLineError(run("bench", "--heads", "32", "--head-dim", "128", "--seq", "4000000", "--kv-heads", "32"),
                "but the budget is");
        assertOneLineError(run("bench", "--heads", "4", "--head-dim", "8", "--seq", "8", "--mode", "train"),
                "unknown mode");
        assertOneLineError(run("bench", "--heads", "4", "--head-dim", "8", "--seq", "8", "--format", "xml"),
                "unknown format");
    }
}
