package dev.faultline.alert.teams;

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

class TeamsNotifierTest {

    private static Channel at(URI url) {
        return new TeamsNotifier("ops", new TeamsSettings(url), TestHttp.delivery());
    }

    @Test
    void postsAnAdaptiveCardMessageToTheWorkflow() throws Exception {
        try (Receiver teams = Receiver.answering(202, "")) {
            URI url = teams.url("/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=s3cr3t");
            Delivery delivery = at(url).send(SampleNotifications.opened());

            assertThat(delivery).isEqualTo(new Delivery.Delivered(202, "202 Accepted"));
            Receiver.Received request = teams.only();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/workflows/abc/triggers/manual/paths/invoke");
            assertThat(request.rawQuery()).isEqualTo("api-version=2016-06-01&sig=s3cr3t");
            assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
            assertThat(request.json()).isEqualTo(Json.mapper().readTree("""
                    {"type": "message",
                     "attachments": [{
                       "contentType": "application/vnd.microsoft.card.adaptive",
                       "contentUrl": null,
                       "content": {
                         "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                         "type": "AdaptiveCard",
                         "version": "1.4",
                         "body": [
                           {"type": "TextBlock", "text": "checkout-api is down: the server is at fault (service unavailable, HTTP 503)",
                            "size": "Medium", "weight": "Bolder", "color": "Attention", "wrap": true},
                           {"type": "FactSet", "facts": [
                             {"title": "Fault", "value": "the server: it is failing its users"},
                             {"title": "Cause", "value": "service_unavailable (HTTP 503)"},
                             {"title": "Next step", "value": "Check load and maintenance. The server expects to be back in 120 s (Retry-After)."},
                             {"title": "Confirmed by", "value": "eu-west, us-east"},
                             {"title": "Retry-After", "value": "120 s"},
                             {"title": "Down for", "value": "12m30s"},
                             {"title": "What happened", "value": "Service unavailable (HTTP 503 Service Unavailable)"},
                             {"title": "Monitor", "value": "https://checkout.example.com/health"}]},
                           {"type": "TextBlock", "text": "Faultline, 2026-11-02T10:15:30Z", "isSubtle": true, "size": "Small", "wrap": true}
                         ],
                         "actions": [{"type": "Action.OpenUrl", "title": "Open in Faultline",
                                      "url": "https://faultline.example/monitors/checkout-api"}],
                         "msteams": {"width": "Full"}
                       }
                     }]}
                    """));
        }
    }

    static Stream<Notification> kinds() {
        return SampleNotifications.everyKind().stream();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyEventIsOneAdaptiveCardWithTitleFactsAndLink(Notification n) {
        try (Receiver teams = Receiver.answering(202, "")) {
            assertThat(at(teams.url("/invoke")).send(n).delivered()).isTrue();

            JsonNode card = teams.only().json().get("attachments").get(0).get("content");
            assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
            assertThat(card.get("body").get(0).get("text").asText()).isEqualTo(MessageText.of(n).title());
            assertThat(card.get("body").get(1).get("facts").size()).isEqualTo(MessageText.of(n).facts().size());
            assertThat(card.get("actions").get(0).get("url").asText()).isEqualTo(n.link().toString());
        }
    }

    static Stream<FailureMapping.Case> failures() {
        return FailureMapping.cases();
    }

    @ParameterizedTest
    @MethodSource("failures")
    void providerAnswersBecomeDeliveries(FailureMapping.Case c) {
        FailureMapping.check(c, base -> at(URI.create(base + "/invoke?sig=x")));
    }

    @Test
    void aRefusedConnectionIsRetryable() {
        FailureMapping.checkRefused(base -> at(URI.create(base + "/invoke?sig=x")));
    }

    @Test
    void theUrlIsRequiredAndItsSignatureNeverShown() {
        assertThatThrownBy(() -> TeamsSettings.from(Map.of("url", " "))).isInstanceOf(InvalidSettings.class)
                .hasMessageStartingWith("url: required for type teams");

        assertThat(TeamsSettings.from(Map.of("url", "https://prod.westeurope.logic.azure.com:443/workflows/1/x?sig=s3cr3t"))
                .toString()).isEqualTo("TeamsSettings[url=https://prod.westeurope.logic.azure.com:443/****]");
    }
}
