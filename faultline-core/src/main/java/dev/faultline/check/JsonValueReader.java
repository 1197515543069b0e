package dev.faultline.check;

import java.util.Optional;

/**
 * Reads one value out of a JSON document by a path such as {@code $.status} or
 * {@code $.checks[0].state}. A port: the core has no JSON parser, an adapter provides one.
 */
@FunctionalInterface
public interface JsonValueReader {

    /**
     * The value at {@code path} as text (a string's contents, a number or boolean as written,
     * {@code null} as "null"), or empty when the body is not JSON or the path leads nowhere.
     */
    Optional<String> read(String body, String path);
}
