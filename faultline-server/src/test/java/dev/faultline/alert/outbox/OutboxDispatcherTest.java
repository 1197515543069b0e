package dev.faultline.alert.outbox;

import dev.faultline.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.alert.EventKind;
import dev.faultline.alert.Notification;
import dev.faultline.alert.SampleNotifications;
import dev.faultline.check.Severity;
import dev.faultline.store.StoredAlert;
import dev.faultline.store.StoredAlert.State;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class OutboxDispatcherTest {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcherTest.class);
    private static final Instant T0 = Instant.parse("2026-11-02T10:15:30Z");
    private static final Set<Severity> ALL = Set.of(Severity.CRITICAL, Severity.WARNING, Severity.INFO);
    /** Long enough that only a wake or the fake clock starts a send. */
    private static final DispatchSettings SETTINGS = DispatchSettings.DEFAULT.withPollInterval(Duration.ofMinutes(5));

    @TempDir
    Path dataDir;

    private final ManualClock clock = new ManualClock(T0);

    private AlertSystem system(ScriptedReceiver receiver, DispatchSettings settings, Clock clock) {
        return AlertSystem.webhooks(dataDir, Map.of("hooks", receiver.url()), ALL, settings, clock);
    }

    private static StoredAlert only(AlertSystem system) {
        List<StoredAlert> alerts = system.store.outbox().list(Optional.empty(), 10, Optional.empty());
        assertThat(alerts).hasSize(1);
        return alerts.getFirst();
    }

    /** Moves the fake clock and lets the dispatcher see it. */
    private void advance(AlertSystem system, Duration by) {
        clock.advance(by);
        system.dispatcher.wake();
    }

    @Test
    void anAlertReachesTheReceiverWithinMillisecondsOfItsCommit() {
        // No rate limit in the way: the default one (bursts of 10, then one a second) would be measured.
        DispatchSettings unlimited = SETTINGS.withRateLimit(new RateLimit(1_000, Duration.ofMillis(1)));
        try (ScriptedReceiver receiver = ScriptedReceiver.always(204);
             AlertSystem system = system(receiver, unlimited, Clock.systemUTC())) {
            List<Double> millis = new java.util.ArrayList<>();
            for (int i = 0; i <= 20; i++) {
                long committed = System.nanoTime();
                system.notifier.notify(warning("latency-" + i), List.of());
                int expected = i + 1;
                await().atMost(Duration.ofSeconds(5)).until(() -> receiver.requests().size() == expected);
                if (i > 0) millis.add((receiver.requests().get(i).arrivedNanos() - committed) / 1e6); // the first warms up
            }
            java.util.Collections.sort(millis);
            log.info("notify() (routing, enqueue, commit) to webhook receipt over {} alerts: median {} ms, max {} ms", millis.size(),
                    String.format("%.1f", millis.get(millis.size() / 2)), String.format("%.1f", millis.getLast()));
            assertThat(millis.get(millis.size() / 2)).isLessThan(250);
        }
    }

    @Test
    void aReceiverThatFailsThreeTimesGetsTheAlertOnceAfterBackingOff() {
        try (ScriptedReceiver receiver = new ScriptedReceiver(n -> ScriptedReceiver.Answer.of(n <= 3 ? 503 : 204));
             AlertSystem system = system(receiver, SETTINGS, clock)) {
            system.notifier.notify(SampleNotifications.opened(), List.of());
            await().until(() -> only(system).attempts() == 1);
            // Full jitter at its middle: half of 5 s, then of 10 s, then of 20 s.
            assertThat(only(system).nextAttemptAt()).isEqualTo(T0.plusMillis(2_500));
            assertThat(only(system).lastStatus()).contains(503);

            advance(system, Duration.ofMillis(2_400));
            await().during(Duration.ofMillis(300)).until(() -> receiver.requests().size() == 1);

            advance(system, Duration.ofMillis(100));
            await().until(() -> only(system).attempts() == 2);
            assertThat(only(system).nextAttemptAt()).isEqualTo(T0.plusMillis(7_500));

            advance(system, Duration.ofMillis(5_000));
            await().until(() -> only(system).attempts() == 3);
            assertThat(only(system).nextAttemptAt()).isEqualTo(T0.plusMillis(17_500));

            advance(system, Duration.ofMillis(10_000));
            await().until(() -> only(system).state() == State.SENT);
            StoredAlert sent = only(system);
            assertThat(sent.attempts()).isEqualTo(4);
            assertThat(sent.sentAt()).contains(T0.plusMillis(17_500));
            assertThat(sent.lastStatus()).contains(204);

            advance(system, Duration.ofHours(1));
            await().during(Duration.ofMillis(300)).until(() -> receiver.requests().size() == 4);
            assertThat(receiver.requests()).extracting(ScriptedReceiver.Request::answeredWith).containsExactly(503, 503, 503, 204);
            assertThat(receiver.requests()).extracting(ScriptedReceiver.Request::idempotencyKey).containsOnly(
                    SampleNotifications.DEDUP_KEY + ":incident.opened");
            assertThat(receiver.shown()).isEqualTo(1);
        }
    }

    @Test
    void theProvidersRetryAfterIsHonoured() {
        try (ScriptedReceiver receiver = new ScriptedReceiver(n -> n == 1
                ? new ScriptedReceiver.Answer(429, Map.of("Retry-After", "120"), Duration.ZERO) : ScriptedReceiver.Answer.of(200));
             AlertSystem system = system(receiver, SETTINGS, clock)) {
            system.notifier.notify(SampleNotifications.warning(), List.of());

            await().until(() -> only(system).attempts() == 1);
            assertThat(only(system).nextAttemptAt()).isEqualTo(T0.plusSeconds(120));
            advance(system, Duration.ofSeconds(119));
            await().during(Duration.ofMillis(300)).until(() -> receiver.requests().size() == 1);
            advance(system, Duration.ofSeconds(1));
            await().until(() -> only(system).state() == State.SENT);
        }
    }

    @Test
    void aPermanentRefusalIsDeadAtOnce() {
        try (ScriptedReceiver receiver = ScriptedReceiver.always(400);
             AlertSystem system = system(receiver, SETTINGS, clock)) {
            system.notifier.notify(SampleNotifications.opened(), List.of());

            await().until(() -> only(system).state() == State.DEAD);
            StoredAlert dead = only(system);
            assertThat(dead.attempts()).isEqualTo(1);
            assertThat(dead.lastStatus()).contains(400);
            assertThat(dead.lastAnswer()).contains("400 Bad Request: answer 400");
            advance(system, Duration.ofHours(1));
            await().during(Duration.ofMillis(300)).until(() -> receiver.requests().size() == 1);
        }
    }

    @Test
    void anAlertStillFailingWhenTheRetryWindowEndsIsDead() {
        DispatchSettings settings = SETTINGS.withRetry(new RetryPolicy(Duration.ofSeconds(5), Duration.ofSeconds(20),
                Duration.ofMinutes(1)));
        try (ScriptedReceiver receiver = ScriptedReceiver.always(502);
             AlertSystem system = system(receiver, settings, clock)) {
            system.notifier.notify(SampleNotifications.opened(), List.of());
            await().until(() -> only(system).attempts() == 1);

            for (int i = 0; i < 20 && only(system).state() == State.PENDING; i++) {
                int attempts = only(system).attempts();
                clock.set(only(system).nextAttemptAt());
                system.dispatcher.wake();
                await().until(() -> only(system).attempts() > attempts);
            }

            StoredAlert dead = only(system);
            assertThat(dead.state()).isEqualTo(State.DEAD);
            assertThat(dead.lastAttemptAt()).contains(T0.plus(Duration.ofMinutes(1))); // the last try is at the deadline
            assertThat(dead.lastAnswer().orElseThrow()).startsWith("gave up after " + dead.attempts() + " attempts in 1m;"
                    + " last answer: 502 Bad Gateway");
            assertThat(receiver.requests()).hasSize(dead.attempts());
        }
    }

    @Test
    void aSlowChannelNeverDelaysAnother() {
        try (ScriptedReceiver slow = new ScriptedReceiver(n -> new ScriptedReceiver.Answer(204, Map.of(), Duration.ofSeconds(5)));
             ScriptedReceiver fast = ScriptedReceiver.always(204)) {
            Map<String, java.net.URI> urls = new LinkedHashMap<>();
            urls.put("slow", slow.url());
            urls.put("fast", fast.url());
            try (AlertSystem system = AlertSystem.webhooks(dataDir, urls, ALL, SETTINGS, Clock.systemUTC())) {
                long start = System.nanoTime();
                system.notifier.notify(SampleNotifications.opened(), List.of("slow", "fast"));
                system.notifier.notify(SampleNotifications.warning(), List.of("slow", "fast"));

                await().atMost(Duration.ofSeconds(2)).until(() -> fast.requests().size() == 2);
                double fastMs = (fast.requests().get(1).arrivedNanos() - start) / 1e6;
                log.info("both alerts reached the fast channel {} ms after enqueue, while the slow one was still answering",
                        String.format("%.1f", fastMs));
                assertThat(slow.requests()).hasSize(1); // one at a time per channel: the second waits its turn
                assertThat(fastMs).isLessThan(2_000);

                await().atMost(Duration.ofSeconds(15)).until(() -> slow.requests().size() == 2);
                assertThat(slow.requests()).extracting(ScriptedReceiver.Request::event)
                        .containsExactly("incident.opened", "warning");
            }
        }
    }

    @Test
    void alertsOverTheRateLimitWaitTheirTurn() {
        DispatchSettings settings = SETTINGS.withRateLimit(new RateLimit(2, Duration.ofMinutes(1)));
        try (ScriptedReceiver receiver = ScriptedReceiver.always(204);
             AlertSystem system = system(receiver, settings, clock)) {
            for (int i = 1; i <= 3; i++) system.notifier.notify(warning("warning-" + i), List.of());

            await().until(() -> receiver.requests().size() == 2);
            await().during(Duration.ofMillis(300)).until(() -> receiver.requests().size() == 2);
            advance(system, Duration.ofMinutes(1));
            await().until(() -> receiver.requests().size() == 3);
            assertThat(receiver.requests()).extracting(ScriptedReceiver.Request::idempotencyKey)
                    .containsExactly("warning-1:warning", "warning-2:warning", "warning-3:warning");
        }
    }

    @Test
    void aResolutionNeverOvertakesItsOpening() {
        try (ScriptedReceiver receiver = new ScriptedReceiver(n -> ScriptedReceiver.Answer.of(n == 1 ? 503 : 204));
             AlertSystem system = system(receiver, SETTINGS, clock)) {
            system.notifier.notify(SampleNotifications.opened(), List.of());
            await().until(() -> receiver.requests().size() == 1);
            assertThat(system.notifier.notify(SampleNotifications.resolved(), List.of())).containsExactly("hooks");

            await().during(Duration.ofMillis(300)).until(() -> receiver.requests().size() == 1);
            advance(system, Duration.ofSeconds(3));
            await().until(() -> receiver.requests().size() == 3);
            assertThat(receiver.requests()).extracting(ScriptedReceiver.Request::event)
                    .containsExactly("incident.opened", "incident.opened", "incident.resolved");
        }
    }

    @Test
    void alertsForAChannelNoLongerConfiguredAreDead() {
        try (ScriptedReceiver receiver = ScriptedReceiver.always(204);
             AlertSystem system = system(receiver, SETTINGS, clock)) {
            system.store.outbox().enqueue(List.of(new dev.faultline.store.OutboxEntry("removed", SampleNotifications.opened())), T0);
            system.dispatcher.wake();

            await().until(() -> only(system).state() == State.DEAD);
            assertThat(only(system).lastAnswer()).contains("channel 'removed' is not configured");
            assertThat(only(system).attempts()).isZero();
        }
    }

    static Notification warning(String dedupKey) {
        Notification n = SampleNotifications.warning();
        return new Notification(EventKind.WARNING, n.monitorId(), n.monitorName(), n.monitorUrl(), n.severity(), n.cause(),
                n.status(), n.retryAfter(), n.summary(), n.nextStep(), n.regions(), n.incidentId(), dedupKey, n.time(),
                n.downFor(), n.link());
    }
}
