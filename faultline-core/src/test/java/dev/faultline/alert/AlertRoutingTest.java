package dev.faultline.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.check.Cause;
import dev.faultline.check.Severity;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AlertRoutingTest {

    private static final Set<Severity> CRITICAL = Set.of(Severity.CRITICAL);
    private static final Set<Severity> CRITICAL_AND_WARNING = Set.of(Severity.CRITICAL, Severity.WARNING);

    /** pager pages, chat takes pages and warnings, tickets only warnings, digest only info. */
    private static final AlertRouting ROUTING = AlertRouting.allByDefault(channels());

    private static Map<String, Set<Severity>> channels() {
        Map<String, Set<Severity>> channels = new LinkedHashMap<>();
        channels.put("pager", CRITICAL);
        channels.put("chat", CRITICAL_AND_WARNING);
        channels.put("tickets", Set.of(Severity.WARNING));
        channels.put("digest", Set.of(Severity.INFO));
        return channels;
    }

    static Notification notification(EventKind event, Severity severity, Cause cause, int status) {
        return new Notification(event, "api", "api", URI.create("https://api.example.com/health"), severity, cause, status,
                Optional.empty(), "summary", "next step", List.of("local"), Optional.of("7"), "faultline/api/incident-7",
                Instant.parse("2026-11-02T10:00:00Z"), Optional.empty(), URI.create("https://faultline.example/monitors/api"),
                event == EventKind.INCIDENT_REMINDER ? 1 : 0);
    }

    static Stream<Arguments> table() {
        List<String> all = List.of("pager", "chat", "tickets", "digest");
        return Stream.of(
                // what, event, severity, cause, status, the monitor's channels, expected
                Arguments.of("a confirmed 503 pages the critical channels", EventKind.INCIDENT_OPENED, Severity.CRITICAL,
                        Cause.SERVICE_UNAVAILABLE, 503, all, List.of("pager", "chat")),
                Arguments.of("a 404 reaches the warning channels only", EventKind.INCIDENT_OPENED, Severity.WARNING,
                        Cause.NOT_FOUND, 404, all, List.of("chat", "tickets")),
                Arguments.of("a network failure is critical", EventKind.INCIDENT_OPENED, Severity.CRITICAL,
                        Cause.DNS_FAILURE, 0, all, List.of("pager", "chat")),
                Arguments.of("a content failure is critical", EventKind.INCIDENT_OPENED, Severity.CRITICAL,
                        Cause.BODY_MISMATCH, 200, all, List.of("pager", "chat")),
                Arguments.of("an expiring certificate is a warning", EventKind.WARNING, Severity.WARNING,
                        Cause.CERTIFICATE_EXPIRING, 200, all, List.of("chat", "tickets")),
                Arguments.of("instability is a warning", EventKind.INSTABILITY, Severity.WARNING,
                        Cause.BAD_GATEWAY, 502, all, List.of("chat", "tickets")),
                Arguments.of("flapping at critical pages once", EventKind.FLAPPING, Severity.CRITICAL,
                        Cause.BAD_GATEWAY, 502, all, List.of("pager", "chat")),
                Arguments.of("a trend anomaly (info) goes to the digest only", EventKind.WARNING, Severity.INFO,
                        Cause.NOT_FOUND, 404, all, List.of("digest")),
                Arguments.of("nothing is sent at severity none", EventKind.WARNING, Severity.NONE,
                        Cause.OK, 200, all, List.of()),
                Arguments.of("a monitor that names no channels gets the default ones", EventKind.INCIDENT_OPENED,
                        Severity.CRITICAL, Cause.BAD_GATEWAY, 502, List.of(), List.of("pager", "chat")),
                Arguments.of("only the monitor's channels, in its order, each once", EventKind.INCIDENT_OPENED,
                        Severity.CRITICAL, Cause.BAD_GATEWAY, 502, List.of("chat", "tickets", "chat", "pager"),
                        List.of("chat", "pager")),
                Arguments.of("a monitor's channel that takes none of it gets nothing", EventKind.INCIDENT_OPENED,
                        Severity.WARNING, Cause.FORBIDDEN, 403, List.of("pager"), List.of()),
                Arguments.of("a name no longer configured is left out", EventKind.INCIDENT_OPENED, Severity.CRITICAL,
                        Cause.BAD_GATEWAY, 502, List.of("old-pager", "pager"), List.of("pager")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void routesBySeverityToTheMonitorsChannels(String what, EventKind event, Severity severity, Cause cause, int status,
                                               List<String> monitorChannels, List<String> expected) {
        Notification n = notification(event, severity, cause, status);

        assertThat(ROUTING.channelsFor(n, monitorChannels, Set.of())).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("followers")
    void remindersAndResolutionsGoToEveryChannelThatHeardTheOpening(EventKind event) {
        Notification n = notification(event, Severity.CRITICAL, Cause.BAD_GATEWAY, 502);

        // tickets takes no critical alerts, but it heard the opening while the incident was a warning.
        assertThat(ROUTING.channelsFor(n, List.of("chat", "tickets", "pager"), Set.of("tickets", "chat")))
                .containsExactly("chat", "tickets");
        assertThat(ROUTING.channelsFor(n, List.of("pager"), Set.of())).isEmpty();
    }

    static Stream<EventKind> followers() {
        return Stream.of(EventKind.INCIDENT_RESOLVED, EventKind.INCIDENT_REMINDER);
    }

    @Test
    void aResolutionReachesChannelsTheMonitorNoLongerNamesButNotRemovedOnes() {
        Notification resolved = notification(EventKind.INCIDENT_RESOLVED, Severity.CRITICAL, Cause.BAD_GATEWAY, 502);

        assertThat(ROUTING.channelsFor(resolved, List.of("chat"), Set.of("pager", "chat", "removed")))
                .containsExactly("chat", "pager");
    }

    @Test
    void defaultChannelsCanBeASubset() {
        AlertRouting routing = new AlertRouting(List.of("chat"), channels());
        Notification opened = notification(EventKind.INCIDENT_OPENED, Severity.CRITICAL, Cause.BAD_GATEWAY, 502);

        assertThat(routing.channelsFor(opened, List.of(), Set.of())).containsExactly("chat");
        assertThat(routing.channelsFor(opened, List.of("pager"), Set.of())).containsExactly("pager");
        assertThatThrownBy(() -> new AlertRouting(List.of("nope"), channels()))
                .hasMessage("defaultChannels: 'nope' is not configured");
    }

    @Test
    void aTestIsNeverRouted() {
        Notification test = Notification.test("chat", URI.create("https://faultline.example/"), Instant.EPOCH);

        assertThatThrownBy(() -> ROUTING.channelsFor(test, List.of(), Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownNamesAreReportedOnce() {
        assertThat(ROUTING.unknown(List.of("pager", "pagr", "pagr", "email"))).containsExactly("pagr", "email");
    }
}
