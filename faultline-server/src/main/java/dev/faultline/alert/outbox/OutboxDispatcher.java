package dev.faultline.alert.outbox;

import dev.faultline.alert.Channel;
import dev.faultline.alert.Delivery;
import dev.faultline.check.Durations;
import dev.faultline.store.Outbox;
import dev.faultline.store.StoredAlert;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the alert outbox holds, each alert through its channel on a virtual thread of its
 * own. Channels never wait for one another: each has its own lane with at most
 * {@link DispatchSettings#inFlightPerChannel()} sends under way and its own {@link RateLimit}, so
 * a provider that takes 30 s to answer holds up its own alerts only, and never the checks.
 *
 * <p><b>Exactly once, in effect.</b> An alert is marked sent only after its provider accepted it
 * ({@link Delivery.Delivered}). Anything committed to the outbox survives a crash and is sent after
 * the restart; a crash after the provider accepted an alert but before the mark sends it once
 * more: delivery is at least once. Every send of one alert carries the same dedup key (the
 * webhook's {@code Idempotency-Key}, PagerDuty's {@code dedup_key}, Opsgenie's alias), so a
 * provider that honours it shows the alert once. Channels without one (chat, SMS, e-mail) may
 * show a message twice in that one case, never more.
 *
 * <p>A retryable failure is tried again as the {@link RetryPolicy} says; a permanent one, or one
 * still failing when the policy gives up, leaves the alert dead, to be seen in the API. The
 * dispatcher sleeps until the next alert is due, a rate limit allows a send, or {@link #wake()}
 * is called (the {@link AlertNotifier} calls it after each commit).
 *
 * <p>One dispatcher per database: two would send the same alerts.
 */
public final class OutboxDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final Duration SHORTEST_SLEEP = Duration.ofMillis(1);

    private final Outbox outbox;
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final DispatchSettings settings;
    private final Clock clock;
    private final RandomGenerator random;
    private final ExecutorService sends = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("alert-send-", 0).factory());
    // Owned by the loop: a send that ends only reports it (finished), and the loop takes the report
    // in before its next look at the outbox, by which time the outcome is committed. (Were the send
    // to clear its own mark, a look already under way could see it pending and send it again.)
    private final Set<Long> inFlight = new HashSet<>();
    private final Queue<Finished> finished = new ConcurrentLinkedQueue<>();
    // A new set of channels, taken in by the loop (which alone touches the lanes) before its next look.
    private final java.util.concurrent.atomic.AtomicReference<Collection<Channel>> replacement =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean wakeRequested;
    private volatile boolean closing;
    private Thread loop;

    /**
     * @param channels every configured channel; alerts for any other are dead
     * @param random   the jitter of the retry waits
     */
    public OutboxDispatcher(Outbox outbox, Collection<Channel> channels, DispatchSettings settings, Clock clock,
                            RandomGenerator random) {
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
        this.random = random;
        for (Channel channel : channels) {
            Lane lane = new Lane(channel, new TokenBucket(settings.rateLimitOf(channel.name()), clock.instant()),
                    settings.inFlightPerChannel());
            if (lanes.putIfAbsent(channel.name(), lane) != null) {
                throw new IllegalArgumentException("channels: two are named '" + channel.name() + "'");
            }
        }
    }

    /**
     * Sends through these channels from now on (channels created, changed or removed through the
     * API): a new channel gets a lane, a changed one its new settings, and the alerts of a removed
     * one are dead at the loop's next look.
     *
     * @throws IllegalArgumentException when two channels share a name
     */
    public void replaceChannels(Collection<Channel> channels) {
        Set<String> names = new HashSet<>();
        for (Channel channel : channels) {
            if (!names.add(channel.name())) throw new IllegalArgumentException("channels: two are named '" + channel.name() + "'");
        }
        replacement.set(java.util.List.copyOf(channels));
        wake();
    }

    public OutboxDispatcher start() {
        if (loop != null) throw new IllegalStateException("already started");
        loop = Thread.ofVirtual().name("alert-dispatcher").start(this::run);
        return this;
    }

    /** Looks at the outbox now rather than at the next due time: something was enqueued, or a send ended. */
    public void wake() {
        lock.lock();
        try {
            wakeRequested = true;
            woken.signal();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (!closing) {
            Duration sleep;
            try {
                sleep = startDueSends();
            } catch (RuntimeException e) {
                log.error("alert outbox: cannot read due alerts; trying again in {}", Durations.format(settings.pollInterval()), e);
                sleep = settings.pollInterval();
            }
            sleep(sleep);
        }
    }

    /** Starts every send that is due and allowed now, and says how long to sleep before looking again. */
    private Duration startDueSends() {
        for (Finished done; (done = finished.poll()) != null; ) {
            inFlight.remove(done.id());
            done.lane().busy--;
        }
        Collection<Channel> changed = replacement.getAndSet(null);
        if (changed != null) takeChannels(changed);
        Instant now = clock.instant();
        // One look for the channels with anything due, then one per such channel: not one per configured channel.
        Set<String> due = outbox.dueChannels(now);
        abandonUnknownChannels(due);
        Duration sleep = settings.pollInterval();
        for (Lane lane : lanes.values()) {
            if (lane.free() == 0 || !due.contains(lane.channel.name())) continue;
            for (StoredAlert alert : outbox.due(lane.channel.name(), now, lane.free() + lane.busy)) {
                if (inFlight.contains(alert.id())) continue;
                if (lane.free() == 0) break;
                if (!lane.bucket.tryTake(now)) {
                    sleep = shorter(sleep, lane.bucket.untilNext(now));
                    break;
                }
                lane.busy++;
                inFlight.add(alert.id());
                sends.execute(() -> deliver(lane, alert));
            }
        }
        // Alerts due now but held (a busy lane, an earlier alert of the same key) are started when a send ends.
        Optional<Instant> next = outbox.nextAttemptAfter(now);
        if (next.isPresent()) sleep = shorter(sleep, Duration.between(now, next.get()));
        return sleep;
    }

    private void takeChannels(Collection<Channel> channels) {
        Map<String, Lane> next = new LinkedHashMap<>();
        for (Channel channel : channels) {
            Lane old = lanes.get(channel.name());
            // A changed channel starts a fresh lane; the sends still under way on the old one end on their own.
            next.put(channel.name(), old != null && old.channel == channel ? old : new Lane(channel,
                    old != null ? old.bucket : new TokenBucket(settings.rateLimitOf(channel.name()), clock.instant()),
                    settings.inFlightPerChannel()));
        }
        lanes.clear();
        lanes.putAll(next);
    }

    private void abandonUnknownChannels(Set<String> due) {
        for (String channel : due) {
            if (lanes.containsKey(channel)) continue;
            int dead = outbox.abandon(channel, "channel '" + channel + "' is not configured");
            log.error("alert outbox: {} alert(s) for channel '{}' are dead: it is not configured", dead, channel);
        }
    }

    private void deliver(Lane lane, StoredAlert alert) {
        try {
            record(alert, send(lane.channel, alert));
        } catch (RuntimeException e) {
            log.error("alert {} to '{}': how the send went could not be recorded; it stays pending and will be sent again",
                    alert.id(), alert.channel(), e);
        } finally {
            finished.add(new Finished(alert.id(), lane));
            wake();
        }
    }

    private static Delivery send(Channel channel, StoredAlert alert) {
        try {
            return channel.send(alert.notification());
        } catch (RuntimeException e) {
            // Channels turn every failure into a Delivery; one that throws has a bug, which must not lose the alert.
            log.error("channel '{}' failed on alert {}", channel.name(), alert.id(), e);
            return new Delivery.RetryableFailure(0, "the channel failed: " + e, Optional.empty());
        }
    }

    private void record(StoredAlert alert, Delivery delivery) {
        Instant at = clock.instant();
        switch (delivery) {
            case Delivery.Delivered d -> outbox.markSent(alert.id(), at, d.status(), d.answer());
            case Delivery.PermanentFailure p -> outbox.markDead(alert.id(), at, p.status(), p.answer());
            case Delivery.RetryableFailure r -> {
                int failures = alert.attempts() + 1;
                Optional<Instant> next = settings.retry().nextAttempt(alert.createdAt(), failures, at, r.retryAfter(), jitter());
                if (next.isPresent()) {
                    outbox.markRetry(alert.id(), at, r.status(), r.answer(), next.get());
                } else {
                    String giveUp = "gave up after " + failures + " attempts in "
                            + Durations.format(settings.retry().giveUpAfter()) + "; last answer: " + r.answer();
                    log.error("alert {} to '{}' is dead: {}", alert.id(), alert.channel(), giveUp);
                    outbox.markDead(alert.id(), at, r.status(), giveUp);
                }
            }
        }
    }

    private double jitter() {
        synchronized (random) {
            return random.nextDouble();
        }
    }

    private void sleep(Duration duration) {
        lock.lock();
        try {
            long nanos = Math.max(duration.toNanos(), SHORTEST_SLEEP.toNanos());
            while (!wakeRequested && !closing && nanos > 0) {
                nanos = woken.awaitNanos(nanos);
            }
            wakeRequested = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        } finally {
            lock.unlock();
        }
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Stops looking for due alerts and waits up to {@link DispatchSettings#closeGrace()} for the sends
     * under way to end and be recorded. Any that do not stay pending and are sent after the restart.
     */
    @Override
    public void close() {
        closing = true;
        wake();
        try {
            if (loop != null) loop.join(settings.closeGrace().plusSeconds(1).toMillis());
            sends.shutdown();
            if (!sends.awaitTermination(settings.closeGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("alert outbox: {} send(s) still under way at shutdown; they stay pending and will be sent again",
                        inFlight.size() - finished.size());
                sends.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sends.shutdownNow();
        }
    }

    private record Finished(long id, Lane lane) {
    }

    /** One channel's sends: its limits and how many are under way. Touched by the loop only. */
    private static final class Lane {
        final Channel channel;
        final TokenBucket bucket;
        final int limit;
        int busy;

        Lane(Channel channel, TokenBucket bucket, int limit) {
            this.channel = channel;
            this.bucket = bucket;
            this.limit = limit;
        }

        int free() {
            return Math.max(0, limit - busy);
        }
    }
}
