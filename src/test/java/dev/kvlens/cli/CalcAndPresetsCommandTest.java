package dev.kvlens.cli;

import static dev.kvlens.cli.CliTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvlens.model.Presets;
import org.junit.jupiter.api.Test;

class CalcAndPresetsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void presetsListsEveryPresetWithItsVariant() {
        CliTestSupport.Run r = run("presets");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().count()).isEqualTo(Presets.all().size() + 1);
        assertThat(r.out()).containsPattern("llama-2-70b\\s+Llama-2-70B\\s+80\\s+64\\s+8\\s+128\\s+GQA-8");
        assertThat(r.out()).containsPattern("falcon-7b\\s+.*\\s+71\\s+1\\s+64\\s+MQA");
    }

    @Test
    void calcJsonForAPresetHasIntegerBytes() throws Exception {
        CliTestSupport.Run r = run("calc", "--preset", "llama-2-7b", "--seq", "1024", "--format", "json");
        assertThat(r.code()).isZero();
        JsonNode o = JSON.readTree(r.out());
        assertThat(o.get("kv_bytes_per_token").isIntegralNumber()).isTrue();
        assertThat(o.get("kv_bytes_per_token").asLong()).isEqualTo(512 * 1024);
        assertThat(o.get("kv_bytes_total").asLong()).isEqualTo(512L * 1024 * 1024);
        assertThat(o.get("variant").asText()).isEqualTo("MHA");
        assertThat(o.get("mqa").get("kv_bytes_per_token").asLong()).isEqualTo(16 * 1024);
    }

    @Test
    void calcFromAShapeWithDefaults() throws Exception {
        CliTestSupport.Run r = run("calc", "--layers", "80", "--heads", "64", "--kv-heads", "8", "--head-dim", "128",
                "--batch", "8", "--format", "json");
        assertThat(r.code()).isZero();
        JsonNode o = JSON.readTree(r.out());
        assertThat(o.get("seq").asInt()).isEqualTo(4096);
        assertThat(o.get("dtype").asText()).isEqualTo("fp16");
        assertThat(o.get("kv_bytes_total").asLong()).isEqualTo(2L * 80 * 8 * 128 * 2 * 4096 * 8);
        assertThat(o.get("mha").get("kv_bytes_total").asLong()).isEqualTo(8 * o.get("kv_bytes_total").asLong());
    }

    @Test
    void calcTextShowsAllThreeVariantsAndTheFormula() {
        CliTestSupport.Run r = run("calc", "--preset", "llama-3-8b");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("MHA").contains("GQA-8").contains("MQA")
                .contains("2 x 32 layers x 8 kv_heads x 128 head_dim x 2 bytes = 131,072 per token");
    }

    @Test
    void presetValuesCanBeOverridden() throws Exception {
        CliTestSupport.Run r = run("calc", "--preset", "llama-2-70b", "--kv-heads", "1", "--format", "json");
        assertThat(r.code()).isZero();
        assertThat(JSON.readTree(r.out()).get("variant").asText()).isEqualTo("MQA");
    }

    @Test
    void badInputIsExitTwoAndOneLine() {
        assertBad(run("calc", "--layers", "32", "--heads", "32", "--kv-heads", "5", "--head-dim", "128"),
                "32 query heads cannot be split into 5 groups");
        assertBad(run("calc", "--layers", "0", "--heads", "32", "--kv-heads", "8", "--head-dim", "128"),
                "layers must be at least 1");
        assertBad(run("calc", "--heads", "32"), "missing: --layers --kv-heads --head-dim");
        assertBad(run("calc", "--preset", "gpt-4"), "unknown preset 'gpt-4'");
        assertBad(run("calc", "--preset", "gpt2", "--dtype", "fp12"), "unknown dtype");
        assertBad(run("calc", "--preset", "gpt2", "--seq", "many"), "many");
        assertBad(run("calc", "--preset", "gpt2", "--format", "xml"), "unknown format");
        assertBad(run("calc", "--nope"), "nope");
        assertBad(run("nonsense"), "nonsense");
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : KvLensCommand.commandNames()) {
            if (cmd.equals("help")) {
                continue;
            }
            CliTestSupport.Run r = run(cmd, "--help");
            assertThat(r.code()).as(cmd).isZero();
            assertThat(r.out()).as(cmd).contains("Usage:");
        }
    }

    private static void assertBad(CliTestSupport.Run r, String fragment) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(fragment).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: ");
    }
}
