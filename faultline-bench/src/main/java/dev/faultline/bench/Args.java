package dev.faultline.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The {@code --name=value} arguments of a benchmark's main, each read with its default. */
final class Args {

    private final Map<String, String> values = new HashMap<>();

    Args(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, not '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            values.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null) throw new IllegalArgumentException("missing --" + name + "=...");
        return value;
    }

    int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    /** Whole or fractional seconds. */
    Duration seconds(String name, double fallback) {
        double seconds = values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
