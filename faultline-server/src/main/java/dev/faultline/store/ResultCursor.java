package dev.faultline.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A position in a monitor's results, newest first: the start time and the row id of the last
 * result of a page. Stable while results arrive, because new results sort before it.
 */
public record ResultCursor(Instant startedAt, long id) {

    public ResultCursor {
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** An opaque text form for APIs, e.g. {@code 1767225600000000.42}. */
    public String encode() {
        return Micros.of(startedAt) + "." + id;
    }

    /** @throws IllegalArgumentException when the text is not one {@link #encode()} made */
    public static ResultCursor parse(String text) {
        int dot = text == null ? -1 : text.indexOf('.');
        try {
            if (dot <= 0) throw new NumberFormatException();
            return new ResultCursor(Micros.instant(Long.parseLong(text.substring(0, dot))),
                    Long.parseLong(text.substring(dot + 1)));
        } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("invalid cursor '" + text + "'");
        }
    }
}
