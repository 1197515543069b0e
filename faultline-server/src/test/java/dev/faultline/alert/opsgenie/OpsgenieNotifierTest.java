package dev.faultline.alert.opsgenie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.alert.Channel;
import dev.faultline.alert.Delivery;
import dev.faultline.alert.FailureMapping;
import dev.faultline.alert.InvalidSettings;
import dev.faultline.alert.MessageText;
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

class OpsgenieNotifierTest {

    private static final String KEY = "eb243592-faa2-4ba2-a551q-1afdf565c889";
    private static final String ACCEPTED = "{\"result\":\"Request will be processed\",\"took\":0.302,\"requestId\":\"43a29c5c\"}";

    private static Channel at(URI base) {
        return new OpsgenieNotifier("genie", new OpsgenieSettings(KEY, base), TestHttp.delivery());
    }

    @Test
    void createsAnAlertAliasedByTheDedupKey() throws Exception {
        try (Receiver opsgenie = Receiver.answering(202, ACCEPTED)) {
            Delivery delivery = at(opsgenie.url("")).send(SampleNotifications.opened());

            assertThat(delivery).isEqualTo(new Delivery.Delivered(202, "202 Accepted: " + ACCEPTED));
            Receiver.Received request = opsgenie.only();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/v2/alerts");
            assertThat(request.rawQuery()).isNull();
            assertThat(request.header("Authorization")).isEqualTo("GenieKey " + KEY);
            assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
            JsonNode json = request.json();
            assertThat(json.get("description").asText()).isEqualTo(MessageText.of(SampleNotifications.opened()).plainText());
            ((com.fasterxml.jackson.databind.node.ObjectNode) json).remove("description");
            assertThat(json).isEqualTo(Json.mapper().readTree("""
                    {"message": "checkout-api is down: the server is at fault (service unavailable, HTTP 503)",
                     "alias": "faultline/checkout-api/incident-42",
                     "priority": "P1",
                     "source": "Faultline",
                     "entity": "checkout-api",
                     "tags": ["faultline", "server", "service_unavailable"],
                     "details": {
                       "event": "incident.opened", "monitor_id": "checkout-api",
                       "monitor_url": "https://checkout.example.com/health",
                       "fault": "server", "cause": "service_unavailable", "status": "503",
                       "next_step": "Check load and maintenance. The server expects to be back in 120 s (Retry-After).",
                       "regions": "eu-west, us-east", "retry_after_seconds": "120", "down_for_seconds": "750",
                       "incident_id": "42", "link": "https://faultline.example/monitors/checkout-api"}}
                    """));
        }
    }

    @Test
    void aResolutionClosesTheAlertByAlias() throws Exception {
        try (Receiver opsgenie = Receiver.answering(202, ACCEPTED)) {
            assertThat(at(opsgenie.url("")).send(SampleNotifications.resolved()).delivered()).isTrue();

            Receiver.Received request = opsgenie.only();
            assertThat(request.path()).isEqualTo("/v2/alerts/faultline%2Fcheckout-api%2Fincident-42/close");
            assertThat(request.rawQuery()).isEqualTo("identifierType=alias");
            assertThat(request.header("Authorization")).isEqualTo("GenieKey " + KEY);
            assertThat(request.json()).isEqualTo(Json.mapper().readTree("""
                    {"source": "Faultline", "note": "checkout-api is up again after 12m30s"}
                    """));
        }
    }

    static Stream<Arguments> priorities() {
        return Stream.of(
                Arguments.of(SampleNotifications.opened(), "/v2/alerts", "P1"),
                Arguments.of(SampleNotifications.resolved(), "/v2/alerts/faultline%2Fcheckout-api%2Fincident-42/close", null),
                Arguments.of(SampleNotifications.warning(), "/v2/alerts", "P3"),
                Arguments.of(SampleNotifications.test(), "/v2/alerts", "P5"));
    }

    @ParameterizedTest
    @MethodSource("priorities")
    void everyEventCreatesAtItsPriorityOrCloses(Notification n, String path, String priority) {
        try (Receiver opsgenie = Receiver.answering(202, ACCEPTED)) {
            assertThat(at(opsgenie.url("")).send(n).delivered()).isTrue();

            assertThat(opsgenie.only().path()).isEqualTo(path);
            JsonNode json = opsgenie.only().json();
            if (priority != null) {
                assertThat(json.get("priority").asText()).isEqualTo(priority);
                assertThat(json.get("message").asText()).hasSizeLessThanOrEqualTo(130);
                assertThat(json.get("alias").asText()).isEqualTo(n.dedupKey());
                json.get("details").properties().forEach(e -> assertThat(e.getValue().isTextual()).isTrue());
            }
        }
    }

    @Test
    void theMessageIsCutTo130Characters() {
        JsonNode json = OpsgenieNotifier.create(SampleNotifications.openedFor("a-monitor-with-a-very-long-name-".repeat(5)));

        assertThat(json.get("message").asText()).hasSize(130).endsWith("…");
    }

    static Stream<FailureMapping.Case> failures() {
        return FailureMapping.cases();
    }

    @ParameterizedTest
    @MethodSource("failures")
    void providerAnswersBecomeDeliveries(FailureMapping.Case c) {
        FailureMapping.check(c, OpsgenieNotifierTest::at);
    }

    @Test
    void aRefusedConnectionIsRetryable() {
        FailureMapping.checkRefused(OpsgenieNotifierTest::at);
    }

    @Test
    void settingsNeedTheApiKeyAndHideIt() {
        assertThatThrownBy(() -> OpsgenieSettings.from(Map.of())).isInstanceOf(InvalidSettings.class)
                .hasMessageStartingWith("api_key: required for type opsgenie");

        OpsgenieSettings settings = OpsgenieSettings.from(Map.of("api_key", KEY, "base_url", "https://api.eu.opsgenie.com"));
        assertThat(settings.toString()).isEqualTo("OpsgenieSettings[apiKey=****, baseUrl=https://api.eu.opsgenie.com]");
    }
}
