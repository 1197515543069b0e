package dev.faultline.alert.slack;

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

class SlackNotifierTest {

    private static Channel at(URI url) {
        return new SlackNotifier("ops", new SlackSettings(url), TestHttp.delivery());
    }

    @Test
    void postsABlockKitMessageToTheIncomingWebhook() throws Exception {
        try (Receiver slack = Receiver.answering(200, Map.of("Content-Type", "text/html"), "ok")) {
            Delivery delivery = at(slack.url("/services/T000/B000/XXXX")).send(SampleNotifications.opened());

            assertThat(delivery).isEqualTo(new Delivery.Delivered(200, "200 OK: ok"));
            Receiver.Received request = slack.only();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/services/T000/B000/XXXX");
            assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
            assertThat(request.json()).isEqualTo(Json.mapper().readTree("""
                    {"text": "checkout-api is down: the server is at fault (service unavailable, HTTP 503)",
                     "blocks": [
                       {"type": "section", "text": {"type": "mrkdwn",
                         "text": ":red_circle: *checkout-api is down: the server is at fault (service unavailable, HTTP 503)*"}},
                       {"type": "section", "text": {"type": "mrkdwn", "text":
                         "*Fault:* the server: it is failing its users\\n*Cause:* service_unavailable (HTTP 503)\\n*Next step:* Check load and maintenance. The server expects to be back in 120 s (Retry-After).\\n*Confirmed by:* eu-west, us-east\\n*Retry-After:* 120 s\\n*Down for:* 12m30s\\n*What happened:* Service unavailable (HTTP 503 Service Unavailable)\\n*Monitor:* https://checkout.example.com/health"}},
                       {"type": "context", "elements": [{"type": "mrkdwn",
                         "text": "<https://faultline.example/monitors/checkout-api|Open in Faultline> · 2026-11-02T10:15:30Z"}]}
                     ]}
                    """));
        }
    }

    static Stream<Notification> kinds() {
        return SampleNotifications.everyKind().stream();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyEventIsATitleSectionAFactsSectionAndALink(Notification n) {
        try (Receiver slack = Receiver.answering(200, "ok")) {
            assertThat(at(slack.url("/hook")).send(n).delivered()).isTrue();

            JsonNode json = slack.only().json();
            assertThat(json.get("text").asText()).isEqualTo(MessageText.of(n).title());
            assertThat(json.get("blocks")).extracting(block -> block.get("type").asText())
                    .containsExactly("section", "section", "context");
            assertThat(json.get("blocks").get(0).get("text").get("text").asText()).contains(MessageText.of(n).title());
            assertThat(json.get("blocks").get(2).toString()).contains(n.link().toString());
        }
    }

    @Test
    void escapesSlacksControlCharactersInMonitorNames() {
        JsonNode json = SlackNotifier.payload(SampleNotifications.openedFor("<!channel> & <b>"));

        assertThat(json.get("text").asText()).startsWith("&lt;!channel&gt; &amp; &lt;b&gt; is down");
        assertThat(json.toString()).doesNotContain("<!channel>");
    }

    static Stream<FailureMapping.Case> failures() {
        return FailureMapping.cases();
    }

    @ParameterizedTest
    @MethodSource("failures")
    void providerAnswersBecomeDeliveries(FailureMapping.Case c) {
        FailureMapping.check(c, base -> at(URI.create(base + "/services/x")));
    }

    @Test
    void aRefusedConnectionIsRetryable() {
        FailureMapping.checkRefused(base -> at(URI.create(base + "/services/x")));
    }

    @Test
    void theUrlIsRequiredAndNeverShown() {
        assertThatThrownBy(() -> SlackSettings.from(Map.of())).isInstanceOf(InvalidSettings.class)
                .hasMessageStartingWith("url: required for type slack");
        assertThatThrownBy(() -> SlackSettings.from(Map.of("url", "hooks.slack.com/services/T/B/secret")))
                .isInstanceOf(InvalidSettings.class)
                .hasMessage("url: expected an absolute http:// or https:// URL");

        SlackSettings settings = SlackSettings.from(Map.of("url", "https://hooks.slack.com/services/T1/B2/secret"));
        assertThat(settings.toString()).isEqualTo("SlackSettings[url=https://hooks.slack.com/****]");
    }
}
