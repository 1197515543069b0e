package dev.faultline.alert;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one send went, as the provider answered it. {@link #answer()} is short and never holds a
 * secret: it is shown to whoever pressed "test" and written to the log.
 */
public sealed interface Delivery {

    /** The longest answer kept; a provider's error page is not worth more. */
    int MAX_ANSWER = 300;

    /** The provider's status: an HTTP status or an SMTP reply code; 0 when no answer came. */
    int status();

    /** What the provider said, e.g. {@code 202 Accepted: {"status":"success",…}}, or why nothing came. */
    String answer();

    /** The provider took it. */
    record Delivered(int status, String answer) implements Delivery {
        public Delivered {
            answer = shorten(answer);
        }
    }

    /**
     * Worth trying again: the provider failed (5xx), asked us to slow down (429), or could not be
     * reached. {@code retryAfter} is the provider's own wait, when it gave one.
     */
    record RetryableFailure(int status, String answer, Optional<Duration> retryAfter) implements Delivery {
        public RetryableFailure {
            answer = shorten(answer);
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** Trying again will not help (a 4xx other than 429): the settings or the payload are wrong. */
    record PermanentFailure(int status, String answer) implements Delivery {
        public PermanentFailure {
            answer = shorten(answer);
        }
    }

    default boolean delivered() {
        return this instanceof Delivered;
    }

    private static String shorten(String answer) {
        String oneLine = Objects.requireNonNull(answer, "answer").strip().replaceAll("\\s+", " ");
        return MessageText.truncate(oneLine.isEmpty() ? "(empty answer)" : oneLine, MAX_ANSWER);
    }
}
