package dev.faultline.digest;

import dev.faultline.alert.DigestText;
import dev.faultline.alert.EventKind;
import dev.faultline.alert.Notification;
import dev.faultline.check.Cause;
import dev.faultline.check.Severity;
import dev.faultline.config.DigestSettings;
import dev.faultline.monitor.Monitor;
import dev.faultline.store.OutboxEntry;
import dev.faultline.store.Store;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the daily digest: once a day at the configured time, one message to each digest channel
 * through the alert outbox, summarising the 24 hours before. Its dedup key names the day, so a
 * digest is sent once however often the server restarts; at start the latest digest due is sent
 * if it was not (a digest missed while the server was down goes out once, late).
 */
public final class DigestSchedule implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DigestSchedule.class);
    static final String MONITOR_ID = "faultline-digest";

    private final DigestSettings settings;
    private final DigestReport report;
    private final Store store;
    private final Runnable wake;
    private final Clock clock;
    private final URI link;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("digest").daemon().factory());

    /** @param wake called once a digest is queued: the dispatcher's wake */
    public DigestSchedule(DigestSettings settings, Store store, Supplier<Collection<Monitor>> monitors, Runnable wake,
                          Clock clock, URI link) {
        this.settings = settings;
        this.report = new DigestReport(store, monitors, settings.timezone());
        this.store = store;
        this.wake = wake;
        this.clock = clock;
        this.link = link;
    }

    /** Sends the digest now due if it was not, then each next one at its time. */
    public DigestSchedule start() {
        executor.execute(this::runAndReschedule);
        return this;
    }

    /** The latest moment a digest was due at or before {@code now}. */
    Instant latestDue(Instant now) {
        ZonedDateTime local = now.atZone(settings.timezone());
        ZonedDateTime today = local.toLocalDate().atTime(settings.at()).atZone(settings.timezone());
        return (today.toInstant().isAfter(now) ? today.minusDays(1) : today).toInstant();
    }

    /**
     * Queues the latest digest due, unless every digest channel has it already.
     *
     * @return the channels it was queued for (none when it had been sent)
     */
    public List<String> sendDue() {
        Instant due = latestDue(clock.instant());
        LocalDate day = due.atZone(settings.timezone()).toLocalDate();
        String key = "faultline/digest/" + day;
        Set<String> heard = store.inTransaction(h -> store.outbox().channelsThatHeard(h, key, EventKind.DIGEST));
        List<String> missing = settings.channels().stream().filter(c -> !heard.contains(c)).toList();
        if (missing.isEmpty()) return List.of();
        DigestText text = report.build(due.minus(Duration.ofDays(1)), due);
        Notification digest = new Notification(EventKind.DIGEST, MONITOR_ID, "Faultline digest", link, Severity.INFO, Cause.OK,
                0, Optional.empty(), text.format(), "", List.of(), Optional.empty(), key, due, Optional.empty(), link);
        int added = store.outbox().enqueue(missing.stream().map(c -> new OutboxEntry(c, digest)).toList(), clock.instant());
        if (added > 0) {
            log.info("digest for {} queued for {}", day, missing);
            wake.run();
        }
        return missing;
    }

    private void runAndReschedule() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            log.error("sending the digest failed; trying again at the next one", e);
        }
        Instant now = clock.instant();
        Instant next = latestDue(now).atZone(settings.timezone()).plusDays(1).toInstant();
        // A second late rather than early: the next run must find the new day due.
        long delay = Math.max(0, Duration.between(now, next).toMillis()) + 1_000;
        if (!executor.isShutdown()) executor.schedule(this::runAndReschedule, delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
