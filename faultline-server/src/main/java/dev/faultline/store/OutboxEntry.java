package dev.faultline.store;

import dev.faultline.alert.EventKind;
import dev.faultline.alert.Notification;
import java.util.Objects;

/**
 * One notification for one channel, as the outbox takes it. The outbox keeps at most one entry per
 * channel, dedup key, event and {@link #occurrence()}: enqueueing the same one again (after a
 * crash, say) adds nothing.
 */
public record OutboxEntry(String channel, Notification notification) {

    public OutboxEntry {
        if (channel == null || channel.isBlank()) throw new IllegalArgumentException("channel: must not be empty");
        Objects.requireNonNull(notification, "notification");
        if (notification.event() == EventKind.TEST) {
            throw new IllegalArgumentException("notification: a test is sent directly, not through the outbox");
        }
    }

    /**
     * What tells repeats of one event under one dedup key apart: the severity for an opening (an
     * incident that escalates from warning to critical is announced again), the number of a
     * reminder (each is sent once), nothing for the rest (an incident resolves once).
     */
    public String occurrence() {
        return switch (notification.event()) {
            case INCIDENT_OPENED -> notification.severity().id();
            case INCIDENT_REMINDER -> "reminder-" + notification.reminder();
            case INCIDENT_RESOLVED, WARNING, INSTABILITY, FLAPPING, TEST, DIGEST -> "";
        };
    }
}
