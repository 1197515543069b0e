package dev.faultline.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({"500ms, 500", "30s, 30000", "5m, 300000", "1h, 3600000", "2d, 172800000", "1m30s, 90000",
            "0s, 0", "' 10S ', 10000"})
    void readsANumberAndAUnit(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "30        | invalid duration '30': add a unit (ms, s, m, h or d), e.g. 30s",
            "5 sec     | invalid duration '5 sec': expected a whole number and a unit, e.g. 500ms, 30s, 5m, 1h, 2d",
            "1.5s      | invalid duration '1.5s': expected a whole number and a unit, e.g. 500ms, 30s, 5m, 1h, 2d",
            "-5s       | invalid duration '-5s': expected a whole number and a unit, e.g. 500ms, 30s, 5m, 1h, 2d",
            "99999999999999999999d | invalid duration '99999999999999999999d': too long",
            "''        | empty duration: give a number and a unit, e.g. 500ms, 30s, 5m, 1h, 2d"})
    void saysWhatIsWrongWithADuration(String text, String message) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"500ms", "30s", "5m", "1h", "2d", "1m30s", "0s", "1d2h3m4s5ms"})
    void writesDurationsTheWayItReadsThem(String text) {
        assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
    }

    @Test
    void rewritesTheCoresIsoDurationsInMessages() {
        assertThat(Durations.humanize("PT0.5S is shorter than the minimum of PT1S"))
                .isEqualTo("500ms is shorter than the minimum of 1s");
    }
}
