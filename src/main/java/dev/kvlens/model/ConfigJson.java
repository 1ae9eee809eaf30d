package dev.kvlens.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;

/**
 * The configuration as a small JSON document (exported by the app, opened with File → Open or
 * {@code --config FILE}). Reading is strict: an unknown field, a missing one or a value of the wrong type is a
 * {@link ConfigException} naming it.
 */
public final class ConfigJson {

    public static final String FORMAT = "kvlens-config";
    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("format", "version", "preset", "hidden", "heads", "kvHeads",
            "headDim", "layers", "batch", "seqLen", "dtype");

    private ConfigJson() {
    }

    /** Pretty JSON of {@code c}; {@code presetId} may be null. */
    public static String write(AttentionConfig c, String presetId) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("format", FORMAT);
        o.put("version", VERSION);
        if (presetId != null) {
            o.put("preset", presetId);
        }
        o.put("hidden", c.hidden());
        o.put("heads", c.heads());
        o.put("kvHeads", c.kvHeads());
        o.put("headDim", c.headDim());
        o.put("layers", c.layers());
        o.put("batch", c.batch());
        o.put("seqLen", c.seqLen());
        o.put("dtype", c.dtype().id());
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A parsed document: the config and the preset id it named (or null). */
    public record Document(AttentionConfig config, String presetId) {
    }

    public static Document read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException("json.syntax", "not a valid JSON document (line "
                    + e.getLocation().getLineNr() + ")", e.getLocation().getLineNr());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("json.notObject", "a KV Lens configuration must be a JSON object");
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new ConfigException("json.format", "not a KV Lens configuration (its \"format\" is not \""
                    + FORMAT + "\")", FORMAT);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new ConfigException("json.unknownField", "unknown field \"" + f + "\" in the configuration", f);
            }
        }
        int version = integer(root, "version");
        if (version != VERSION) {
            throw new ConfigException("json.version", "configuration version " + version
                    + " is not supported (this app reads version " + VERSION + ")", version, VERSION);
        }
        String preset = root.hasNonNull("preset") ? root.get("preset").asText() : null;
        JsonNode dtype = root.get("dtype");
        if (dtype == null || !dtype.isTextual()) {
            throw new ConfigException("json.missing", "the configuration has no \"dtype\" text", "dtype");
        }
        AttentionConfig c = new AttentionConfig(integer(root, "hidden"), integer(root, "heads"),
                integer(root, "kvHeads"), integer(root, "headDim"), integer(root, "layers"), integer(root, "batch"),
                integer(root, "seqLen"), KvDtype.parse(dtype.asText()));
        return new Document(c, preset);
    }

    private static int integer(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            throw new ConfigException("json.missing", "the configuration has no \"" + field + "\" number", field);
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new ConfigException("json.notInteger", "\"" + field + "\" must be a whole number (got "
                    + n.toString() + ")", field, n.toString());
        }
        return n.intValue();
    }
}
