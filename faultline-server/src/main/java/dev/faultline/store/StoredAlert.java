package dev.faultline.store;

import dev.faultline.alert.Notification;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the alert outbox: a notification for one channel and how sending it went so far.
 *
 * @param attempts      sends tried so far
 * @param nextAttemptAt when a pending alert is due (again)
 * @param lastStatus    the provider's status at the last attempt (0 when no answer came); empty before the first
 * @param lastAnswer    what the provider said at the last attempt, or why the alert is dead
 */
public record StoredAlert(long id, String channel, Notification notification, State state, int attempts,
                          Instant nextAttemptAt, Optional<Instant> lastAttemptAt, Optional<Integer> lastStatus,
                          Optional<String> lastAnswer, Instant createdAt, Optional<Instant> sentAt) {

    /** Where an alert is: waiting to be sent (or sent again), accepted by the provider, or given up on. */
    public enum State {
        PENDING, SENT, DEAD;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<State> fromId(String id) {
            for (State state : values()) {
                if (state.id().equals(id)) return Optional.of(state);
            }
            return Optional.empty();
        }
    }

    public StoredAlert {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastAttemptAt, "lastAttemptAt");
        Objects.requireNonNull(lastStatus, "lastStatus");
        Objects.requireNonNull(lastAnswer, "lastAnswer");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(sentAt, "sentAt");
    }
}
