package dev.faultline.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as people write them: bytes ({@code 65536}), or {@code B}, {@code KiB}, {@code MiB}, {@code GiB}. */
public final class ByteSizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([A-Za-z]*)");

    private ByteSizes() {}

    /**
     * Parses a size such as {@code 512KiB} into bytes.
     *
     * @throws IllegalArgumentException saying what is wrong, e.g. an unknown unit
     */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid size '" + text + "': expected bytes or a number with KiB, MiB or GiB, e.g. 1MiB");
        }
        long factor = switch (m.group(2)) {
            case "", "B" -> 1L;
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            default -> throw new IllegalArgumentException("invalid size '" + text + "': unknown unit '" + m.group(2)
                    + "'; use B, KiB, MiB or GiB (powers of 1024)");
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), factor);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("invalid size '" + text + "': too large");
        }
    }
}
