package dev.faultline.check;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** The {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. */
public final class RetryAfter {

    // The obsolete forms servers still send: RFC 850 and asctime.
    private static final DateTimeFormatter RFC_850 =
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss zzz", Locale.ROOT);
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

    private RetryAfter() {
    }

    /**
     * How long the server asks clients to wait, counted from {@code now}; a date in the past is
     * zero. Empty when the header is absent or unreadable.
     */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null) return Optional.empty();
        String text = value.strip();
        if (text.isEmpty()) return Optional.empty();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException tooLong) {
                return Optional.empty();
            }
        }
        for (DateTimeFormatter format : new DateTimeFormatter[] {DateTimeFormatter.RFC_1123_DATE_TIME, RFC_850, ASCTIME}) {
            try {
                Instant when = ZonedDateTime.parse(text, format).toInstant();
                Duration wait = Duration.between(now, when);
                // Whole seconds, rounded up: waiting a little longer than asked is the polite side.
                return Optional.of(wait.isNegative() ? Duration.ZERO : Duration.ofSeconds((wait.toMillis() + 999) / 1000));
            } catch (DateTimeParseException notThisForm) {
                // try the next form
            }
        }
        return Optional.empty();
    }
}
