package dev.faultline.incidents;

import dev.faultline.alert.Notification;
import dev.faultline.alert.ReminderPolicy;
import dev.faultline.alert.outbox.AlertNotifier;
import dev.faultline.check.Severity;
import dev.faultline.store.IncidentRecord;
import dev.faultline.store.IncidentRepository;
import dev.faultline.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reminders and escalation of open critical incidents that nobody acknowledged
 * ({@link ReminderPolicy}): on each {@link #tick()}, every such incident whose reminder or
 * escalation is due has it written to the alert outbox, in the transaction that counts it as
 * sent in the incident's row and adds it to the timeline. The row's update is conditional (still
 * open, still unacknowledged, not counted yet), so an acknowledgement or a resolution committed
 * first stops it, and two ticks never send one reminder twice.
 *
 * <p>A reminder says the incident's opening again ({@link Notification#asReminder}), as
 * {@code incident.reminder} with its number, to the channels that heard the opening; the
 * escalation sends the opening itself to the escalation channels. An incident whose opening was
 * never sent (opened in maintenance) has neither.
 */
public final class Reminders implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Reminders.class);

    private final Store store;
    private final AlertNotifier notifier;
    private final Clock clock;
    private volatile ReminderPolicy policy;
    private ScheduledExecutorService timer;

    public Reminders(Store store, AlertNotifier notifier, Clock clock, ReminderPolicy policy) {
        this.store = store;
        this.notifier = notifier;
        this.clock = clock;
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The dedup key of every alert about one incident: its opening, reminders, escalation and resolution. */
    public static String dedupKey(String monitorId, long incidentId) {
        return "faultline/" + monitorId + "/incident-" + incidentId;
    }

    /** Takes a changed policy (a reloaded config file); the next tick follows it. */
    public void configure(ReminderPolicy changed) {
        this.policy = Objects.requireNonNull(changed, "changed");
    }

    /** Ticks every {@code period} on a thread of its own, until closed. */
    public Reminders start(Duration period) {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("reminders").daemon().factory());
        timer.scheduleWithFixedDelay(this::tickLogged, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Sends what is due now.
     *
     * @return how many reminders and escalations were written
     */
    public int tick() {
        ReminderPolicy policy = this.policy;
        if (!policy.enabled()) return 0;
        Instant now = clock.instant();
        int written = 0;
        for (IncidentRecord incident : store.incidents().openUnacknowledged(Severity.CRITICAL)) {
            IncidentRecord.Reminders sent = incident.reminders();
            ReminderPolicy.Due due = policy.due(incident.openedAt(), sent.sent(), sent.lastAt(), sent.escalatedAt(), now);
            if (due.nothing()) continue;
            try {
                written += store.inTransaction(handle -> send(handle, incident, due, policy, now));
            } catch (RuntimeException e) {
                log.error("incident {}: could not write its reminder; trying again at the next tick", incident.id(), e);
            }
        }
        return written;
    }

    private int send(Handle handle, IncidentRecord incident, ReminderPolicy.Due due, ReminderPolicy policy, Instant now) {
        Optional<Notification> opening = store.outbox().latestOpening(handle, dedupKey(incident.monitorId(), incident.id()));
        if (opening.isEmpty()) return 0;
        IncidentRepository incidents = store.incidents();
        Optional<Duration> down = Optional.of(Duration.between(incident.startedAt(), now)).filter(d -> !d.isNegative());
        int written = 0;
        if (due.reminder() > 0 && incidents.markReminded(handle, incident.id(), due.reminder(), now)) {
            List<String> channels = notifier.notify(handle, opening.get().asReminder(due.reminder(), now, down), List.of());
            incidents.append(handle, incident.id(), Timeline.reminder(due.reminder(), channels, now));
            written++;
        }
        if (due.escalate() && incidents.markEscalated(handle, incident.id(), now)) {
            List<String> channels = notifier.notifyChannels(handle, opening.get().openingAgain(now, down), policy.escalateTo());
            incidents.append(handle, incident.id(), Timeline.escalatedTo(channels, now));
            written++;
        }
        return written;
    }

    private void tickLogged() {
        try {
            int written = tick();
            if (written > 0) log.info("{} reminder(s) or escalation(s) queued", written);
        } catch (RuntimeException e) {
            log.error("reminders: the tick failed; trying again at the next", e);
        }
    }

    @Override
    public void close() {
        if (timer != null) timer.shutdownNow();
    }
}
