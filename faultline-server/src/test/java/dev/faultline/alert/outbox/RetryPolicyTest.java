package dev.faultline.alert.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

    private static final Instant CREATED = Instant.parse("2026-11-02T10:00:00Z");
    private static final RetryPolicy POLICY = RetryPolicy.DEFAULT;

    @ParameterizedTest(name = "after {0} failure(s) the wait is at most {1} s")
    @CsvSource({"1, 5", "2, 10", "3, 20", "4, 40", "8, 640", "9, 1280", "10, 1800", "11, 1800", "60, 1800"})
    void theCeilingDoublesFromFiveSecondsUpToThirtyMinutes(int failures, long seconds) {
        assertThat(POLICY.ceiling(failures)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "jitter {0} waits {1} ms after the third failure")
    @CsvSource({"0.0, 0", "0.25, 5000", "0.5, 10000", "0.999, 19980"})
    void fullJitterWaitsAnywhereBetweenZeroAndTheCeiling(double jitter, long millis) {
        Instant now = CREATED.plusSeconds(60);

        assertThat(POLICY.nextAttempt(CREATED, 3, now, Optional.empty(), jitter)).contains(now.plusMillis(millis));
    }

    @Test
    void theProvidersRetryAfterWinsWhenItIsLonger() {
        Instant now = CREATED.plusSeconds(60);

        assertThat(POLICY.nextAttempt(CREATED, 1, now, Optional.of(Duration.ofSeconds(90)), 0.5)).contains(now.plusSeconds(90));
        assertThat(POLICY.nextAttempt(CREATED, 3, now, Optional.of(Duration.ofSeconds(1)), 0.5)).contains(now.plusSeconds(10));
    }

    @Test
    void theLastAttemptIsAtTheDeadlineAndThenItGivesUp() {
        Instant deadline = CREATED.plus(Duration.ofHours(6));
        Instant late = deadline.minusSeconds(60);

        assertThat(POLICY.nextAttempt(CREATED, 20, late, Optional.empty(), 0.9)).contains(deadline);
        assertThat(POLICY.nextAttempt(CREATED, 1, late, Optional.of(Duration.ofHours(2)), 0.0)).contains(deadline);
        assertThat(POLICY.nextAttempt(CREATED, 21, deadline, Optional.empty(), 0.0)).isEmpty();
    }
}
