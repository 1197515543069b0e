package dev.faultline.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

    /** Friday 6 November 2026, 08:00 UTC. */
    private static final Instant NOW = Instant.parse("2026-11-06T08:00:00Z");

    @ParameterizedTest(name = "''{0}'' is {1} s")
    @CsvSource(delimiter = '|', value = {
            "120                              | 120",
            "0                                | 0",
            "' 30 '                           | 30",
            "007                              | 7",
            "86400                            | 86400",
            "Fri, 06 Nov 2026 08:02:00 GMT    | 120",
            "Sat, 07 Nov 2026 08:00:00 GMT    | 86400",
            "Friday, 06-Nov-26 08:02:00 GMT   | 120",
            "Saturday, 07-Nov-26 08:00:00 GMT | 86400",
            "Fri Nov  6 08:02:00 2026         | 120",
            "Sat Nov  7 08:00:00 2026         | 86400",
    })
    void readsDelaySecondsAndEveryHttpDateForm(String value, long seconds) {
        assertThat(RetryAfter.parse(value, NOW)).contains(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Fri, 06 Nov 2026 07:59:59 GMT",
            "Fri, 06 Nov 2026 08:00:00 GMT",
    })
    void aDateInThePastOrNowMeansNoWait(String value) {
        assertThat(RetryAfter.parse(value, NOW)).contains(Duration.ZERO);
    }

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource(delimiter = '|', value = {
            "Sunday, 06-Nov-77 08:00:00 GMT    | 1977-11-06T08:00:00Z",
            "Friday, 06-Nov-76 08:00:00 GMT    | 2076-11-06T08:00:00Z",
            "Wednesday, 06-Nov-75 08:00:00 GMT | 2075-11-06T08:00:00Z",
    })
    void anRfc850YearMoreThanFiftyYearsAheadMeansThePastCentury(String value, Instant meant) {
        Duration expected = meant.isBefore(NOW) ? Duration.ZERO : Duration.between(NOW, meant);

        assertThat(RetryAfter.parse(value, NOW)).contains(expected);
    }

    @ParameterizedTest(name = "now {0}")
    @CsvSource({
            "2026-11-06T08:00:00.250Z, 120",
            "2026-11-06T08:00:00.001Z, 120",
            "2026-11-06T08:00:00.999Z, 120",
            "2026-11-06T08:01:59.999Z, 1",
            "2026-11-06T08:00:00Z,     120",
    })
    void aSubSecondRemainderRoundsUp(Instant now, long seconds) {
        assertThat(RetryAfter.parse("Fri, 06 Nov 2026 08:02:00 GMT", now)).contains(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {
            "   ", "soon", "-5", "+30", "1.5", "12abc", "120 s", "0x10",
            "Fri, 32 Nov 2026 08:00:00 GMT",
            "2026-11-06T08:02:00Z",
            "\u0661\u0662\u0660",
    })
    void anUnreadableValueIsEmpty(String value) {
        assertThat(RetryAfter.parse(value, NOW)).isEmpty();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"99999999999999999999", "9223372036854775807", "999999999999999999"})
    void aDelayBeyondAnyRepresentableInstantIsEmpty(String value) {
        assertThat(RetryAfter.parse(value, NOW)).isEmpty();
    }
}
