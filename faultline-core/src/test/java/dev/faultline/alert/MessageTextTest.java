package dev.faultline.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.alert.MessageText.Fact;
import dev.faultline.check.Cause;
import dev.faultline.check.Fault;
import dev.faultline.check.Severity;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MessageTextTest {

    private static final Instant TIME = Instant.parse("2026-11-02T10:15:30Z");

    static Notification outage(EventKind event) {
        if (event == EventKind.INCIDENT_REMINDER) return outage(EventKind.INCIDENT_OPENED).asReminder(3, TIME, Optional.of(Duration.ofSeconds(750)));
        return new Notification(event, "api", "api", URI.create("https://api.example.com/health"), Severity.CRITICAL,
                Cause.SERVICE_UNAVAILABLE, 503, Optional.of(Duration.ofSeconds(120)),
                "Service unavailable (HTTP 503 Service Unavailable)", "Check load and maintenance.",
                List.of("eu-west", "us-east"), Optional.of("42"), "faultline-api-42", TIME,
                Optional.of(Duration.ofSeconds(750)), URI.create("https://faultline.example/monitors/api"));
    }

    @Test
    void anOpeningLeadsWithFaultCauseNextStepRegionsRetryAfterAndDuration() {
        MessageText text = MessageText.of(outage(EventKind.INCIDENT_OPENED));

        assertThat(text.title()).isEqualTo("api is down: the server is at fault (service unavailable, HTTP 503)");
        assertThat(text.facts()).extracting(Fact::label).containsExactly(
                "Fault", "Cause", "Next step", "Confirmed by", "Retry-After", "Down for", "What happened", "Monitor");
        assertThat(text.facts()).contains(
                new Fact("Cause", "service_unavailable (HTTP 503)"),
                new Fact("Confirmed by", "eu-west, us-east"),
                new Fact("Retry-After", "120 s"),
                new Fact("Down for", "12m30s"));
        assertThat(text.tone()).isEqualTo(Tone.PROBLEM);
    }

    @Test
    void aReminderSaysItsNumberAndHowLongItHasBeenDownAndStillLeadsWithTheFault() {
        MessageText text = MessageText.of(outage(EventKind.INCIDENT_REMINDER));

        assertThat(text.title()).isEqualTo("api is still down after 12m30s (reminder 3, not acknowledged): the server is at fault"
                + " (service unavailable, HTTP 503)");
        assertThat(text.facts()).extracting(Fact::label).startsWith("Fault", "Cause", "Next step", "Confirmed by", "Retry-After",
                "Down for");
        assertThat(text.tone()).isEqualTo(Tone.PROBLEM);
    }

    @Test
    void aResolutionSaysHowLongItWasDownAndHasNoNextStep() {
        MessageText text = MessageText.of(outage(EventKind.INCIDENT_RESOLVED));

        assertThat(text.title()).isEqualTo("api is up again after 12m30s");
        assertThat(text.facts()).extracting(Fact::label).doesNotContain("Next step").contains("Was down for", "Cause was");
        assertThat(text.tone()).isEqualTo(Tone.RESOLVED);
    }

    @Test
    void aResolutionForARemovedMonitorSaysItIsNoLongerWatchedNotThatItRecovered() {
        Notification n = outage(EventKind.INCIDENT_RESOLVED);
        Notification removed = new Notification(n.event(), n.monitorId(), n.monitorName(), n.monitorUrl(), n.severity(), n.cause(),
                n.status(), n.retryAfter(), n.summary(), n.nextStep(), n.regions(), n.incidentId(), n.dedupKey(), n.time(),
                n.downFor(), n.link(), 0, Optional.of(ResolutionReason.MONITOR_REMOVED));

        assertThat(n.reason()).contains(ResolutionReason.RECOVERED);
        MessageText text = MessageText.of(removed);
        assertThat(text.title()).isEqualTo("api: monitor removed while down — no longer watched");
        assertThat(text.brief(160)).doesNotContain("up again").startsWith("api: monitor removed while down — no longer watched");
        assertThat(text.tone()).isEqualTo(Tone.RESOLVED);
        // Only a resolution has a reason.
        assertThatThrownBy(() -> new Notification(EventKind.INCIDENT_OPENED, "api", "api", n.monitorUrl(), n.severity(),
                n.cause(), 0, Optional.empty(), "", "", List.of(), Optional.empty(), "k", TIME, Optional.empty(), n.link(), 0,
                Optional.of(ResolutionReason.MONITOR_REMOVED))).hasMessageStartingWith("reason: monitor_removed for incident.opened");
    }

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void everyEventHasATitleNamingTheMonitorAndAPlainTextWithTheLink(EventKind event) {
        Notification n = switch (event) {
            case TEST -> Notification.test("pager", URI.create("https://faultline.example/"), TIME);
            case DIGEST -> digest();
            default -> outage(event);
        };
        MessageText text = MessageText.of(n);

        assertThat(text.title()).isNotBlank();
        if (event != EventKind.TEST && event != EventKind.DIGEST) assertThat(text.title()).startsWith(event == EventKind.WARNING ? "Warning for api" : "api ");
        assertThat(text.plainText()).startsWith(text.title() + "\n\n").contains(n.link().toString())
                .contains("2026-11-02T10:15:30Z");
    }

    @Test
    void aDigestIsItsHeadlineThenASectionUnderEachLabel() {
        MessageText text = MessageText.of(digest());

        assertThat(text.title()).isEqualTo("Faultline digest: 1 incident");
        assertThat(text.facts()).containsExactly(new MessageText.Fact("Incidents", "api: down for 5m\nweb: down for 1m"),
                new MessageText.Fact("Blips", "none"));
        assertThat(text.plainText()).startsWith("Faultline digest: 1 incident\n\nIncidents:\napi: down for 5m\nweb: down for 1m"
                + "\n\nBlips: none\n");
        assertThat(text.tone()).isEqualTo(Tone.NEUTRAL);
    }

    @Test
    void digestTextReadsBackWhatItWrote() {
        DigestText digest = new DigestText("Faultline digest: 1 incident", List.of(
                new DigestText.Section("Incidents", List.of("api: down for 5m", "- a line that starts with a dash")),
                new DigestText.Section("Blips", List.of("none"))));

        assertThat(digest.format()).isEqualTo("Faultline digest: 1 incident\n\nIncidents:\n- api: down for 5m\n"
                + "- - a line that starts with a dash\n\nBlips:\n- none");
        assertThat(DigestText.parse(digest.format())).isEqualTo(digest);
    }

    private static Notification digest() {
        String summary = new DigestText("Faultline digest: 1 incident", List.of(
                new DigestText.Section("Incidents", List.of("api: down for 5m", "web: down for 1m")),
                new DigestText.Section("Blips", List.of("none")))).format();
        return new Notification(EventKind.DIGEST, "faultline-digest", "Faultline digest", URI.create("https://faultline.example/"),
                Severity.INFO, Cause.OK, 0, Optional.empty(), summary, "", List.of(), Optional.empty(),
                "faultline/digest/2026-11-02", TIME, Optional.empty(), URI.create("https://faultline.example/"));
    }

    @Test
    void aClientSideWarningSaysTheServerRefusedTheMonitor() {
        Notification n = new Notification(EventKind.WARNING, "api", "api", URI.create("https://api.example.com/"),
                Severity.WARNING, Cause.RATE_LIMITED, 429, Optional.of(Duration.ofSeconds(30)), "Rate limited",
                "Check less often.", List.of("local"), Optional.empty(), "k", TIME, Optional.empty(),
                URI.create("https://f.example/m/api"));

        MessageText text = MessageText.of(n);

        assertThat(text.title()).isEqualTo("Warning for api: the client side is at fault (rate limited, HTTP 429)");
        assertThat(text.facts().getFirst().value()).startsWith("the client side: the server refused");
        assertThat(text.tone()).isEqualTo(Tone.WARNING);
        assertThat(n.fault()).isEqualTo(Fault.CLIENT);
    }

    @Test
    void aBriefKeepsTheLinkAndFitsTheLimit() {
        MessageText text = MessageText.of(outage(EventKind.INCIDENT_OPENED));

        String brief = text.brief(100);

        assertThat(brief).hasSizeLessThanOrEqualTo(100).endsWith(" https://faultline.example/monitors/api").contains("…");
        assertThat(text.brief(1000)).contains("Next step: Check load and maintenance.");
    }

    @Test
    void aBriefLeadsWithFaultAndCauseThenNextStepRegionsRetryAfterAndDownTime() {
        String brief = MessageText.of(outage(EventKind.INCIDENT_OPENED)).brief(1000);

        assertThat(brief).isEqualTo("api is down: the server is at fault (service unavailable, HTTP 503). Next step: Check load"
                + " and maintenance. Confirmed by eu-west, us-east. Retry-After 120 s. Down for 12m30s"
                + " https://faultline.example/monitors/api");
        // Cut short, the least important goes first: the down time, then Retry-After; never the fault.
        assertThat(MessageText.of(outage(EventKind.INCIDENT_OPENED)).brief(160))
                .startsWith("api is down: the server is at fault (service unavailable, HTTP 503). Next step:")
                .doesNotContain("Down for");
    }

    @Test
    void truncationNeverSplitsASurrogatePair() {
        assertThat(MessageText.truncate("ab\uD83D\uDE00cd", 4)).isEqualTo("ab…");
        assertThat(MessageText.truncate("short", 10)).isEqualTo("short");
    }

    @Test
    void aDedupKeyMustFitInAHeader() {
        Notification n = outage(EventKind.INCIDENT_OPENED);
        assertThatThrownBy(() -> new Notification(n.event(), n.monitorId(), n.monitorName(), n.monitorUrl(), n.severity(),
                n.cause(), n.status(), n.retryAfter(), n.summary(), n.nextStep(), n.regions(), n.incidentId(),
                "has space", n.time(), n.downFor(), n.link()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("dedupKey:");
        assertThatThrownBy(() -> new Notification(n.event(), n.monitorId(), n.monitorName(), n.monitorUrl(), n.severity(),
                n.cause(), 42, n.retryAfter(), n.summary(), n.nextStep(), n.regions(), n.incidentId(),
                n.dedupKey(), n.time(), n.downFor(), n.link()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("status:");
    }
}
