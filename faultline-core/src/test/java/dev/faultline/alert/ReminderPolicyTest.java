package dev.faultline.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReminderPolicyTest {

    private static final Instant OPENED = Instant.parse("2026-11-27T08:00:00Z");
    private static final ReminderPolicy POLICY = new ReminderPolicy(Optional.of(Duration.ofMinutes(30)),
            Optional.of(Duration.ofMinutes(15)), List.of("managers"));

    @Test
    void theFirstReminderIsDueOneIntervalAfterTheOpeningAndEachNextOneAfterTheLast() {
        assertThat(POLICY.due(OPENED, 0, Optional.empty(), Optional.of(OPENED), OPENED.plusSeconds(29 * 60)).reminder()).isZero();
        assertThat(POLICY.due(OPENED, 0, Optional.empty(), Optional.of(OPENED), OPENED.plusSeconds(30 * 60)).reminder()).isEqualTo(1);
        Instant first = OPENED.plusSeconds(30 * 60 + 10);
        assertThat(POLICY.due(OPENED, 1, Optional.of(first), Optional.of(OPENED), first.plusSeconds(29 * 60)).reminder()).isZero();
        assertThat(POLICY.due(OPENED, 1, Optional.of(first), Optional.of(OPENED), first.plusSeconds(30 * 60)).reminder()).isEqualTo(2);
    }

    @Test
    void hoursWithoutTheServerBringOneCatchUpReminderNotABurst() {
        // Last reminder at +30m, the server back at +5h: one reminder now, the next 30 minutes later.
        Instant last = OPENED.plusSeconds(30 * 60);
        Instant back = OPENED.plusSeconds(5 * 3600);
        assertThat(POLICY.due(OPENED, 1, Optional.of(last), Optional.of(OPENED), back).reminder()).isEqualTo(2);
        assertThat(POLICY.nextReminderAt(OPENED, Optional.of(back))).contains(back.plusSeconds(30 * 60));
    }

    @Test
    void escalationIsDueOnceAfterItsDelay() {
        assertThat(POLICY.due(OPENED, 0, Optional.empty(), Optional.empty(), OPENED.plusSeconds(14 * 60)).escalate()).isFalse();
        assertThat(POLICY.due(OPENED, 0, Optional.empty(), Optional.empty(), OPENED.plusSeconds(15 * 60)).escalate()).isTrue();
        assertThat(POLICY.due(OPENED, 0, Optional.empty(), Optional.of(OPENED.plusSeconds(900)), OPENED.plusSeconds(3600))
                .escalate()).isFalse();
    }

    @Test
    void offByDefaultAndHalfAnEscalationIsAnError() {
        assertThat(ReminderPolicy.OFF.enabled()).isFalse();
        assertThat(ReminderPolicy.OFF.due(OPENED, 0, Optional.empty(), Optional.empty(), OPENED.plusSeconds(86_400)).nothing()).isTrue();
        assertThatThrownBy(() -> new ReminderPolicy(Optional.empty(), Optional.of(Duration.ofMinutes(5)), List.of()))
                .hasMessageStartingWith("escalate_to:");
        assertThatThrownBy(() -> new ReminderPolicy(Optional.empty(), Optional.empty(), List.of("x")))
                .hasMessageStartingWith("escalate_after:");
        assertThatThrownBy(() -> new ReminderPolicy(Optional.of(Duration.ZERO), Optional.empty(), List.of()))
                .hasMessageStartingWith("remind_every:");
    }
}
