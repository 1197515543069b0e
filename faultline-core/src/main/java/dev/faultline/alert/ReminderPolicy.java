package dev.faultline.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happens to a critical incident that nobody acknowledges: its alert is said again every
 * {@code remindEvery} to the channels that heard it, and after {@code escalateAfter} its opening
 * goes, once, to the {@code escalateTo} channels. Both are off unless set; an acknowledgement or
 * the resolution stops both.
 *
 * <p>The schedule is computed from stored instants only, so that a restart resumes it: the next
 * reminder is due {@code remindEvery} after the last one (or after the opening). A reminder that
 * fell due while the server was down is sent once when it is back, and the next one counts from
 * then: a long outage of the server never brings a burst of missed reminders.
 */
public record ReminderPolicy(Optional<Duration> remindEvery, Optional<Duration> escalateAfter, List<String> escalateTo) {

    public static final ReminderPolicy OFF = new ReminderPolicy(Optional.empty(), Optional.empty(), List.of());

    public ReminderPolicy {
        requirePositive(remindEvery, "remind_every");
        requirePositive(escalateAfter, "escalate_after");
        escalateTo = List.copyOf(escalateTo);
        if (escalateAfter.isPresent() && escalateTo.isEmpty()) {
            throw new IllegalArgumentException("escalate_to: name the channels to escalate to after escalate_after");
        }
        if (escalateAfter.isEmpty() && !escalateTo.isEmpty()) {
            throw new IllegalArgumentException("escalate_after: say how long to wait before escalating to escalate_to");
        }
    }

    /** True when reminders or escalation are on. */
    public boolean enabled() {
        return remindEvery.isPresent() || escalateAfter.isPresent();
    }

    /**
     * What is due at {@code now} for an open, unacknowledged critical incident.
     *
     * @param openedAt       when the incident opened (and its alert went out)
     * @param remindersSent  reminders sent so far
     * @param lastRemindedAt when the last of them went out
     * @param escalatedAt    when the escalation went out, if it did
     */
    public Due due(Instant openedAt, int remindersSent, Optional<Instant> lastRemindedAt, Optional<Instant> escalatedAt,
                   Instant now) {
        int reminder = nextReminderAt(openedAt, lastRemindedAt).filter(at -> !now.isBefore(at)).isPresent() ? remindersSent + 1 : 0;
        boolean escalate = escalatedAt.isEmpty() && escalateAfter.map(after -> !now.isBefore(openedAt.plus(after))).orElse(false);
        return new Due(reminder, escalate);
    }

    /** When the next reminder is due; empty when reminders are off. */
    public Optional<Instant> nextReminderAt(Instant openedAt, Optional<Instant> lastRemindedAt) {
        return remindEvery.map(every -> lastRemindedAt.orElse(openedAt).plus(every));
    }

    /**
     * @param reminder the number of the reminder to send now (one more than those sent), 0 for none
     * @param escalate whether to send the opening to the escalation channels now
     */
    public record Due(int reminder, boolean escalate) {
        public boolean nothing() {
            return reminder == 0 && !escalate;
        }
    }

    private static void requirePositive(Optional<Duration> duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isPresent() && (duration.get().isNegative() || duration.get().isZero())) {
            throw new IllegalArgumentException(name + ": must be longer than zero");
        }
    }
}
