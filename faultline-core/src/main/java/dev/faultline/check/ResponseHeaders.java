package dev.faultline.check;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The headers of a response, looked up case-insensitively. */
public record ResponseHeaders(Map<String, List<String>> byLowerCaseName) {

    public static final ResponseHeaders NONE = new ResponseHeaders(Map.of());

    public ResponseHeaders {
        Map<String, List<String>> copy = new TreeMap<>();
        byLowerCaseName.forEach((name, values) -> copy.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values),
                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
        byLowerCaseName = Map.copyOf(copy);
    }

    public Optional<String> first(String name) {
        List<String> values = byLowerCaseName.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> all(String name) {
        return byLowerCaseName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
}
