package dev.faultline.incidents;

import org.jdbi.v3.core.Handle;

/**
 * Where the incident engine's notifications go: the alert outbox, which routes them to channels
 * by severity. Called on the monitor's stripe, in order with everything else that happens to the
 * monitor, inside the transaction that stores the state change the notification announces: write
 * it with {@code handle} (never send from here), so that the change and its alerts are kept
 * together or not at all.
 */
@FunctionalInterface
public interface Notifications {

    void notify(Handle handle, NotifyRequest request);
}
