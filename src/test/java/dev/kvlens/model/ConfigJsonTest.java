package dev.kvlens.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigJsonTest {

    @Test
    void roundTrip() {
        AttentionConfig c = new AttentionConfig(3072, 16, 16, 256, 28, 2, 8192, KvDtype.BF16);
        String json = ConfigJson.write(c, "gemma-7b");
        ConfigJson.Document d = ConfigJson.read(json);
        assertThat(d.config()).isEqualTo(c);
        assertThat(d.presetId()).isEqualTo("gemma-7b");
        assertThat(ConfigJson.write(d.config(), d.presetId())).isEqualTo(json);
    }

    @Test
    void badDocumentsSayWhatIsWrong() {
        String good = ConfigJson.write(AttentionConfig.defaults(), null);
        assertThatThrownBy(() -> ConfigJson.read("{ nope")).hasMessageStartingWith("not a valid JSON document");
        assertThatThrownBy(() -> ConfigJson.read("[]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> ConfigJson.read("{\"format\":\"other\"}")).hasMessageContaining("not a KV Lens");
        assertThatThrownBy(() -> ConfigJson.read(good.replace("\"kvHeads\" : 8", "\"kvHeads\" : 5")))
                .hasMessageContaining("cannot be split into 5 groups");
        assertThatThrownBy(() -> ConfigJson.read(good.replace("\"heads\" : 32", "\"heads\" : \"many\"")))
                .hasMessageContaining("\"heads\" must be a whole number");
        assertThatThrownBy(() -> ConfigJson.read(good.replace("\"layers\"", "\"floors\"")))
                .hasMessageContaining("unknown field \"floors\"");
        assertThatThrownBy(() -> ConfigJson.read(good.replace("\"fp16\"", "\"fp12\"")))
                .hasMessageContaining("unknown dtype");
    }
}
