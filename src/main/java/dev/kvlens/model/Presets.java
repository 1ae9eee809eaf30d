package dev.kvlens.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The bundled model presets ({@code presets.json} beside this class). */
public final class Presets {

    /** The preset whose shape {@link AttentionConfig#defaults()} has. */
    public static final String DEFAULT_ID = "llama-3-8b";
    private static final String RESOURCE = "presets.json";
    private static volatile List<ModelPreset> all;

    private Presets() {
    }

    record PresetFile(List<ModelPreset> presets) {
    }

    /** Every preset, in the order of the resource file. */
    public static List<ModelPreset> all() {
        List<ModelPreset> a = all;
        if (a == null) {
            synchronized (Presets.class) {
                if (all == null) {
                    all = load();
                }
                a = all;
            }
        }
        return a;
    }

    /** The preset with this id (case-insensitive). */
    public static Optional<ModelPreset> byId(String id) {
        String key = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        return all().stream().filter(p -> p.id().equals(key)).findFirst();
    }

    /** Like {@link #byId} but a clear error listing a few valid ids. */
    public static ModelPreset require(String id) {
        return byId(id).orElseThrow(() -> new ConfigException("preset.unknown",
                "unknown preset '" + id + "'; run 'presets' to list them (e.g. llama-2-7b, mistral-7b)", id));
    }

    private static List<ModelPreset> load() {
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        try (InputStream in = Presets.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("presets.json is missing from the application");
            }
            List<ModelPreset> list = List.copyOf(mapper.readValue(in, PresetFile.class).presets());
            for (ModelPreset p : list) {
                // validates the shape: a preset that breaks the rules is a packaging bug, found by the tests
                p.toConfig(1, 1, KvDtype.FP16);
            }
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException("presets.json cannot be read: " + e.getMessage(), e);
        }
    }
}
