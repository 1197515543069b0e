package dev.faultline.check;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;

/** The {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. */
public final class RetryAfter {

    // The obsolete form servers still send: asctime. (RFC 850 depends on now; see rfc850.)
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    private RetryAfter() {
    }

    /**
     * How long the server asks clients to wait, counted from {@code now}; a date in the past is
     * zero. Empty when the header is absent or unreadable, or names a delay beyond any instant.
     */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null) return Optional.empty();
        String text = value.strip();
        if (text.isEmpty()) return Optional.empty();
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                long seconds = Long.parseLong(text);
                return seconds <= Instant.MAX.getEpochSecond() - now.getEpochSecond()
                        ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
            } catch (NumberFormatException tooLong) {
                return Optional.empty();
            }
        }
        for (DateTimeFormatter format : new DateTimeFormatter[] {DateTimeFormatter.RFC_1123_DATE_TIME, rfc850(now), ASCTIME}) {
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

    /**
     * RFC 850 dates, e.g. {@code Sunday, 06-Nov-94 08:49:37 GMT}. English names whatever the
     * locale data; a two-digit year more than 50 years ahead of now means the past century
     * (RFC 9110 §5.6.7).
     */
    private static DateTimeFormatter rfc850(Instant now) {
        int latestYear = now.atZone(ZoneOffset.UTC).getYear() + 50;
        return new DateTimeFormatterBuilder()
                .appendPattern("EEEE, dd-MMM-")
                .appendValueReduced(ChronoField.YEAR, 2, 2, latestYear - 99)
                .appendPattern(" HH:mm:ss 'GMT'")
                .toFormatter(Locale.US)
                .withZone(ZoneOffset.UTC);
    }
}
