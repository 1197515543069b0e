package dev.faultline.alert.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.alert.Channel;
import dev.faultline.alert.Delivery;
import dev.faultline.alert.EventKind;
import dev.faultline.alert.FailureMapping;
import dev.faultline.alert.InvalidSettings;
import dev.faultline.alert.Notification;
import dev.faultline.alert.Receiver;
import dev.faultline.alert.SampleNotifications;
import dev.faultline.alert.TestHttp;
import dev.faultline.json.Json;
import java.net.URI;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PagerDutyNotifierTest {

    private static final String KEY = "R0UTINGKEY0123456789ABCDEFGHIJKL";
    private static final String ACCEPTED = "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"x\"}";

    private static Channel at(URI base) {
        return new PagerDutyNotifier("pager", new PagerDutySettings(KEY, base), TestHttp.delivery());
    }

    @Test
    void triggersAnAlertWithTheDedupKey() throws Exception {
        try (Receiver pagerduty = Receiver.answering(202, ACCEPTED)) {
            Delivery delivery = at(pagerduty.url("")).send(SampleNotifications.opened());

            assertThat(delivery).isEqualTo(new Delivery.Delivered(202, "202 Accepted: " + ACCEPTED));
            Receiver.Received request = pagerduty.only();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/v2/enqueue");
            assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
            assertThat(request.json()).isEqualTo(Json.mapper().readTree("""
                    {"routing_key": "R0UTINGKEY0123456789ABCDEFGHIJKL",
                     "dedup_key": "faultline/checkout-api/incident-42",
                     "event_action": "trigger",
                     "payload": {
                       "summary": "checkout-api is down: the server is at fault (service unavailable, HTTP 503)",
                       "source": "checkout.example.com",
                       "severity": "critical",
                       "timestamp": "2026-11-02T10:15:30Z",
                       "component": "checkout-api",
                       "class": "service_unavailable",
                       "custom_details": {
                         "event": "incident.opened",
                         "Fault": "the server: it is failing its users",
                         "Cause": "service_unavailable (HTTP 503)",
                         "Next step": "Check load and maintenance. The server expects to be back in 120 s (Retry-After).",
                         "Confirmed by": "eu-west, us-east",
                         "Retry-After": "120 s",
                         "Down for": "12m30s",
                         "What happened": "Service unavailable (HTTP 503 Service Unavailable)",
                         "Monitor": "https://checkout.example.com/health",
                         "fault": "server", "cause": "service_unavailable", "status": 503, "incident_id": "42"}
                     },
                     "client": "Faultline",
                     "client_url": "https://faultline.example/monitors/checkout-api",
                     "links": [{"href": "https://faultline.example/monitors/checkout-api", "text": "Open checkout-api in Faultline"}]}
                    """));
        }
    }

    @Test
    void aResolutionResolvesTheSameDedupKey() throws Exception {
        try (Receiver pagerduty = Receiver.answering(202, ACCEPTED)) {
            assertThat(at(pagerduty.url("/")).send(SampleNotifications.resolved()).delivered()).isTrue();

            assertThat(pagerduty.only().path()).isEqualTo("/v2/enqueue");
            assertThat(pagerduty.only().json()).isEqualTo(Json.mapper().readTree("""
                    {"routing_key": "R0UTINGKEY0123456789ABCDEFGHIJKL",
                     "dedup_key": "faultline/checkout-api/incident-42",
                     "event_action": "resolve"}
                    """));
        }
    }

    static Stream<Arguments> actions() {
        return Stream.of(
                Arguments.of(SampleNotifications.opened(), "trigger", "critical"),
                Arguments.of(SampleNotifications.reminder(), "trigger", "critical"),
                Arguments.of(SampleNotifications.resolved(), "resolve", null),
                Arguments.of(SampleNotifications.warning(), "trigger", "warning"),
                Arguments.of(SampleNotifications.test(), "trigger", "info"));
    }

    @ParameterizedTest
    @MethodSource("actions")
    void everyEventIsATriggerOrAResolveAtItsSeverity(Notification n, String action, String severity) {
        try (Receiver pagerduty = Receiver.answering(202, ACCEPTED)) {
            assertThat(at(pagerduty.url("")).send(n).delivered()).isTrue();

            JsonNode json = pagerduty.only().json();
            assertThat(json.get("event_action").asText()).isEqualTo(action);
            assertThat(json.get("dedup_key").asText()).isEqualTo(n.dedupKey());
            if (severity != null) {
                assertThat(json.get("payload").get("severity").asText()).isEqualTo(severity);
                assertThat(json.get("payload").get("summary").asText()).hasSizeLessThanOrEqualTo(1024);
                assertThat(json.get("payload").get("source").asText()).isNotBlank();
            }
            assertThat(n.event() == EventKind.INCIDENT_RESOLVED).isEqualTo(!json.has("payload"));
        }
    }

    static Stream<FailureMapping.Case> failures() {
        return FailureMapping.cases();
    }

    @ParameterizedTest
    @MethodSource("failures")
    void providerAnswersBecomeDeliveries(FailureMapping.Case c) {
        FailureMapping.check(c, PagerDutyNotifierTest::at);
    }

    @Test
    void aRefusedConnectionIsRetryable() {
        FailureMapping.checkRefused(PagerDutyNotifierTest::at);
    }

    @Test
    void settingsNeedTheRoutingKeyAndHideIt() {
        assertThatThrownBy(() -> PagerDutySettings.from(Map.of("routing-key", KEY))).isInstanceOf(InvalidSettings.class)
                .hasMessageStartingWith("routing_key: required for type pagerduty")
                .hasMessageContaining("routing-key: unknown setting for type pagerduty; known: routing_key, base_url")
                .message().doesNotContain(KEY);

        PagerDutySettings settings = PagerDutySettings.from(Map.of("routing_key", KEY));
        assertThat(settings.baseUrl()).isEqualTo(URI.create("https://events.pagerduty.com"));
        assertThat(settings.toString()).isEqualTo("PagerDutySettings[routingKey=****, baseUrl=https://events.pagerduty.com]");
    }
}
