package dev.faultline.alert.telegram;

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
import dev.faultline.testing.ClosedPort;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TelegramNotifierTest {

    private static final String TOKEN = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11";

    private static Channel at(URI base) {
        return new TelegramNotifier("ops", new TelegramSettings(TOKEN, "-1001234567890", base), TestHttp.delivery());
    }

    @Test
    void sendsAnHtmlMessageThroughTheBotApi() {
        try (Receiver telegram = Receiver.answering(200, "{\"ok\":true,\"result\":{\"message_id\":7}}")) {
            Delivery delivery = at(telegram.url("")).send(SampleNotifications.opened());

            assertThat(delivery).isEqualTo(new Delivery.Delivered(200, "200 OK: {\"ok\":true,\"result\":{\"message_id\":7}}"));
            Receiver.Received request = telegram.only();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/bot" + TOKEN + "/sendMessage");
            assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
            JsonNode json = request.json();
            assertThat(json.properties()).extracting(Map.Entry::getKey)
                    .containsExactly("chat_id", "text", "parse_mode", "link_preview_options");
            assertThat(json.get("chat_id").asText()).isEqualTo("-1001234567890");
            assertThat(json.get("parse_mode").asText()).isEqualTo("HTML");
            assertThat(json.get("link_preview_options").get("is_disabled").asBoolean()).isTrue();
            assertThat(json.get("text").asText()).isEqualTo("""
                    <b>checkout-api is down: the server is at fault (service unavailable, HTTP 503)</b>

                    <b>Fault:</b> the server: it is failing its users
                    <b>Cause:</b> service_unavailable (HTTP 503)
                    <b>Next step:</b> Check load and maintenance. The server expects to be back in 120 s (Retry-After).
                    <b>Confirmed by:</b> eu-west, us-east
                    <b>Retry-After:</b> 120 s
                    <b>Down for:</b> 12m30s
                    <b>What happened:</b> Service unavailable (HTTP 503 Service Unavailable)
                    <b>Monitor:</b> https://checkout.example.com/health

                    <a href="https://faultline.example/monitors/checkout-api">Open in Faultline</a>""");
        }
    }

    static Stream<Notification> kinds() {
        return SampleNotifications.everyKind().stream();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyEventLeadsWithItsTitleInBold(Notification n) {
        try (Receiver telegram = Receiver.answering(200, "{\"ok\":true}")) {
            assertThat(at(telegram.url("/")).send(n).delivered()).isTrue();

            String text = telegram.only().json().get("text").asText();
            assertThat(text).startsWith("<b>" + TelegramNotifier.escape(MessageText.of(n).title()) + "</b>")
                    .hasSizeLessThanOrEqualTo(4096).endsWith("Open in Faultline</a>");
        }
    }

    @Test
    void escapesHtmlInMonitorNames() {
        String text = TelegramNotifier.payload(SampleNotifications.openedFor("<i>a & b</i>"), "1").get("text").asText();

        assertThat(text).startsWith("<b>&lt;i&gt;a &amp; b&lt;/i&gt; is down");
    }

    @Test
    void floodControlWaitsAsTelegramSaysInItsAnswer() {
        String flood = "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 35\","
                + "\"parameters\":{\"retry_after\":35}}";
        try (Receiver telegram = Receiver.answering(429, flood)) {
            Delivery delivery = at(telegram.url("")).send(SampleNotifications.opened());

            assertThat(delivery).isInstanceOf(Delivery.RetryableFailure.class);
            assertThat(((Delivery.RetryableFailure) delivery).retryAfter()).contains(Duration.ofSeconds(35));
        }
    }

    static Stream<FailureMapping.Case> failures() {
        return FailureMapping.cases();
    }

    @ParameterizedTest
    @MethodSource("failures")
    void providerAnswersBecomeDeliveries(FailureMapping.Case c) {
        FailureMapping.check(c, TelegramNotifierTest::at);
    }

    @Test
    void aRefusedConnectionIsRetryableAndNeverShowsTheToken() {
        FailureMapping.checkRefused(TelegramNotifierTest::at);
        URI nobody = URI.create("http://127.0.0.1:" + ClosedPort.pick().port());
        assertThat(at(nobody).send(SampleNotifications.opened()).answer()).doesNotContain(TOKEN, "ABC-DEF");
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of(Map.of("chat_id", "42"), "bot_token: required for type telegram"),
                Arguments.of(Map.of("bot_token", "not a token", "chat_id", "42"), "bot_token: expected digits"),
                Arguments.of(Map.of("bot_token", TOKEN, "chat_id", "my group"), "chat_id: expected a numeric chat id"),
                Arguments.of(Map.of("bot_token", TOKEN, "chat_id", "42", "base_url", "api.telegram.org"),
                        "base_url: expected an absolute http:// or https:// URL"));
    }

    @ParameterizedTest
    @MethodSource("invalidSettings")
    void wrongSettingsNameTheKeyAndNeverTheToken(Map<String, String> settings, String message) {
        assertThatThrownBy(() -> TelegramSettings.from(settings)).isInstanceOf(InvalidSettings.class)
                .hasMessageStartingWith(message).message().doesNotContain("not a token");
    }

    @Test
    void settingsDefaultToTheOfficialServerAndMaskTheToken() {
        TelegramSettings settings = TelegramSettings.from(Map.of("bot_token", TOKEN, "chat_id", "@faultline_alerts"));

        assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.telegram.org"));
        assertThat(settings.toString()).contains("botToken=****", "chatId=@faultline_alerts").doesNotContain("ABC");
        assertThat(Optional.of(settings.botToken())).contains(TOKEN);
    }
}
