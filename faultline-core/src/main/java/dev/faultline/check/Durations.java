package dev.faultline.check;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in {@code faultline.yaml}: a whole number and a unit
 * ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}), or several in a row
 * ({@code 1m30s}).
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");
    private static final String EXAMPLES = "e.g. 500ms, 30s, 5m, 1h, 2d";

    private Durations() {}

    /**
     * Parses a duration such as {@code 30s}.
     *
     * @throws IllegalArgumentException saying what is wrong, e.g. a missing unit
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration: give a number and a unit, " + EXAMPLES);
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("invalid duration '" + text + "': add a unit (ms, s, m, h or d), e.g. " + t + "s");
        }
        if (!WHOLE.matcher(t).matches()) {
            throw new IllegalArgumentException("invalid duration '" + text + "': expected a whole number and a unit, " + EXAMPLES);
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(t);
        try {
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("invalid duration '" + text + "': too long");
        }
        return total;
    }

    /** The shortest text that {@link #parse(String)} reads back as this duration, e.g. {@code 1m30s}. */
    public static String format(Duration duration) {
        if (duration.isNegative() || duration.toNanosPart() % 1_000_000 != 0) return duration.toString();
        if (duration.isZero()) return "0s";
        long ms = duration.toMillis();
        StringBuilder out = new StringBuilder();
        ms = unit(out, ms, 86_400_000L, "d");
        ms = unit(out, ms, 3_600_000L, "h");
        ms = unit(out, ms, 60_000L, "m");
        ms = unit(out, ms, 1_000L, "s");
        unit(out, ms, 1L, "ms");
        return out.toString();
    }

    private static long unit(StringBuilder out, long ms, long size, String name) {
        if (ms >= size) out.append(ms / size).append(name);
        return ms % size;
    }

    private static final Pattern ISO = Pattern.compile("-?PT[0-9HMS.\\-]+");

    /** Rewrites ISO-8601 durations in a message ({@code PT0.5S}) the way the config writes them ({@code 500ms}). */
    public static String humanize(String message) {
        return ISO.matcher(message).replaceAll(m -> {
            try {
                return Matcher.quoteReplacement(format(Duration.parse(m.group())));
            } catch (RuntimeException notADuration) {
                return Matcher.quoteReplacement(m.group());
            }
        });
    }
}
