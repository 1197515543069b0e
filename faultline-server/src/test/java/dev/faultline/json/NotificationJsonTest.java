package dev.faultline.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.alert.Notification;
import dev.faultline.alert.SampleNotifications;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NotificationJsonTest {

    private static final ObjectMapper JSON = Json.mapper();

    static Stream<Notification> notifications() {
        return Stream.of(SampleNotifications.opened(), SampleNotifications.resolved(), SampleNotifications.reminder(),
                SampleNotifications.warning(), SampleNotifications.test());
    }

    @ParameterizedTest
    @MethodSource("notifications")
    void everyNotificationReadsBackEqual(Notification n) throws Exception {
        String text = JSON.writeValueAsString(NotificationJson.of(n));

        assertThat(JSON.readValue(text, NotificationJson.class).toNotification()).isEqualTo(n);
    }

    @Test
    void theShapeUsesThePayloadIdsAndNullsForWhatIsAbsent() throws Exception {
        JsonNode tree = JSON.readTree(JSON.writeValueAsString(NotificationJson.of(SampleNotifications.warning())));

        assertThat(tree).isEqualTo(JSON.readTree("""
                {"event": "warning", "monitor_id": "checkout-api", "monitor_name": "checkout-api",
                 "monitor_url": "https://checkout.example.com/health", "severity": "warning", "cause": "rate_limited",
                 "status": 429, "retry_after_ms": 30000, "summary": "Rate limited (HTTP 429 Too Many Requests)",
                 "next_step": "The monitor checks too often: lower its frequency. The server asked for 30 s between requests (Retry-After).",
                 "regions": ["eu-west"], "incident_id": null, "dedup_key": "faultline/checkout-api/warning-7",
                 "time": "2026-11-02T10:15:30Z", "down_for_ms": null, "link": "https://faultline.example/monitors/checkout-api",
                 "reminder": null, "reason": null}
                """));
    }

    @Test
    void anUnknownIdNamesTheField() throws Exception {
        NotificationJson json = NotificationJson.of(SampleNotifications.opened());
        NotificationJson strange = new NotificationJson("incident.exploded", json.monitorId(), json.monitorName(),
                json.monitorUrl(), json.severity(), json.cause(), json.status(), json.retryAfterMs(), json.summary(),
                json.nextStep(), json.regions(), json.incidentId(), json.dedupKey(), json.time(), json.downForMs(), json.link(), json.reminder(),
                json.reason());

        assertThatThrownBy(strange::toNotification).hasMessage("event: unknown event 'incident.exploded'");
    }
}
