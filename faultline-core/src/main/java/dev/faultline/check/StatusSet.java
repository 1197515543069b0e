package dev.faultline.check;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The HTTP status codes a monitor accepts as "up", parsed once from text such as
 * {@code 200-299,401} or {@code 2xx,301}. Codes run from 100 to 599.
 */
public record StatusSet(List<Range> ranges) {

    /** The default: any 2xx, after redirects have been followed. */
    public static final StatusSet SUCCESS = new StatusSet(List.of(new Range(200, 299)));

    public StatusSet {
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("a status set needs at least one code");
        }
        ranges = List.copyOf(ranges);
    }

    /** An inclusive range of status codes. */
    public record Range(int from, int to) {
        public Range {
            if (from < 100 || to > 599 || from > to) {
                throw new IllegalArgumentException("bad status range " + from + "-" + to);
            }
        }

        boolean contains(int status) {
            return status >= from && status <= to;
        }

        @Override
        public String toString() {
            if (from == to) return Integer.toString(from);
            if (from % 100 == 0 && to == from + 99) return (from / 100) + "xx";
            return from + "-" + to;
        }
    }

    /**
     * Parses a comma-separated list of codes ({@code 401}), ranges ({@code 200-299}) and classes
     * ({@code 2xx}).
     *
     * @throws IllegalArgumentException naming the offending part and why it is wrong
     */
    public static StatusSet parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty status set: give codes such as 200-299,401");
        }
        List<Range> ranges = new ArrayList<>();
        for (String raw : text.split(",", -1)) {
            String part = raw.strip();
            if (part.isEmpty()) {
                throw new IllegalArgumentException("invalid status set '" + text + "': it has an empty item (check the commas)");
            }
            ranges.add(parseItem(part, text));
        }
        return new StatusSet(ranges);
    }

    private static Range parseItem(String part, String whole) {
        if (part.length() == 3 && part.substring(1).equalsIgnoreCase("xx")) {
            int hundreds = digit(part.charAt(0), part, whole);
            if (hundreds < 1 || hundreds > 5) {
                throw new IllegalArgumentException(bad(part, whole, "is out of range: classes run from 1xx to 5xx"));
            }
            return new Range(hundreds * 100, hundreds * 100 + 99);
        }
        int dash = part.indexOf('-');
        if (dash < 0) {
            int code = code(part, whole);
            return new Range(code, code);
        }
        String low = part.substring(0, dash).strip();
        String high = part.substring(dash + 1).strip();
        if (low.isEmpty() || high.isEmpty()) {
            throw new IllegalArgumentException(bad(part, whole, "is not a range such as 200-299"));
        }
        int from = code(low, whole);
        int to = code(high, whole);
        if (from > to) {
            throw new IllegalArgumentException(bad(part, whole, "runs backwards"));
        }
        return new Range(from, to);
    }

    private static int code(String digits, String whole) {
        if (digits.length() != 3 || !digits.chars().allMatch(StatusSet::isAsciiDigit)) {
            throw new IllegalArgumentException(bad(digits, whole, "is not a three-digit status code"));
        }
        int code = Integer.parseInt(digits);
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException(bad(digits, whole, "is out of range: codes run from 100 to 599"));
        }
        return code;
    }

    private static int digit(char c, String part, String whole) {
        if (!isAsciiDigit(c)) {
            throw new IllegalArgumentException(bad(part, whole, "is not a status class such as 2xx"));
        }
        return c - '0';
    }

    // Character.isDigit would let other scripts' digits through, and c - '0' misread them.
    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static String bad(String part, String whole, String why) {
        return "invalid status set '" + whole + "': '" + part + "' " + why;
    }

    public boolean contains(int status) {
        for (Range range : ranges) {
            if (range.contains(status)) return true;
        }
        return false;
    }

    /** The canonical text form, parseable again by {@link #parse(String)}. */
    @Override
    public String toString() {
        return ranges.stream().map(Range::toString).collect(Collectors.joining(","));
    }
}
