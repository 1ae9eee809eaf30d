package dev.kvlens.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.ConfigJson;
import dev.kvlens.model.KvDtype;
import dev.kvlens.model.Presets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export round trip (config → JSON file → config → JSON) and the one-line messages for bad files. */
class ConfigFilesTest {

    @TempDir
    Path dir;

    @Test
    void everyPresetRoundTripsThroughAFile() throws Exception {
        for (var p : Presets.all()) {
            AttentionConfig c = p.toConfig(3, 12345, KvDtype.INT4);
            Path f = dir.resolve(p.id() + ".json");
            String json = ConfigJson.write(c, p.id());
            ConfigFiles.writeText(f, json);
            ConfigJson.Document doc = ConfigFiles.read(f);
            assertThat(doc.config()).isEqualTo(c);
            assertThat(doc.presetId()).isEqualTo(p.id());
            assertThat(ConfigJson.write(doc.config(), doc.presetId())).isEqualTo(json);
        }
        try (var s = Files.list(dir)) {
            assertThat(s.filter(x -> x.getFileName().toString().endsWith(".tmp"))).as("no temp files left").isEmpty();
        }
    }

    @Property(tries = 100)
    void randomValidShapesRoundTrip(@ForAll @IntRange(min = 1, max = 128) int heads,
                                    @ForAll @IntRange(min = 1, max = 64) int kvPick,
                                    @ForAll @IntRange(min = 1, max = 512) int headDim,
                                    @ForAll @IntRange(min = 1, max = 200) int layers,
                                    @ForAll @IntRange(min = 1, max = 1 << 20) int seq) throws Exception {
        var divisors = AttentionConfig.divisors(heads);
        int kv = divisors.get(kvPick % divisors.size());
        AttentionConfig c = AttentionConfig.of(heads, kv, headDim, layers, 2, seq, KvDtype.values()[seq % 6]);
        Path f = Files.createTempFile("kvlens-cfg", ".json"); // jqwik properties get no @TempDir
        try {
            ConfigFiles.writeText(f, ConfigJson.write(c, null));
            assertThat(ConfigFiles.read(f).config()).isEqualTo(c);
            assertThat(ConfigFiles.read(f).presetId()).isNull();
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Test
    void writingReplacesAnExistingFileWhole() throws Exception {
        Path f = dir.resolve("c.json");
        Files.writeString(f, "x".repeat(10_000));
        ConfigFiles.writeText(f, ConfigJson.write(AttentionConfig.defaults(), null));
        assertThat(ConfigFiles.read(f).config()).isEqualTo(AttentionConfig.defaults());
    }

    @Test
    void aByteOrderMarkIsAccepted() throws Exception {
        Path f = dir.resolve("bom.json");
        Files.writeString(f, "\uFEFF" + ConfigJson.write(AttentionConfig.defaults(), null));
        assertThat(ConfigFiles.read(f).config()).isEqualTo(AttentionConfig.defaults());
    }

    @Test
    void badFilesGiveOneClearLine() throws Exception {
        String good = ConfigJson.write(AttentionConfig.defaults(), null);
        bad(dir.resolve("missing.json"), "missing.json", "cannot be read");
        bad(dir, dir.getFileName().toString(), "cannot be read");
        bad(write("empty.json", ""), "empty.json", "empty");
        bad(write("spaces.json", "  \n "), "spaces.json", "empty");
        Path bin = dir.resolve("image.json");
        Files.write(bin, new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff, (byte) 0xfe, 0, 1});
        bad(bin, "image.json", "not UTF-8 text");
        bad(write("huge.json", " ".repeat((int) ConfigFiles.MAX_BYTES + 1) + good), "huge.json", "too large");
        bad(write("syntax.json", "{\"format\": \"kvlens-config\", "), "syntax.json", "Not a valid JSON document");
        bad(write("array.json", "[1, 2]"), "array.json", "must be a JSON object");
        bad(write("other.json", "{\"name\": \"package.json\"}"), "other.json", "Not a KV Lens configuration");
        bad(write("extra.json", good.replace("\"version\"", "\"colour\": 1, \"version\"")), "extra.json",
                "Unknown field \"colour\"");
        bad(write("v2.json", good.replace("\"version\" : 1", "\"version\" : 2")), "v2.json", "version 2");
        bad(write("nokv.json", good.replace("\"kvHeads\" : 8,", "")), "nokv.json", "no \"KV heads\"");
        bad(write("frac.json", good.replace("\"kvHeads\" : 8", "\"kvHeads\" : 7.5")), "frac.json", "whole number");
        bad(write("groups.json", good.replace("\"kvHeads\" : 8", "\"kvHeads\" : 5")), "groups.json",
                "cannot be split into 5 groups");
        bad(write("zero.json", good.replace("\"layers\" : 32", "\"layers\" : 0")), "zero.json", "at least 1");
        bad(write("dtype.json", good.replace("\"fp16\"", "\"fp12\"")), "dtype.json", "Unknown dtype \"fp12\"");
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static void bad(Path f, String name, String fragment) {
        assertThatThrownBy(() -> ConfigFiles.read(f)).isInstanceOf(ConfigFiles.BadFile.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(name).contains(fragment).doesNotContain("\n")
                        .doesNotContain("Exception").doesNotContain("at dev."));
    }
}
