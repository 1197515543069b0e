package dev.faultline.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VerdictTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Cause.class, names = {"SLOW_RESPONSE", "CERTIFICATE_EXPIRING"}, mode = EnumSource.Mode.EXCLUDE)
    void degradedRejectsEveryCauseThatIsNotDegraded(Cause cause) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Verdict.Degraded(cause))
                .withMessage(cause.id() + " is not a degraded cause");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Cause.class, names = {"OK", "SLOW_RESPONSE", "CERTIFICATE_EXPIRING"})
    void downRejectsEveryCauseThatIsNotAFailure(Cause cause) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Verdict.Down(cause))
                .withMessage(cause.id() + " is not a down cause");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Cause.class, names = {"OK", "SLOW_RESPONSE", "CERTIFICATE_EXPIRING"})
    void aFailedProbeRejectsEveryCauseThatIsNotAFailure(Cause cause) {
        assertThatIllegalArgumentException().isThrownBy(() -> new ProbeOutcome.Failed(cause, "x"))
                .withMessage(cause.id() + " is not a failure");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Cause.class)
    void verdictOfBuildsTheVariantOfTheCausesOutcome(Cause cause) {
        Verdict verdict = Verdict.of(cause);

        assertThat(verdict.cause()).isEqualTo(cause);
        assertThat(verdict.outcome()).isEqualTo(cause.outcome());
        assertThat(verdict.fault()).isEqualTo(cause.fault());
        Class<?> expected = switch (cause.outcome()) {
            case UP -> Verdict.Up.class;
            case DEGRADED -> Verdict.Degraded.class;
            case DOWN -> Verdict.Down.class;
        };
        assertThat(verdict).isInstanceOf(expected);
    }

    @Test
    void upIsAlwaysOk() {
        assertThat(new Verdict.Up().cause()).isEqualTo(Cause.OK);
        assertThat(new Verdict.Up().fault()).isEqualTo(Fault.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Cause.class)
    void severityIsCriticalForServerNetworkAndContentWarningForClientAndDegradedNoneWhenUp(Cause cause) {
        Map<Fault, Severity> downSeverity = Map.of(
                Fault.SERVER, Severity.CRITICAL, Fault.NETWORK, Severity.CRITICAL,
                Fault.CONTENT, Severity.CRITICAL, Fault.CLIENT, Severity.WARNING);
        Severity expected = switch (cause.outcome()) {
            case UP -> Severity.NONE;
            case DEGRADED -> Severity.WARNING;
            case DOWN -> downSeverity.get(cause.fault());
        };
        assertThat(Verdict.of(cause).severity()).isEqualTo(expected);
    }
}
