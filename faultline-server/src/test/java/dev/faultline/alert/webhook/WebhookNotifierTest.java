package dev.faultline.alert.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.FaultlineVersion;
import dev.faultline.alert.Channel;
import dev.faultline.alert.Delivery;
import dev.faultline.alert.FailureMapping;
import dev.faultline.alert.InvalidSettings;
import dev.faultline.alert.Notification;
import dev.faultline.alert.Receiver;
import dev.faultline.alert.SampleNotifications;
import dev.faultline.alert.TestHttp;
import dev.faultline.json.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookNotifierTest {

    private static final List<String> DOCUMENTED_FIELDS = List.of("event", "monitor", "severity", "fault", "cause",
            "status", "retry_after_seconds", "diagnosis", "regions", "incident_id", "dedup_key", "time",
            "down_for_seconds", "link", "reminder", "reason");

    private static Channel at(URI url, Optional<String> secret) {
        return new WebhookNotifier("hooks", new WebhookSettings(url, secret), TestHttp.delivery());
    }

    @Test
    void postsTheDocumentedJsonWithEventAndIdempotencyHeaders() throws Exception {
        try (Receiver receiver = Receiver.answering(204, "")) {
            Delivery delivery = at(receiver.url("/hooks/faultline"), Optional.empty()).send(SampleNotifications.opened());

            assertThat(delivery).isEqualTo(new Delivery.Delivered(204, "204 No Content"));
            Receiver.Received request = receiver.only();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/hooks/faultline");
            assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
            assertThat(request.header("User-Agent")).isEqualTo(FaultlineVersion.userAgent());
            assertThat(request.header("X-Faultline-Event")).isEqualTo("incident.opened");
            assertThat(request.header("Idempotency-Key")).isEqualTo("faultline/checkout-api/incident-42:incident.opened");
            assertThat(request.header(WebhookNotifier.SIGNATURE_HEADER)).isNull();
            assertThat(request.json()).isEqualTo(Json.mapper().readTree("""
                    {"event": "incident.opened",
                     "monitor": {"id": "checkout-api", "name": "checkout-api", "url": "https://checkout.example.com/health"},
                     "severity": "critical", "fault": "server", "cause": "service_unavailable", "status": 503,
                     "retry_after_seconds": 120,
                     "diagnosis": {"summary": "Service unavailable (HTTP 503 Service Unavailable)",
                                   "next_step": "Check load and maintenance. The server expects to be back in 120 s (Retry-After)."},
                     "regions": ["eu-west", "us-east"], "incident_id": "42",
                     "dedup_key": "faultline/checkout-api/incident-42", "time": "2026-11-02T10:15:30Z",
                     "down_for_seconds": 750, "link": "https://faultline.example/monitors/checkout-api", "reminder": null, "reason": null}
                    """));
        }
    }

    @Test
    void eachReminderHasAnIdempotencyKeyAndANumberOfItsOwn() throws Exception {
        try (Receiver receiver = Receiver.answering(204, "")) {
            at(receiver.url("/"), Optional.empty()).send(SampleNotifications.reminder());

            Receiver.Received request = receiver.only();
            assertThat(request.header("X-Faultline-Event")).isEqualTo("incident.reminder");
            assertThat(request.header("Idempotency-Key")).isEqualTo("faultline/checkout-api/incident-42:incident.reminder:2");
            assertThat(request.json().get("reminder").asInt()).isEqualTo(2);
            assertThat(request.json().get("dedup_key").asText()).isEqualTo("faultline/checkout-api/incident-42");
        }
    }

    static Stream<Notification> kinds() {
        return SampleNotifications.everyKind().stream();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyEventHasTheSameFieldsWithNullsForWhatItLacks(Notification n) {
        try (Receiver receiver = Receiver.answering(200, "ok")) {
            assertThat(at(receiver.url("/"), Optional.empty()).send(n).delivered()).isTrue();

            JsonNode json = receiver.only().json();
            assertThat(json.properties()).extracting(Map.Entry::getKey).containsExactlyElementsOf(DOCUMENTED_FIELDS);
            assertThat(json.get("event").asText()).isEqualTo(n.event().id());
            assertThat(receiver.only().header("X-Faultline-Event")).isEqualTo(n.event().id());
            assertThat(receiver.only().header("Idempotency-Key")).isEqualTo(n.dedupKey() + ":" + n.event().id());
            assertThat(json.get("status").isNull()).isEqualTo(n.status() == 0);
            assertThat(json.get("incident_id").isNull()).isEqualTo(n.incidentId().isEmpty());
            assertThat(json.get("retry_after_seconds").isNull()).isEqualTo(n.retryAfter().isEmpty());
        }
    }

    @Test
    void signsTheRawBodyWithHmacSha256OfTheSecret() throws Exception {
        try (Receiver receiver = Receiver.answering(200, "")) {
            at(receiver.url("/"), Optional.of("s3cret-shared")).send(SampleNotifications.warning());

            Receiver.Received request = receiver.only();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("s3cret-shared".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body()));
            assertThat(request.header("X-Faultline-Signature")).isEqualTo(expected).hasSize(7 + 64);
        }
    }

    @Test
    void theSignatureMatchesAKnownVector() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assertThat(WebhookNotifier.hmacSha256Hex("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    static Stream<FailureMapping.Case> failures() {
        return FailureMapping.cases();
    }

    @ParameterizedTest
    @MethodSource("failures")
    void providerAnswersBecomeDeliveries(FailureMapping.Case c) {
        FailureMapping.check(c, base -> at(URI.create(base + "/hook"), Optional.empty()));
    }

    @Test
    void aRefusedConnectionIsRetryable() {
        FailureMapping.checkRefused(base -> at(URI.create(base + "/hook"), Optional.empty()));
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of(Map.of(), "url: required for type webhook: the URL that receives the JSON"),
                Arguments.of(Map.of("url", "ftp://example.com/x"), "url: expected an absolute http:// or https:// URL"),
                Arguments.of(Map.of("url", "https://example.com/x", "secrte", "x"),
                        "secrte: unknown setting for type webhook; known: url, secret"));
    }

    @ParameterizedTest
    @MethodSource("invalidSettings")
    void wrongSettingsNameTheKey(Map<String, String> settings, String message) {
        assertThatThrownBy(() -> WebhookSettings.from(settings)).isInstanceOf(InvalidSettings.class).hasMessage(message);
    }

    @Test
    void settingsHideTheSecretAndTheUrlPath() {
        WebhookSettings settings = WebhookSettings.from(Map.of("url", "https://hooks.example.com/t/abc123?token=x", "secret", "hunter2"));

        assertThat(settings.toString()).isEqualTo("WebhookSettings[url=https://hooks.example.com/****, secret=****]")
                .doesNotContain("hunter2", "abc123", "token");
        assertThat(settings.secret()).contains("hunter2");
    }
}
