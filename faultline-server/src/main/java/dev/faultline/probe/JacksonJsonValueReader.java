package dev.faultline.probe;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.check.JsonValueReader;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code $.a.b[0].c}-style paths with Jackson: the path is turned into a JSON Pointer
 * ({@code /a/b/0/c}), so only plain member names and indexes are supported, no filters.
 */
public final class JacksonJsonValueReader implements JsonValueReader {

    private static final Pattern STEP = Pattern.compile("\\.([^.\\[\\]]+)|\\[(\\d+)]|\\['([^']*)']");

    private final ObjectMapper mapper;

    public JacksonJsonValueReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Optional<String> read(String body, String path) {
        Optional<JsonPointer> pointer = toPointer(path);
        if (pointer.isEmpty()) return Optional.empty();
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (Exception notJson) {
            return Optional.empty();
        }
        if (root == null) return Optional.empty();
        JsonNode node = root.at(pointer.get());
        if (node.isMissingNode()) return Optional.empty();
        return Optional.of(node.isValueNode() ? node.asText() : node.toString());
    }

    static Optional<JsonPointer> toPointer(String path) {
        if (!path.startsWith("$")) return Optional.empty();
        StringBuilder pointer = new StringBuilder();
        Matcher step = STEP.matcher(path);
        int at = 1;
        while (at < path.length()) {
            if (!step.find(at) || step.start() != at) return Optional.empty();
            String name = step.group(1) != null ? step.group(1) : step.group(2) != null ? step.group(2) : step.group(3);
            pointer.append('/').append(name.replace("~", "~0").replace("/", "~1"));
            at = step.end();
        }
        return Optional.of(JsonPointer.compile(pointer.toString()));
    }
}
