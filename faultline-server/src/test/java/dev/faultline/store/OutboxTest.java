package dev.faultline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.alert.EventKind;
import dev.faultline.alert.Notification;
import dev.faultline.alert.SampleNotifications;
import dev.faultline.store.StoredAlert.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

class OutboxTest {

    private static final Instant T0 = Instant.parse("2026-11-02T10:15:30.123456Z");

    @DatabaseTest
    void anEnqueuedAlertReadsBackWithEveryFieldAndIsDueAtOnce(TestDatabase db) {
        Outbox outbox = db.open().outbox();
        Notification opened = SampleNotifications.opened();

        assertThat(outbox.enqueue(List.of(new OutboxEntry("pager", opened)), T0)).isEqualTo(1);

        StoredAlert alert = outbox.due("pager", T0, 10).getFirst();
        assertThat(alert.notification()).isEqualTo(opened);
        assertThat(alert.channel()).isEqualTo("pager");
        assertThat(alert.state()).isEqualTo(State.PENDING);
        assertThat(alert.attempts()).isZero();
        assertThat(alert.createdAt()).isEqualTo(T0);
        assertThat(alert.nextAttemptAt()).isEqualTo(T0);
        assertThat(alert.lastAttemptAt()).isEmpty();
        assertThat(alert.lastStatus()).isEmpty();
        assertThat(alert.lastAnswer()).isEmpty();
        assertThat(alert.sentAt()).isEmpty();
        assertThat(outbox.find(alert.id())).contains(alert);
    }

    @DatabaseTest
    void enqueueingTheSameAlertAgainAddsNothing(TestDatabase db) {
        Outbox outbox = db.open().outbox();
        List<OutboxEntry> entries = List.of(new OutboxEntry("pager", SampleNotifications.opened()),
                new OutboxEntry("chat", SampleNotifications.opened()));
        outbox.enqueue(entries, T0);
        long id = outbox.due("pager", T0, 1).getFirst().id();
        outbox.markSent(id, T0, 202, "202 Accepted");

        // As after a crash between the commit and the caller's own bookkeeping: the same alerts again.
        assertThat(outbox.enqueue(entries, T0.plusSeconds(5))).isZero();

        assertThat(db.count("alert_outbox")).isEqualTo(2);
        assertThat(outbox.find(id).orElseThrow().state()).isEqualTo(State.SENT);
        assertThat(outbox.due("pager", T0.plusSeconds(5), 10)).isEmpty();
    }

    @DatabaseTest
    void theEventAndEachReminderAreAlertsOfTheirOwn(TestDatabase db) {
        Outbox outbox = db.open().outbox();
        Notification reminder = SampleNotifications.reminder();
        Notification later = SampleNotifications.opened().asReminder(3, reminder.time().plus(Duration.ofMinutes(30)),
                Optional.empty());
        // The same reminder number enqueued again (a tick repeated after a crash) is the same alert, whatever its time.
        Notification laterAgain = SampleNotifications.opened().asReminder(3, reminder.time().plus(Duration.ofMinutes(31)),
                Optional.empty());

        int added = outbox.enqueue(List.of(new OutboxEntry("pager", SampleNotifications.opened()),
                new OutboxEntry("pager", reminder), new OutboxEntry("pager", later), new OutboxEntry("pager", laterAgain),
                new OutboxEntry("pager", SampleNotifications.resolved())), T0);

        assertThat(added).isEqualTo(4);
    }

    @DatabaseTest
    void anOpeningEscalatedToCriticalIsAnnouncedAgain(TestDatabase db) {
        Outbox outbox = db.open().outbox();
        Notification asWarning = SampleNotifications.opened();
        asWarning = new Notification(asWarning.event(), asWarning.monitorId(), asWarning.monitorName(), asWarning.monitorUrl(),
                dev.faultline.check.Severity.WARNING, dev.faultline.check.Cause.NOT_FOUND, 404, Optional.empty(),
                asWarning.summary(), asWarning.nextStep(), asWarning.regions(), asWarning.incidentId(), asWarning.dedupKey(),
                asWarning.time(), Optional.empty(), asWarning.link());

        assertThat(outbox.enqueue(List.of(new OutboxEntry("chat", asWarning)), T0)).isEqualTo(1);
        assertThat(outbox.enqueue(List.of(new OutboxEntry("chat", SampleNotifications.opened())), T0)).isEqualTo(1);
        assertThat(outbox.enqueue(List.of(new OutboxEntry("chat", SampleNotifications.opened())), T0)).isZero();
    }

    @DatabaseTest
    void anEnqueueInTheCallersTransactionIsRolledBackWithIt(TestDatabase db) {
        Store store = db.open();
        Outbox outbox = store.outbox();

        assertThatThrownBy(() -> store.inTransaction(handle -> {
            outbox.enqueue(handle, List.of(new OutboxEntry("pager", SampleNotifications.opened())), T0);
            throw new IllegalStateException("the incident could not be stored");
        })).hasMessage("the incident could not be stored");
        assertThat(db.count("alert_outbox")).isZero();

        store.inTransaction(handle -> outbox.enqueue(handle, List.of(new OutboxEntry("pager", SampleNotifications.opened())), T0));
        assertThat(db.count("alert_outbox")).isEqualTo(1);
    }

    @DatabaseTest
    void dueAlertsComeOldestFirstPerChannelAndNeverOvertakeTheirKeysEarlierOnes(TestDatabase db) {
        Outbox outbox = db.open().outbox();
        outbox.enqueue(List.of(new OutboxEntry("pager", SampleNotifications.opened()),
                new OutboxEntry("pager", SampleNotifications.warning()),
                new OutboxEntry("chat", SampleNotifications.warning())), T0);
        outbox.enqueue(List.of(new OutboxEntry("pager", SampleNotifications.resolved())), T0.plusSeconds(1));

        List<StoredAlert> due = outbox.due("pager", T0.plusSeconds(1), 10);
        assertThat(due).extracting(a -> a.notification().event())
                .containsExactly(EventKind.INCIDENT_OPENED, EventKind.WARNING); // the resolution waits for its opening
        assertThat(outbox.due("pager", T0.plusSeconds(1), 1)).hasSize(1);
        assertThat(outbox.due("pager", T0.minusSeconds(1), 10)).isEmpty();

        // The opening failed and waits a minute: the resolution still waits; the warning does not.
        outbox.markRetry(due.get(0).id(), T0.plusSeconds(1), 503, "503 Service Unavailable", T0.plusSeconds(61));
        assertThat(outbox.due("pager", T0.plusSeconds(2), 10)).extracting(a -> a.notification().event())
                .containsExactly(EventKind.WARNING);
        assertThat(outbox.nextAttemptAfter(T0.plusSeconds(2))).contains(T0.plusSeconds(61));
        assertThat(outbox.nextAttemptAfter(T0.plusSeconds(61))).isEmpty();

        outbox.markSent(due.get(0).id(), T0.plusSeconds(61), 202, "202 Accepted");
        assertThat(outbox.due("pager", T0.plusSeconds(61), 10)).extracting(a -> a.notification().event())
                .containsExactly(EventKind.WARNING, EventKind.INCIDENT_RESOLVED);
        assertThat(outbox.pendingChannels()).containsExactly("chat", "pager");
    }

    @DatabaseTest
    void everyAttemptIsRecordedAndOnlyAPendingAlertChangesState(TestDatabase db) {
        Outbox outbox = db.open().outbox();
        outbox.enqueue(List.of(new OutboxEntry("pager", SampleNotifications.opened()),
                new OutboxEntry("chat", SampleNotifications.opened())), T0);
        long pager = outbox.due("pager", T0, 1).getFirst().id();
        long chat = outbox.due("chat", T0, 1).getFirst().id();

        assertThat(outbox.markRetry(pager, T0.plusSeconds(1), 0, "no answer: ConnectException", T0.plusSeconds(4))).isTrue();
        StoredAlert retried = outbox.find(pager).orElseThrow();
        assertThat(retried.state()).isEqualTo(State.PENDING);
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.nextAttemptAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(retried.lastAttemptAt()).contains(T0.plusSeconds(1));
        assertThat(retried.lastStatus()).contains(0);
        assertThat(retried.lastAnswer()).contains("no answer: ConnectException");

        assertThat(outbox.markSent(pager, T0.plusSeconds(4), 202, "202 Accepted")).isTrue();
        StoredAlert sent = outbox.find(pager).orElseThrow();
        assertThat(sent.state()).isEqualTo(State.SENT);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.sentAt()).contains(T0.plusSeconds(4));
        assertThat(sent.lastStatus()).contains(202);
        assertThat(outbox.markSent(pager, T0.plusSeconds(5), 202, "again")).isFalse();
        assertThat(outbox.markRetry(pager, T0.plusSeconds(5), 500, "late", T0.plusSeconds(9))).isFalse();
        assertThat(outbox.find(pager)).contains(sent);

        assertThat(outbox.markDead(chat, T0.plusSeconds(2), 400, "400 Bad Request: invalid payload")).isTrue();
        StoredAlert dead = outbox.find(chat).orElseThrow();
        assertThat(dead.state()).isEqualTo(State.DEAD);
        assertThat(dead.attempts()).isEqualTo(1);
        assertThat(dead.sentAt()).isEmpty();
        assertThat(outbox.nextAttemptAfter(T0)).isEmpty();
    }

    @DatabaseTest
    void aResolutionFollowsTheChannelsThatHeardTheOpeningButNotTheDeadOnes(TestDatabase db) {
        Store store = db.open();
        Outbox outbox = store.outbox();
        Notification opened = SampleNotifications.opened();
        outbox.enqueue(List.of(new OutboxEntry("pager", opened), new OutboxEntry("chat", opened),
                new OutboxEntry("mail", opened)), T0);
        outbox.markSent(outbox.due("pager", T0, 1).getFirst().id(), T0, 202, "ok");
        outbox.markDead(outbox.due("mail", T0, 1).getFirst().id(), T0, 401, "401 Unauthorized");

        Set<String> heard = store.inTransaction(h -> outbox.channelsThatHeard(h, opened.dedupKey(), EventKind.INCIDENT_OPENED));
        Set<String> none = store.inTransaction(h -> outbox.channelsThatHeard(h, "another-key", EventKind.INCIDENT_OPENED));

        assertThat(heard).containsExactly("chat", "pager");
        assertThat(none).isEmpty();
    }

    @DatabaseTest
    void alertsListNewestFirstByStateAndPage(TestDatabase db) {
        Outbox outbox = db.open().outbox();
        for (String channel : List.of("a", "b", "c", "d", "e")) {
            outbox.enqueue(List.of(new OutboxEntry(channel, SampleNotifications.opened())), T0);
        }
        List<StoredAlert> all = outbox.list(Optional.empty(), 10, Optional.empty());
        assertThat(all).extracting(StoredAlert::channel).containsExactly("e", "d", "c", "b", "a");
        outbox.markDead(all.get(1).id(), T0, 400, "bad");
        outbox.markDead(all.get(3).id(), T0, 400, "bad");

        assertThat(outbox.list(Optional.of(State.DEAD), 10, Optional.empty())).extracting(StoredAlert::channel)
                .containsExactly("d", "b");
        List<StoredAlert> first = outbox.list(Optional.of(State.PENDING), 2, Optional.empty());
        assertThat(first).extracting(StoredAlert::channel).containsExactly("e", "c");
        assertThat(outbox.list(Optional.of(State.PENDING), 2, Optional.of(first.get(1).id())))
                .extracting(StoredAlert::channel).containsExactly("a");
        assertThat(outbox.list(Optional.of(State.SENT), 2, Optional.empty())).isEmpty();
    }

    @DatabaseTest
    void pruningKeepsPendingAlertsHoweverOldAndAbandoningKillsAChannelsPendingOnes(TestDatabase db) {
        Outbox outbox = db.open().outbox();
        outbox.enqueue(List.of(new OutboxEntry("pager", SampleNotifications.opened()),
                new OutboxEntry("chat", SampleNotifications.opened()),
                new OutboxEntry("old", SampleNotifications.opened())), T0);
        outbox.markSent(outbox.due("pager", T0, 1).getFirst().id(), T0, 202, "ok");

        assertThat(outbox.abandon("old", "channel 'old' is no longer configured")).isEqualTo(1);
        assertThat(outbox.list(Optional.of(State.DEAD), 10, Optional.empty())).singleElement()
                .satisfies(a -> assertThat(a.lastAnswer()).contains("channel 'old' is no longer configured"));
        assertThat(outbox.prune(T0.plusSeconds(1))).isEqualTo(2);
        assertThat(outbox.list(Optional.empty(), 10, Optional.empty())).extracting(StoredAlert::channel).containsExactly("chat");
    }

    static Notification withTime(Notification n, Instant time) {
        return new Notification(n.event(), n.monitorId(), n.monitorName(), n.monitorUrl(), n.severity(), n.cause(),
                n.status(), n.retryAfter(), n.summary(), n.nextStep(), n.regions(), n.incidentId(), n.dedupKey(), time,
                n.downFor(), n.link(), n.reminder());
    }
}
