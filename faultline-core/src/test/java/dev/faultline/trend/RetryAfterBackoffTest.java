package dev.faultline.trend;

import static dev.faultline.trend.Buckets.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryAfterBackoffTest {

    private static final RetryAfterBackoff BACKOFF = RetryAfterBackoff.DEFAULT;
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @ParameterizedTest(name = "{0} with Retry-After {1} s, interval {2} s: due {3} s after the start, backed off {4}, capped {5}")
    @CsvSource({
            // status | Retry-After (s) | interval (s) | due after start (s) | backed off | capped
            "429,      120,              60,            122,                  true,        false",
            "503,      300,              60,            60,                   false,       false",
            "429,      30,               60,            60,                   false,       false",
            "429,      58,               60,            60,                   false,       false",
            "429,      59,               60,            61,                   true,        false",
            "429,      0,                60,            60,                   false,       false",
            "429,      3600,             60,            3602,                 true,        false",
            "429,      3601,             60,            3602,                 true,        true",
            "429,      864000,           60,            3602,                 true,        true",
            "503,      120,              1,             1,                    false,       false",
    })
    void waitsAsAskedUpToTheMaximum(int status, long retryAfter, long interval, long dueAfter, boolean backedOff,
                                    boolean capped) {
        var result = Results.at(NOW).status(status).took(Duration.ofSeconds(2)).retryAfter(Duration.ofSeconds(retryAfter)).build();

        NextCheck next = BACKOFF.after(result, Duration.ofSeconds(interval));

        assertThat(next.due()).isEqualTo(NOW.plusSeconds(dueAfter));
        if (backedOff) {
            assertThat(next).isEqualTo(new NextCheck.BackedOff(NOW.plusSeconds(dueAfter), Duration.ofSeconds(retryAfter), capped));
        } else {
            assertThat(next).isInstanceOf(NextCheck.OnSchedule.class);
        }
    }

    @Test
    void withoutRetryAfterA429KeepsItsInterval() {
        assertThat(BACKOFF.after(Results.at(NOW).status(429).build(), MINUTE)).isEqualTo(new NextCheck.OnSchedule(NOW.plus(MINUTE)));
    }

    @Test
    void anUpResultKeepsItsInterval() {
        assertThat(BACKOFF.after(Results.at(NOW).build(), MINUTE)).isEqualTo(new NextCheck.OnSchedule(NOW.plus(MINUTE)));
    }

    @Test
    void retryAfterOnOtherStatusesIsNotABackOffRequest() {
        // A 301 or a 500 with Retry-After: the header only asks clients to wait on 429 (a 503's is recorded, not obeyed).
        var result = Results.at(NOW).status(500).retryAfter(Duration.ofMinutes(10)).build();

        assertThat(BACKOFF.after(result, MINUTE)).isEqualTo(new NextCheck.OnSchedule(NOW.plus(MINUTE)));
    }

    @Test
    void theMaximumIsConfigurable() {
        var result = Results.at(NOW).status(429).took(Duration.ZERO).retryAfter(Duration.ofHours(2)).build();

        assertThat(new RetryAfterBackoff(Duration.ofMinutes(10)).after(result, MINUTE))
                .isEqualTo(new NextCheck.BackedOff(NOW.plus(Duration.ofMinutes(10)), Duration.ofHours(2), true));
        assertThatIllegalArgumentException().isThrownBy(() -> new RetryAfterBackoff(Duration.ZERO))
                .withMessage("max_retry_after: must be longer than zero, got PT0S");
    }
}
