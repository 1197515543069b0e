package dev.faultline.alert.outbox;

import dev.faultline.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.alert.AlertRouting;
import dev.faultline.alert.EventKind;
import dev.faultline.alert.Notification;
import dev.faultline.alert.SampleNotifications;
import dev.faultline.check.Cause;
import dev.faultline.check.Severity;
import dev.faultline.store.Store;
import dev.faultline.store.StoreSettings;
import dev.faultline.store.StoredAlert;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertNotifierTest {

    private static final Instant T0 = Instant.parse("2026-11-02T10:15:30Z");

    @TempDir
    Path dataDir;

    private final ManualClock clock = new ManualClock(T0);
    private final AtomicInteger wakes = new AtomicInteger();
    private Store store;
    private AlertNotifier notifier;

    @BeforeEach
    void open() {
        Map<String, Set<Severity>> channels = new LinkedHashMap<>();
        channels.put("pager", Set.of(Severity.CRITICAL));
        channels.put("chat", Set.of(Severity.CRITICAL, Severity.WARNING));
        channels.put("tickets", Set.of(Severity.WARNING));
        store = Store.open(StoreSettings.sqlite(dataDir));
        notifier = new AlertNotifier(AlertRouting.allByDefault(channels), store, clock, wakes::incrementAndGet);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<String> queued(EventKind event) {
        return store.outbox().list(Optional.empty(), 100, Optional.empty()).stream()
                .filter(a -> a.notification().event() == event).map(StoredAlert::channel).sorted().toList();
    }

    @Test
    void a503ReachesTheCriticalChannelsAndA404OnlyTheWarningOnes() {
        assertThat(notifier.notify(SampleNotifications.opened(), List.of())).containsExactly("pager", "chat");
        assertThat(notifier.notify(notFound(), List.of())).containsExactly("chat", "tickets");

        assertThat(store.outbox().list(Optional.empty(), 10, Optional.empty()))
                .extracting(a -> a.channel() + " " + a.notification().status())
                .containsExactlyInAnyOrder("pager 503", "chat 503", "chat 404", "tickets 404");
        assertThat(wakes).hasValue(2);
    }

    @Test
    void theResolutionGoesWhereTheOpeningWentEvenIfTheMonitorChangedItsChannels() {
        notifier.notify(SampleNotifications.opened(), List.of("pager"));

        assertThat(notifier.notify(SampleNotifications.resolved(), List.of("chat"))).containsExactly("pager");
        assertThat(queued(EventKind.INCIDENT_RESOLVED)).containsExactly("pager");
    }

    @Test
    void notifyingTwiceQueuesOnce() {
        notifier.notify(SampleNotifications.opened(), List.of());
        notifier.notify(SampleNotifications.opened(), List.of());

        assertThat(queued(EventKind.INCIDENT_OPENED)).containsExactly("chat", "pager");
    }

    @Test
    void inTheCallersTransactionTheDispatcherIsWokenOnlyAfterTheCommit() {
        store.inTransaction(handle -> {
            notifier.notify(handle, SampleNotifications.opened(), List.of());
            assertThat(wakes).hasValue(0);
            return null;
        });
        assertThat(wakes).hasValue(1);

        assertThatThrownBy(() -> store.inTransaction(handle -> {
            notifier.notify(handle, notFound(), List.of());
            throw new IllegalStateException("storing the incident failed");
        })).hasMessage("storing the incident failed");
        assertThat(wakes).hasValue(1);
        assertThat(queued(EventKind.INCIDENT_OPENED)).containsExactly("chat", "pager");
    }

    @Test
    void aNotificationNoChannelTakesQueuesNothing() {
        Notification info = withSeverity(notFound(), Severity.INFO);

        assertThat(notifier.notify(info, List.of())).isEmpty();
        assertThat(store.outbox().list(Optional.empty(), 10, Optional.empty())).isEmpty();
        assertThat(wakes).hasValue(0);
    }

    static Notification notFound() {
        Notification n = SampleNotifications.opened();
        return new Notification(EventKind.INCIDENT_OPENED, n.monitorId(), n.monitorName(), n.monitorUrl(), Severity.WARNING,
                Cause.NOT_FOUND, 404, Optional.empty(), "Not found (HTTP 404)", "The URL may have moved.", n.regions(),
                Optional.of("43"), "faultline/checkout-api/incident-43", n.time(), Optional.empty(), n.link());
    }

    static Notification withSeverity(Notification n, Severity severity) {
        return new Notification(n.event(), n.monitorId(), n.monitorName(), n.monitorUrl(), severity, n.cause(), n.status(),
                n.retryAfter(), n.summary(), n.nextStep(), n.regions(), n.incidentId(), n.dedupKey(), n.time(), n.downFor(),
                n.link(), n.reminder());
    }
}
