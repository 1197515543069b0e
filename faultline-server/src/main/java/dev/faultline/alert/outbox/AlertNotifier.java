package dev.faultline.alert.outbox;

import dev.faultline.alert.AlertRouting;
import dev.faultline.alert.EventKind;
import dev.faultline.alert.Notification;
import dev.faultline.store.OutboxEntry;
import dev.faultline.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where notifications enter the alert system: routes each one to its channels
 * ({@link AlertRouting}) and writes one outbox entry per channel, for the
 * {@link OutboxDispatcher} to send. This is the implementation of the incident service's
 * notification port.
 *
 * <p>To announce a state change exactly when it is stored, write both in one transaction:
 * <pre>{@code
 * store.inTransaction(handle -> {
 *     incidents.open(handle, incident);                        // the state change
 *     notifier.notify(handle, notification, monitor.channels()); // its alerts
 *     return null;
 * });
 * }</pre>
 * If the transaction rolls back, no alert is sent; once it commits, the alerts are sent even if
 * the process dies the next moment. A notification enqueued twice (a replay after a crash) is sent
 * once. Reminders and resolutions go to the channels the incident's opening went to, looked up in
 * the outbox by the notification's dedup key, so the caller need not remember them.
 */
public final class AlertNotifier {

    private static final Logger log = LoggerFactory.getLogger(AlertNotifier.class);

    private volatile AlertRouting routing;
    private final Store store;
    private final Clock clock;
    private final Runnable wake;

    /** @param wake called once the alerts are committed: the dispatcher's {@link OutboxDispatcher#wake()} */
    public AlertNotifier(AlertRouting routing, Store store, Clock clock, Runnable wake) {
        this.routing = routing;
        this.store = store;
        this.clock = clock;
        this.wake = wake;
    }

    /** Routes by these channels from now on (channels created, changed or removed through the API). */
    public void replaceRouting(AlertRouting routing) {
        this.routing = java.util.Objects.requireNonNull(routing, "routing");
    }

    /** {@link #notify(Handle, Notification, List)} in a transaction of its own. */
    public List<String> notify(Notification notification, List<String> monitorChannels) {
        return store.inTransaction(handle -> notify(handle, notification, monitorChannels));
    }

    /**
     * Routes the notification and enqueues it for each channel, inside the caller's transaction.
     *
     * @param monitorChannels the channels the monitor names; empty for the default ones
     * @return the channels it goes to (none, when no channel takes its severity)
     */
    public List<String> notify(Handle handle, Notification notification, List<String> monitorChannels) {
        AlertRouting routing = this.routing;
        List<String> unknown = routing.unknown(monitorChannels);
        if (!unknown.isEmpty()) {
            log.warn("monitor '{}' names channels that are not configured: {}", notification.monitorId(), unknown);
        }
        Set<String> heard = switch (notification.event()) {
            case INCIDENT_REMINDER, INCIDENT_RESOLVED ->
                    store.outbox().channelsThatHeard(handle, notification.dedupKey(), EventKind.INCIDENT_OPENED);
            case INCIDENT_OPENED, WARNING, INSTABILITY, FLAPPING, TEST, DIGEST -> Set.of();
        };
        return enqueue(handle, notification, routing.channelsFor(notification, monitorChannels, heard));
    }

    /** Whether this monitor's {@code event} was enqueued at or after {@code since}, inside the caller's transaction. */
    public boolean enqueuedSince(Handle handle, String monitorId, EventKind event, java.time.Instant since) {
        return store.outbox().enqueuedSince(handle, monitorId, event, since);
    }

    /**
     * Enqueues the notification for exactly these channels, whatever they take, inside the
     * caller's transaction: an escalation goes to the channels named for it. Names that are not
     * configured are left out (and logged); a channel that has it already is not sent it again.
     *
     * @return the channels it goes to
     */
    public List<String> notifyChannels(Handle handle, Notification notification, List<String> channels) {
        List<String> unknown = routing.unknown(channels);
        if (!unknown.isEmpty()) {
            log.warn("{} for '{}' names channels that are not configured: {}", notification.event().id(),
                    notification.monitorId(), unknown);
        }
        return enqueue(handle, notification, channels.stream().distinct().filter(c -> !unknown.contains(c)).toList());
    }

    private List<String> enqueue(Handle handle, Notification notification, List<String> channels) {
        if (channels.isEmpty()) return channels;
        store.outbox().enqueue(handle, channels.stream().map(c -> new OutboxEntry(c, notification)).toList(), clock.instant());
        if (handle.isInTransaction()) {
            handle.afterCommit(wake);
        } else {
            wake.run();
        }
        return channels;
    }
}
