package dev.faultline.alert.discord;

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
import org.junit.jupiter.params.provider.MethodSource;

class DiscordNotifierTest {

    private static Channel at(URI url) {
        return new DiscordNotifier("ops", new DiscordSettings(url), TestHttp.delivery());
    }

    @Test
    void executesTheWebhookWithOneEmbedAndWaitsForTheStoredMessage() throws Exception {
        try (Receiver discord = Receiver.answering(200, "{\"id\":\"1234\",\"channel_id\":\"99\"}")) {
            Delivery delivery = at(discord.url("/api/webhooks/123/tok-en")).send(SampleNotifications.opened());

            assertThat(delivery).isEqualTo(new Delivery.Delivered(200, "200 OK: {\"id\":\"1234\",\"channel_id\":\"99\"}"));
            Receiver.Received request = discord.only();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/api/webhooks/123/tok-en");
            assertThat(request.rawQuery()).isEqualTo("wait=true");
            assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
            assertThat(request.json()).isEqualTo(Json.mapper().readTree("""
                    {"content": "checkout-api is down: the server is at fault (service unavailable, HTTP 503)",
                     "embeds": [{
                       "title": "checkout-api",
                       "url": "https://faultline.example/monitors/checkout-api",
                       "description": "Service unavailable (HTTP 503 Service Unavailable)",
                       "color": 14237503,
                       "fields": [
                         {"name": "Fault", "value": "the server: it is failing its users", "inline": false},
                         {"name": "Cause", "value": "service\\\\_unavailable (HTTP 503)", "inline": false},
                         {"name": "Next step", "value": "Check load and maintenance. The server expects to be back in 120 s (Retry-After).", "inline": false},
                         {"name": "Confirmed by", "value": "eu-west, us-east", "inline": false},
                         {"name": "Retry-After", "value": "120 s", "inline": false},
                         {"name": "Down for", "value": "12m30s", "inline": false},
                         {"name": "Monitor", "value": "https://checkout.example.com/health", "inline": false}
                       ],
                       "timestamp": "2026-11-02T10:15:30Z",
                       "footer": {"text": "Faultline"}
                     }],
                     "allowed_mentions": {"parse": []}}
                    """));
        }
    }

    static Stream<Notification> kinds() {
        return SampleNotifications.everyKind().stream();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyEventFitsDiscordsLimitsAndIsColouredByTone(Notification n) {
        try (Receiver discord = Receiver.answering(204, "")) {
            assertThat(at(discord.url("/api/webhooks/1/t")).send(n).delivered()).isTrue();

            JsonNode json = discord.only().json();
            JsonNode embed = json.get("embeds").get(0);
            assertThat(json.get("content").asText()).hasSizeLessThanOrEqualTo(2000).isNotBlank();
            assertThat(embed.get("fields").size()).isBetween(0, 25);
            assertThat(embed.get("color").asInt()).isEqualTo(DiscordNotifier.color(MessageText.of(n)));
            assertThat(embed.get("timestamp").asText()).isEqualTo(n.time().toString());
        }
    }

    @Test
    void aMonitorNamedEveryoneMentionsNobody() {
        JsonNode json = DiscordNotifier.payload(SampleNotifications.openedFor("@everyone *bold*"));

        assertThat(json.get("allowed_mentions").get("parse")).isEmpty();
        assertThat(json.get("content").asText()).startsWith("@everyone \\*bold\\* is down");
    }

    static Stream<FailureMapping.Case> failures() {
        return FailureMapping.cases();
    }

    @ParameterizedTest
    @MethodSource("failures")
    void providerAnswersBecomeDeliveries(FailureMapping.Case c) {
        FailureMapping.check(c, base -> at(URI.create(base + "/api/webhooks/1/t")));
    }

    @Test
    void aRefusedConnectionIsRetryable() {
        FailureMapping.checkRefused(base -> at(URI.create(base + "/api/webhooks/1/t")));
    }

    @Test
    void theUrlIsRequiredAndItsTokenNeverShown() {
        assertThatThrownBy(() -> DiscordSettings.from(Map.of("webhook", "https://discord.com/api/webhooks/1/t")))
                .isInstanceOf(InvalidSettings.class)
                .hasMessage("url: required for type discord: the webhook URL (https://discord.com/api/webhooks/…); "
                        + "webhook: unknown setting for type discord; known: url");

        assertThat(DiscordSettings.from(Map.of("url", "https://discord.com/api/webhooks/1/t0ken")).toString())
                .isEqualTo("DiscordSettings[url=https://discord.com/****]");
    }
}
