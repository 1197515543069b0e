package dev.faultline.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} in a scalar with the environment's value, {@code ${NAME:-fallback}}
 * with the fallback when NAME is unset or empty; {@code $${} stands for a literal {@code ${}.
 * An unset NAME without a fallback is an error.
 */
final class Variables {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> environment;

    Variables(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * The text with every variable replaced, or empty after reporting each problem as
     * (the text it starts with, the message).
     */
    Optional<String> expand(String text, BiConsumer<String, String> problems) {
        if (!text.contains("${")) return Optional.of(text);
        StringBuilder out = new StringBuilder();
        boolean ok = true;
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    problems.accept(text.substring(i), "unterminated '${' in '" + text + "': close it with '}'");
                    return Optional.empty();
                }
                String inner = text.substring(i + 2, close);
                int sep = inner.indexOf(":-");
                String name = sep < 0 ? inner : inner.substring(0, sep);
                String value = environment.get(name);
                if (!NAME.matcher(name).matches()) {
                    problems.accept("${" + inner, "invalid variable name '" + name + "' in '${" + inner
                            + "}': use letters, digits and '_'");
                    ok = false;
                } else if (sep >= 0 && (value == null || value.isEmpty())) {
                    out.append(inner.substring(sep + 2));
                } else if (value == null) {
                    problems.accept("${" + name, "environment variable " + name + " is not set; set it, or give a default with ${"
                            + name + ":-default}");
                    ok = false;
                } else {
                    out.append(value);
                }
                i = close + 1;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return ok ? Optional.of(out.toString()) : Optional.empty();
    }
}
