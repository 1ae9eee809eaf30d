package dev.kvlens.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bundled presets: shape rules, sourcing, and spot checks against the published configs and papers. */
class PresetsTest {

    private static ModelPreset preset(String id) {
        return Presets.byId(id).orElseThrow(() -> new AssertionError("missing preset " + id));
    }

    private static long fp16BytesPerToken(ModelPreset p) {
        return KvCacheMath.bytesPerToken(p.toConfig(1, 1, KvDtype.FP16));
    }

    @Test
    void loadsAtLeastEighteenPresets() {
        assertThat(Presets.all()).hasSizeGreaterThanOrEqualTo(18);
    }

    @Test
    void idsAreUniqueLowerCaseAndTrimmed() {
        Set<String> seen = new HashSet<>();
        for (ModelPreset p : Presets.all()) {
            assertThat(p.id()).as("id of %s", p.name())
                    .isNotBlank()
                    .isEqualTo(p.id().trim())
                    .isEqualTo(p.id().toLowerCase(Locale.ROOT))
                    .doesNotContain(" ");
            assertThat(seen.add(p.id())).as("duplicate id %s", p.id()).isTrue();
        }
    }

    @Test
    void everyPresetHasANameASourceAndANote() {
        for (ModelPreset p : Presets.all()) {
            assertThat(p.name()).as("name of %s", p.id()).isNotBlank();
            assertThat(p.note()).as("note of %s", p.id()).isNotBlank();
            String source = p.source();
            assertThat(source).as("source of %s", p.id()).isNotBlank();
            assertThat(source.startsWith("https://") || source.contains("arXiv"))
                    .as("source of %s is a URL or an arXiv citation: %s", p.id(), source)
                    .isTrue();
        }
    }

    @Test
    void everyPresetIsAValidShape() {
        for (ModelPreset p : Presets.all()) {
            assertThat(p.kvHeads()).as("KV heads of %s", p.id()).isBetween(1, p.heads());
            assertThat(p.heads() % p.kvHeads()).as("H %% KV of %s", p.id()).isZero();
            assertThat(p.layers()).as("layers of %s", p.id()).isPositive();
            assertThat(p.headDim()).as("head dim of %s", p.id()).isPositive();
            assertThat(p.maxContext()).as("context of %s", p.id()).isPositive();
            // must not throw
            p.toConfig(1, p.maxContext(), KvDtype.FP16);
        }
    }

    @Test
    void requiredModelsArePresent() {
        List<String> required = List.of("gpt2", "gpt2-xl", "bert-base", "llama-2-7b", "llama-2-13b", "llama-2-70b",
                "llama-3-8b", "llama-3-70b", "llama-3.1-405b", "mistral-7b", "mixtral-8x7b", "falcon-7b",
                "falcon-40b", "gemma-2b", "gemma-7b", "qwen2-7b", "starcoder", "palm-540b");
        assertThat(Presets.all()).extracting(ModelPreset::id).containsAll(required);
    }

    @Test
    void byIdIsCaseInsensitive() {
        assertThat(Presets.byId("  LLAMA-2-70B ")).contains(preset("llama-2-70b"));
        assertThat(Presets.byId("no-such-model")).isEmpty();
    }

    // ---- spot checks against the published numbers ----

    @Test
    void llama2_70bMatchesItsConfig() {
        ModelPreset p = preset("llama-2-70b");
        assertThat(p.layers()).isEqualTo(80);
        assertThat(p.hidden()).isEqualTo(8192);
        assertThat(p.heads()).isEqualTo(64);
        assertThat(p.kvHeads()).isEqualTo(8);
        assertThat(p.headDim()).isEqualTo(128);
        assertThat(p.maxContext()).isEqualTo(4096);
        assertThat(p.variantLabel()).isEqualTo("GQA-8");
    }

    @Test
    void llama2_7bIsMhaWithHalfAMebibytePerToken() {
        ModelPreset p = preset("llama-2-7b");
        assertThat(p.layers()).isEqualTo(32);
        assertThat(p.hidden()).isEqualTo(4096);
        assertThat(p.heads()).isEqualTo(32);
        assertThat(p.kvHeads()).isEqualTo(32);
        assertThat(p.headDim()).isEqualTo(128);
        assertThat(p.variantLabel()).isEqualTo("MHA");
        // 2 (K and V) x 32 layers x 32 heads x 128 x 2 bytes
        assertThat(fp16BytesPerToken(p)).isEqualTo(524_288L);
    }

    @Test
    void llama2_13bIsMha() {
        ModelPreset p = preset("llama-2-13b");
        assertThat(p.layers()).isEqualTo(40);
        assertThat(p.hidden()).isEqualTo(5120);
        assertThat(p.heads()).isEqualTo(40);
        assertThat(p.kvHeads()).isEqualTo(40);
        assertThat(p.variantLabel()).isEqualTo("MHA");
    }

    @Test
    void llama31_405bMatchesItsConfig() {
        ModelPreset p = preset("llama-3.1-405b");
        assertThat(p.layers()).isEqualTo(126);
        assertThat(p.hidden()).isEqualTo(16384);
        assertThat(p.heads()).isEqualTo(128);
        assertThat(p.kvHeads()).isEqualTo(8);
        assertThat(p.headDim()).isEqualTo(128);
        assertThat(p.maxContext()).isEqualTo(131_072);
    }

    @Test
    void llama3_8bIsGqa8() {
        ModelPreset p = preset("llama-3-8b");
        assertThat(p.layers()).isEqualTo(32);
        assertThat(p.heads()).isEqualTo(32);
        assertThat(p.kvHeads()).isEqualTo(8);
        assertThat(p.maxContext()).isEqualTo(8192);
        assertThat(p.variantLabel()).isEqualTo("GQA-8");
        // a quarter of Llama-2-7B's cache at the same width
        assertThat(fp16BytesPerToken(p) * 4).isEqualTo(fp16BytesPerToken(preset("llama-2-7b")));
    }

    @Test
    void falcon7bIsMqaWith71Heads() {
        ModelPreset p = preset("falcon-7b");
        assertThat(p.layers()).isEqualTo(32);
        assertThat(p.hidden()).isEqualTo(4544);
        assertThat(p.heads()).isEqualTo(71);
        assertThat(p.kvHeads()).isEqualTo(1);
        assertThat(p.headDim()).isEqualTo(64);
        assertThat(p.variantLabel()).isEqualTo("MQA");
    }

    @Test
    void falcon40bShares8KvHeadsAmong128() {
        ModelPreset p = preset("falcon-40b");
        assertThat(p.layers()).isEqualTo(60);
        assertThat(p.hidden()).isEqualTo(8192);
        assertThat(p.heads()).isEqualTo(128);
        assertThat(p.kvHeads()).isEqualTo(8);
        assertThat(p.headDim()).isEqualTo(64);
        assertThat(p.variantLabel()).isEqualTo("GQA-8");
    }

    @Test
    void gemma7bHasHeadDim256AndHidden3072() {
        ModelPreset p = preset("gemma-7b");
        assertThat(p.layers()).isEqualTo(28);
        assertThat(p.hidden()).isEqualTo(3072);
        assertThat(p.heads()).isEqualTo(16);
        assertThat(p.kvHeads()).isEqualTo(16);
        assertThat(p.headDim()).isEqualTo(256);
        // the head dim is explicit: H x d is not the hidden size
        assertThat(p.heads() * p.headDim()).isNotEqualTo(p.hidden());
        assertThat(p.variantLabel()).isEqualTo("MHA");
    }

    @Test
    void gemma2bIsMqa() {
        ModelPreset p = preset("gemma-2b");
        assertThat(p.layers()).isEqualTo(18);
        assertThat(p.hidden()).isEqualTo(2048);
        assertThat(p.heads()).isEqualTo(8);
        assertThat(p.kvHeads()).isEqualTo(1);
        assertThat(p.headDim()).isEqualTo(256);
        assertThat(p.variantLabel()).isEqualTo("MQA");
    }

    @Test
    void mistralAndMixtralShareAttentionShape() {
        ModelPreset mistral = preset("mistral-7b");
        ModelPreset mixtral = preset("mixtral-8x7b");
        assertThat(mistral.layers()).isEqualTo(32);
        assertThat(mistral.heads()).isEqualTo(32);
        assertThat(mistral.kvHeads()).isEqualTo(8);
        assertThat(mistral.headDim()).isEqualTo(128);
        assertThat(fp16BytesPerToken(mixtral)).isEqualTo(fp16BytesPerToken(mistral)).isEqualTo(131_072L);
    }

    @Test
    void qwen2_7bIsGqa4() {
        ModelPreset p = preset("qwen2-7b");
        assertThat(p.layers()).isEqualTo(28);
        assertThat(p.hidden()).isEqualTo(3584);
        assertThat(p.heads()).isEqualTo(28);
        assertThat(p.kvHeads()).isEqualTo(4);
        assertThat(p.headDim()).isEqualTo(128);
        assertThat(p.variantLabel()).isEqualTo("GQA-4");
    }

    @Test
    void starcoderIsMqa() {
        ModelPreset p = preset("starcoder");
        assertThat(p.layers()).isEqualTo(40);
        assertThat(p.hidden()).isEqualTo(6144);
        assertThat(p.heads()).isEqualTo(48);
        assertThat(p.kvHeads()).isEqualTo(1);
        assertThat(p.maxContext()).isEqualTo(8192);
        assertThat(p.variantLabel()).isEqualTo("MQA");
    }

    @Test
    void palm540bMatchesThePaper() {
        ModelPreset p = preset("palm-540b");
        assertThat(p.layers()).isEqualTo(118);
        assertThat(p.hidden()).isEqualTo(18432);
        assertThat(p.heads()).isEqualTo(48);
        assertThat(p.kvHeads()).isEqualTo(1);
        assertThat(p.headDim()).isEqualTo(256);
        assertThat(p.maxContext()).isEqualTo(2048);
        assertThat(p.variantLabel()).isEqualTo("MQA");
        assertThat(p.source()).contains("arXiv").contains("2204.02311").contains("Table 1");
    }

    @Test
    void gpt2AndBertAreMha() {
        ModelPreset gpt2 = preset("gpt2");
        assertThat(gpt2.layers()).isEqualTo(12);
        assertThat(gpt2.hidden()).isEqualTo(768);
        assertThat(gpt2.heads()).isEqualTo(12);
        assertThat(gpt2.maxContext()).isEqualTo(1024);
        assertThat(gpt2.variantLabel()).isEqualTo("MHA");

        ModelPreset xl = preset("gpt2-xl");
        assertThat(xl.layers()).isEqualTo(48);
        assertThat(xl.hidden()).isEqualTo(1600);
        assertThat(xl.heads()).isEqualTo(25);
        assertThat(xl.headDim()).isEqualTo(64);
        assertThat(xl.variantLabel()).isEqualTo("MHA");

        ModelPreset bert = preset("bert-base");
        assertThat(bert.maxContext()).isEqualTo(512);
        assertThat(bert.variantLabel()).isEqualTo("MHA");
    }

    // ---- documentation ----

    @Test
    void modelsDocMentionsEveryPresetId() throws IOException {
        Path doc = Path.of("docs/models.md");
        assertThat(doc).exists();
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        for (ModelPreset p : Presets.all()) {
            assertThat(text).as("docs/models.md mentions %s", p.id()).contains("`" + p.id() + "`");
        }
        assertThat(text).contains("GPT-4");
    }
}
