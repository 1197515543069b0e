package dev.faultline.config;

import dev.faultline.check.Durations;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Builds a value whose constructor checks its fields one at a time and names the field it
 * rejects ({@code "interval: ..."}), and reports every bad field, not only the first: after a
 * rejection the field is reset to a known-good value and the build is tried again. The checks
 * stay where they are (the core's records); this only places their messages in the file.
 */
final class FieldByField {

    private record Field(Node node, String path, Runnable reset) {}

    private final ConfigErrors errors;
    private final Node whole;
    private final String wholePath;
    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final Set<String> rejected = new HashSet<>();

    FieldByField(ConfigErrors errors, Node whole, String wholePath) {
        this.errors = errors;
        this.whole = whole;
        this.wholePath = wholePath;
    }

    /**
     * A field the constructor names {@code name}, given at {@code node} (null: inherited from
     * elsewhere, where its errors are reported), reset by {@code reset}.
     */
    FieldByField field(String name, Node node, String path, Runnable reset) {
        fields.put(name, new Field(node, path, reset));
        return this;
    }

    /** The value, or empty after reporting every field the constructor rejects. */
    <T> Optional<T> build(Supplier<T> constructor) {
        for (int attempt = 0; attempt <= fields.size(); attempt++) {
            try {
                T value = constructor.get();
                return rejected.isEmpty() ? Optional.of(value) : Optional.empty();
            } catch (IllegalArgumentException e) {
                String message = e.getMessage() == null ? "invalid" : e.getMessage();
                int colon = message.indexOf(": ");
                String name = colon < 0 ? "" : message.substring(0, colon);
                Field field = fields.get(name);
                if (field == null) {
                    errors.at(whole, wholePath, Durations.humanize(message));
                    return Optional.empty();
                }
                if (!rejected.add(name)) return Optional.empty(); // reported already; its reset did not help
                if (field.node() != null) {
                    errors.at(field.node(), field.path(), Durations.humanize(message.substring(colon + 2)));
                }
                field.reset().run();
            }
        }
        return Optional.empty();
    }

    boolean rejected(String name) {
        return rejected.contains(name);
    }
}
