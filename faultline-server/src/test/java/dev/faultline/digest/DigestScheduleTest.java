package dev.faultline.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.faultline.alert.Channel;
import dev.faultline.alert.Channels;
import dev.faultline.alert.Receiver;
import dev.faultline.alert.outbox.DispatchSettings;
import dev.faultline.alert.outbox.OutboxDispatcher;
import dev.faultline.anomaly.RollupRows;
import dev.faultline.check.Cause;
import dev.faultline.check.MonitorSpec;
import dev.faultline.check.Severity;
import dev.faultline.config.ChannelConfig;
import dev.faultline.config.ChannelType;
import dev.faultline.config.DigestSettings;
import dev.faultline.incident.Blip;
import dev.faultline.monitor.Monitor;
import dev.faultline.store.DatabaseTest;
import dev.faultline.store.Store;
import dev.faultline.store.StoredAlert;
import dev.faultline.trend.Anomaly;
import dev.faultline.trend.Share;
import dev.faultline.trend.TimeWindow;
import dev.faultline.store.TestDatabase;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The daily digest over a seeded day (an incident, blips, an anomaly, a monitor with a bad
 * uptime), sent through the outbox for real: to a local webhook and Slack receiver, and by e-mail
 * to GreenMail. The clock is fixed per step; a new schedule on the same store stands for a restart.
 */
class DigestScheduleTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static final Instant DUE = Instant.parse("2026-11-20T08:00:00Z");
    static final DigestSettings EVERY_MORNING = new DigestSettings(LocalTime.of(8, 0), ZoneId.of("UTC"),
            List.of("hook", "chat", "mail"));

    private final Receiver hook = Receiver.answering(200, "ok");
    private final Receiver chat = Receiver.answering(200, "ok");
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<Monitor> monitors = List.of(monitor("api"), monitor("web"));
    private Store store;

    @BeforeEach
    void emptyMailboxes() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing.reversed()) c.close();
        hook.close();
        chat.close();
    }

    @DatabaseTest
    void sendsOneDigestOfTheDayToEachDigestChannelInItsOwnFormat(TestDatabase db) throws Exception {
        start(db);
        seedTheDay(db);

        List<String> queued = schedule(DUE.plusSeconds(1)).sendDue();

        assertThat(queued).containsExactly("hook", "chat", "mail");
        awaitSent();
        JsonNode json = hook.only().json();
        assertThat(hook.only().header("X-Faultline-Event")).isEqualTo("digest");
        assertThat(json.path("event").asText()).isEqualTo("digest");
        assertThat(json.path("dedup_key").asText()).isEqualTo("faultline/digest/2026-11-20");
        assertThat(json.path("digest").path("headline").asText())
                .isEqualTo("Faultline digest for the 24 h to 2026-11-20 08:00 UTC: 1 incident, 3 blips, 1 open anomaly");
        assertThat(StreamSupport.stream(json.path("digest").path("sections").spliterator(), false)
                .map(s -> s.path("title").asText())).containsExactly("Incidents", "Blips", "Anomalies", "Worst uptime");
        JsonNode sections = json.path("digest").path("sections");
        assertThat(sections.get(0).path("lines").get(0).asText()).isEqualTo("api: bad gateway (server fault, critical),"
                + " opened 2026-11-19 14:00, down for 12m30s, resolved 2026-11-19 14:13");
        assertThat(sections.get(1).path("lines").get(0).asText())
                .isEqualTo("web: 2 blips (service unavailable, read timeout), the longest failing for 40s");
        assertThat(sections.get(1).path("lines").get(1).asText()).startsWith("api: 1 blip (bad gateway)");
        assertThat(sections.get(2).path("lines").get(0).asText()).startsWith("[warning] api (new, 2026-11-19 20:00):"
                + " More checks find nothing at the URL").contains("Next step: Follow the URL's redirects");
        assertThat(sections.get(3).path("lines").get(0).asText()).isEqualTo("web: 90.00% up (1296 of 1440 checks)");
        assertThat(sections.get(3).path("lines")).hasSize(1); // api was up on every check

        JsonNode slack = chat.only().json();
        assertThat(slack.path("text").asText()).startsWith("Faultline digest for the 24 h");
        assertThat(slack.path("blocks").get(1).path("text").path("text").asText())
                .startsWith("*Incidents*\napi: bad gateway (server fault, critical)");

        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo(json.path("digest").path("headline").asText());
        Multipart parts = (Multipart) mail.getContent();
        String text = GreenMailUtil.getBody(parts.getBodyPart(0));
        assertThat(text.replace("\r\n", "\n")).contains("Incidents: api: bad gateway (server fault, critical)")
                .contains("Blips:\nweb: 2 blips (service unavailable, read timeout), the longest failing for 40s\napi: 1 blip")
                .contains("Worst uptime: web: 90.00% up");
        assertThat(GreenMailUtil.getBody(parts.getBodyPart(1))).contains("white-space: pre-line");
    }

    @DatabaseTest
    void aDigestIsSentOnceHoweverOftenTheServerRestartsAndTheNextOneTheNextDay(TestDatabase db) throws Exception {
        start(db);
        assertThat(schedule(DUE.plusSeconds(1)).sendDue()).hasSize(3);
        assertThat(schedule(DUE.plus(Duration.ofHours(3))).sendDue()).isEmpty(); // a restart later that morning
        assertThat(schedule(DUE.plus(Duration.ofHours(23))).sendDue()).isEmpty();
        assertThat(db.count("alert_outbox")).isEqualTo(3);

        assertThat(schedule(DUE.plus(Duration.ofDays(1))).sendDue()).hasSize(3);
        assertThat(db.number("SELECT COUNT(DISTINCT dedup_key) FROM alert_outbox")).isEqualTo(2);
        awaitSent();
        assertThat(hook.received()).extracting(r -> r.json().path("dedup_key").asText())
                .containsExactly("faultline/digest/2026-11-20", "faultline/digest/2026-11-21");
    }

    @DatabaseTest
    void aDigestMissedWhileTheServerWasDownIsSentOnceAtStart(TestDatabase db) throws Exception {
        start(db);
        seedTheDay(db);

        // Down from 07:00 to 15:00: the 08:00 digest goes out when the server starts, about the same 24 h.
        DigestSchedule late = schedule(DUE.plus(Duration.ofHours(7)));
        assertThat(late.sendDue()).hasSize(3);
        assertThat(late.sendDue()).isEmpty();
        awaitSent();
        assertThat(hook.only().json().path("digest").path("headline").asText())
                .startsWith("Faultline digest for the 24 h to 2026-11-20 08:00 UTC: 1 incident");
    }

    @Test
    void theDigestIsDueAtItsLocalTimeInItsZone() {
        DigestSchedule berlin = new DigestSchedule(new DigestSettings(LocalTime.of(8, 0), ZoneId.of("Europe/Berlin"),
                List.of("hook")), null, List::of, () -> {}, Clock.systemUTC(), URI.create("http://127.0.0.1/"));
        // 08:00 in Berlin is 07:00 UTC in November.
        assertThat(berlin.latestDue(Instant.parse("2026-11-20T07:00:00Z"))).isEqualTo(Instant.parse("2026-11-20T07:00:00Z"));
        assertThat(berlin.latestDue(Instant.parse("2026-11-20T06:59:59Z"))).isEqualTo(Instant.parse("2026-11-19T07:00:00Z"));
        // And 06:00 UTC in summer time.
        assertThat(berlin.latestDue(Instant.parse("2026-07-01T12:00:00Z"))).isEqualTo(Instant.parse("2026-07-01T06:00:00Z"));
    }

    private void seedTheDay(TestDatabase db) {
        Instant from = DUE.minus(Duration.ofDays(1));
        // An incident in the day (resolved), and one before it that does not belong to it.
        db.sql().useHandle(h -> {
            h.execute(incident("api", "bad_gateway", "server", "critical", from.plus(Duration.ofHours(6)),
                    from.plus(Duration.ofHours(6)).plusSeconds(750), from.plus(Duration.ofHours(6)).plusSeconds(780)));
            h.execute(incident("web", "not_found", "client", "warning", from.minus(Duration.ofDays(2)),
                    from.minus(Duration.ofDays(2)).plusSeconds(60), from.minus(Duration.ofDays(2)).plusSeconds(60)));
        });
        store.blips().record("web", new Blip(from.plus(Duration.ofHours(2)), from.plus(Duration.ofHours(2)).plusSeconds(50),
                Duration.ofSeconds(40), Map.of("local", List.of(Cause.SERVICE_UNAVAILABLE)), false));
        store.blips().record("web", new Blip(from.plus(Duration.ofHours(3)), from.plus(Duration.ofHours(3)).plusSeconds(30),
                Duration.ofSeconds(20), Map.of("local", List.of(Cause.READ_TIMEOUT)), false));
        store.blips().record("api", new Blip(from.plus(Duration.ofHours(4)), from.plus(Duration.ofHours(4)).plusSeconds(30),
                Duration.ofSeconds(10), Map.of("local", List.of(Cause.BAD_GATEWAY)), false));
        TimeWindow day = TimeWindow.ending(from.plus(Duration.ofHours(12)), Duration.ofHours(24));
        store.inTransaction(h -> store.anomalies().open(h, "api", "api", "all", new Anomaly(Anomaly.Kind.RISING_NOT_FOUND,
                Severity.WARNING, day, new Share(144, 1440), day.before(Duration.ofDays(7)), new Share(0, 10080),
                "More checks find nothing at the URL: 404 on 144 of 1440 checks (10%) in the last 24 h",
                List.of("the page moved"), "Follow the URL's redirects by hand."), from.plus(Duration.ofHours(12))));
        // api up on every check; web down on one check in ten.
        new RollupRows(DUE).everyMinute("api", "local", from, DUE, 200).writeTo(db.sql());
        RollupRows web = new RollupRows(DUE);
        web.everyMinute("web", "local", from, DUE, 200).writeTo(db.sql());
        db.sql().useHandle(h -> h.execute("UPDATE rollup_hour SET checks = 54 WHERE monitor_id = 'web'"));
        RollupRows failures = new RollupRows(DUE);
        for (Instant hour = from; hour.isBefore(DUE); hour = hour.plus(Duration.ofHours(1))) {
            for (int i = 0; i < 6; i++) failures.add("web", "local", hour.plusSeconds(60L * i), 503);
        }
        failures.writeTo(db.sql());
    }

    private static String incident(String monitor, String cause, String fault, String severity, Instant started,
                                   Instant recovered, Instant resolved) {
        return "INSERT INTO incidents (monitor_id, monitor_name, state, cause, fault, severity, regions, started_at_us,"
                + " opened_at_us, recovered_at_us, resolved_at_us, resolution, started_before_maintenance, opened_in_maintenance)"
                + " VALUES ('" + monitor + "', '" + monitor + "', 'resolved', '" + cause + "', '" + fault + "', '" + severity
                + "', '[\"local\"]', " + micros(started) + ", " + micros(started) + ", " + micros(recovered) + ", "
                + micros(resolved) + ", 'recovered', 0, 0)";
    }

    private void start(TestDatabase db) {
        store = db.open();
        List<Channel> channels = List.of(
                channel("hook", ChannelType.WEBHOOK, Map.of("url", hook.url("/hook").toString())),
                channel("chat", ChannelType.SLACK, Map.of("url", chat.url("/services/T0/B0/x").toString())),
                channel("mail", ChannelType.EMAIL, Map.of("host", "127.0.0.1", "port", Integer.toString(SMTP.getSmtp().getPort()),
                        "from", "Faultline <digest@faultline.example>", "to", "team@example.com", "starttls", "false")));
        closing.add(new OutboxDispatcher(store.outbox(), channels, DispatchSettings.DEFAULT, Clock.systemUTC(), new Random(1))
                .start());
    }

    private DigestSchedule schedule(Instant now) {
        OutboxDispatcher dispatcher = (OutboxDispatcher) closing.getFirst();
        return new DigestSchedule(EVERY_MORNING, store, () -> monitors, dispatcher::wake, Clock.fixed(now, ZoneOffset.UTC),
                URI.create("http://127.0.0.1:8080/"));
    }

    private void awaitSent() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!store.outbox().list(Optional.of(StoredAlert.State.PENDING), 1, Optional.empty()).isEmpty()
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(store.outbox().list(Optional.of(StoredAlert.State.PENDING), 1, Optional.empty())).isEmpty();
        assertThat(store.outbox().list(Optional.of(StoredAlert.State.DEAD), 10, Optional.empty())).isEmpty();
    }

    private static Channel channel(String name, ChannelType type, Map<String, String> settings) {
        return Channels.create(new ChannelConfig(name, type, Set.of(Severity.INFO), settings), Channels.httpClient(),
                Clock.systemUTC());
    }

    private static Monitor monitor(String name) {
        return new Monitor(name, MonitorSpec.builder(URI.create("https://" + name + ".example.com/")).name(name).build(),
                List.of("local"), List.of(), List.of(), Monitor.Source.CONFIG);
    }

    private static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }
}
