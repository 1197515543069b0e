package dev.faultline.incident;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfirmPolicyTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        ConfirmPolicy policy = ConfirmPolicy.DEFAULT;

        assertThat(policy.quorum()).isEqualTo(2);
        assertThat(policy.window()).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.period()).isEqualTo(Duration.ZERO);
        assertThat(policy.recovery()).isEqualTo(2);
        assertThat(policy.flapping()).isEqualTo(new Threshold(5, Duration.ofMinutes(10)));
        assertThat(policy.instability()).isEqualTo(new Threshold(3, Duration.ofHours(1)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        quorum=0           | quorum: must be at least 1, got 0
        window=0           | window: must be longer than zero, got PT0S
        recovery=0         | recovery: must be at least 1, got 0
        flapping=0/600     | count: must be at least 1, got 0
        instability=3/0    | within: must be longer than zero, got PT0S
        """)
    void rejectsSettingsThatCannotWork(String setting, String message) {
        assertThatThrownBy(() -> Policies.parse(setting)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void rejectsANegativePeriod() {
        assertThatThrownBy(() -> ConfirmPolicy.DEFAULT.withPeriod(Duration.ofSeconds(-1)))
                .hasMessage("period: must not be negative, got PT-1S");
    }

    @Test
    void overridesChangeOneSettingOnly() {
        ConfirmPolicy policy = ConfirmPolicy.DEFAULT.withQuorum(3);

        assertThat(policy).isEqualTo(new ConfirmPolicy(3, Duration.ofSeconds(30), Duration.ZERO, 2,
                ConfirmPolicy.DEFAULT.flapping(), ConfirmPolicy.DEFAULT.instability()));
    }
}
