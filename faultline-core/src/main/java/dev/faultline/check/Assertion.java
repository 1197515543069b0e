package dev.faultline.check;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One expectation about a response beyond its status code, parsed once at configuration time.
 * Each kind fails with its own cause: body assertions with {@link Cause#BODY_MISMATCH}, header
 * assertions with {@link Cause#HEADER_MISMATCH}.
 */
public sealed interface Assertion {

    /** The failure, in words, or empty when the response meets this expectation. */
    Optional<String> failure(Response response, JsonValueReader json);

    Cause cause();

    /** The assertion as an operator writes it in config, e.g. {@code body_contains: ok}. */
    default String describe() {
        return switch (this) {
            case BodyContains a -> "body_contains: " + a.text();
            case BodyNotContains a -> "body_not_contains: " + a.text();
            case BodyMatches a -> "body_regex: " + a.pattern().pattern();
            case JsonPathEquals a -> "json_path: " + a.path() + "=" + a.expected();
            case HeaderEquals a -> "header: " + a.name() + "=" + a.value();
            case HeaderMatches a -> "header_matches: " + a.name() + "~" + a.pattern().pattern();
        };
    }

    /** The body includes this text. */
    record BodyContains(String text) implements Assertion {
        public BodyContains {
            requireText(text, "body_contains");
        }

        @Override
        public Optional<String> failure(Response response, JsonValueReader json) {
            return response.body().contains(text) ? Optional.empty()
                    : Optional.of("body does not contain \"" + text + "\"" + truncationNote(response));
        }

        @Override
        public Cause cause() {
            return Cause.BODY_MISMATCH;
        }
    }

    /** The body does not include this text (an error banner, say). */
    record BodyNotContains(String text) implements Assertion {
        public BodyNotContains {
            requireText(text, "body_not_contains");
        }

        @Override
        public Optional<String> failure(Response response, JsonValueReader json) {
            return response.body().contains(text) ? Optional.of("body contains \"" + text + "\"") : Optional.empty();
        }

        @Override
        public Cause cause() {
            return Cause.BODY_MISMATCH;
        }
    }

    /** Some part of the body matches this regular expression. */
    record BodyMatches(Pattern pattern) implements Assertion {
        public static BodyMatches parse(String regex) {
            requireText(regex, "body_regex");
            return new BodyMatches(compile(regex, "body_regex"));
        }

        @Override
        public Optional<String> failure(Response response, JsonValueReader json) {
            return pattern.matcher(response.body()).find() ? Optional.empty()
                    : Optional.of("body does not match /" + pattern.pattern() + "/" + truncationNote(response));
        }

        @Override
        public Cause cause() {
            return Cause.BODY_MISMATCH;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BodyMatches other && other.pattern.pattern().equals(pattern.pattern());
        }

        @Override
        public int hashCode() {
            return pattern.pattern().hashCode();
        }
    }

    /** The JSON value at a path equals the expected text. */
    record JsonPathEquals(String path, String expected) implements Assertion {
        public JsonPathEquals {
            requireText(path, "json_path");
            if (!path.startsWith("$")) {
                throw new IllegalArgumentException("invalid json_path '" + path + "': a path starts with $, e.g. $.status");
            }
        }

        /** Parses {@code $.path=value} as given on the command line. */
        public static JsonPathEquals parse(String text) {
            int eq = text.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("invalid json_path '" + text + "': expected EXPR=VALUE, e.g. $.status=ok");
            }
            return new JsonPathEquals(text.substring(0, eq).strip(), text.substring(eq + 1).strip());
        }

        @Override
        public Optional<String> failure(Response response, JsonValueReader json) {
            Optional<String> actual = json.read(response.body(), path);
            if (actual.isEmpty()) {
                return Optional.of("no JSON value at " + path + truncationNote(response));
            }
            return actual.get().equals(expected) ? Optional.empty()
                    : Optional.of(path + " is \"" + actual.get() + "\", expected \"" + expected + "\"");
        }

        @Override
        public Cause cause() {
            return Cause.BODY_MISMATCH;
        }
    }

    /** A response header has exactly this value. */
    record HeaderEquals(String name, String value) implements Assertion {
        public HeaderEquals {
            requireText(name, "header name");
        }

        @Override
        public Optional<String> failure(Response response, JsonValueReader json) {
            Optional<String> actual = response.headers().first(name);
            if (actual.isEmpty()) return Optional.of("header " + name + " is missing");
            return actual.get().equals(value) ? Optional.empty()
                    : Optional.of("header " + name + " is \"" + actual.get() + "\", expected \"" + value + "\"");
        }

        @Override
        public Cause cause() {
            return Cause.HEADER_MISMATCH;
        }
    }

    /** A response header matches this regular expression. */
    record HeaderMatches(String name, Pattern pattern) implements Assertion {
        public static HeaderMatches parse(String name, String regex) {
            requireText(name, "header name");
            return new HeaderMatches(name, compile(regex, "header " + name));
        }

        @Override
        public Optional<String> failure(Response response, JsonValueReader json) {
            Optional<String> actual = response.headers().first(name);
            if (actual.isEmpty()) return Optional.of("header " + name + " is missing");
            return pattern.matcher(actual.get()).find() ? Optional.empty()
                    : Optional.of("header " + name + " is \"" + actual.get() + "\", not matching /" + pattern.pattern() + "/");
        }

        @Override
        public Cause cause() {
            return Cause.HEADER_MISMATCH;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HeaderMatches other && other.name.equalsIgnoreCase(name)
                    && other.pattern.pattern().equals(pattern.pattern());
        }

        @Override
        public int hashCode() {
            return pattern.pattern().hashCode();
        }
    }

    private static void requireText(String text, String what) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException(what + " needs a non-empty value");
        }
    }

    private static Pattern compile(String regex, String what) {
        try {
            return Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression for " + what + ": " + e.getDescription()
                    + " near index " + e.getIndex() + " of '" + regex + "'");
        }
    }

    private static String truncationNote(Response response) {
        return response.bodyTruncated() ? " (only the first " + response.bodyBytes() + " bytes were read)" : "";
    }
}
