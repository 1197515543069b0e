package dev.faultline.alert.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.alert.Channel;
import dev.faultline.alert.Delivery;
import dev.faultline.alert.FailureMapping;
import dev.faultline.alert.InvalidSettings;
import dev.faultline.alert.Notification;
import dev.faultline.alert.Receiver;
import dev.faultline.alert.SampleNotifications;
import dev.faultline.alert.TestHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SmsNotifierTest {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "auth-token-s3cr3t";
    private static final String QUEUED = "{\"sid\":\"SM1\",\"status\":\"queued\"}";

    private static Channel at(URI base) {
        return new SmsNotifier("oncall-phone", new SmsSettings(SID, TOKEN, "+15017122661", "+15558675310", base),
                TestHttp.delivery());
    }

    @Test
    void postsAFormToTheMessagesResourceWithBasicAuth() {
        try (Receiver twilio = Receiver.answering(201, QUEUED)) {
            Delivery delivery = at(twilio.url("")).send(SampleNotifications.opened());

            assertThat(delivery).isEqualTo(new Delivery.Delivered(201, "201 Created: " + QUEUED));
            Receiver.Received request = twilio.only();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json");
            assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
            assertThat(request.header("Authorization")).isEqualTo("Basic "
                    + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
            assertThat(request.form()).containsExactly(
                    Map.entry("To", "+15558675310"),
                    Map.entry("From", "+15017122661"),
                    Map.entry("Body", "checkout-api is down: the server is at fault (service unavailable, HTTP 503). "
                            + "Next step: Check load and maintenance. The server expects to be back in 120 s (Retry-After). "
                            + "Confirmed by eu-west, us-east. Retry-After 120 s. Down for 12m30s "
                            + "https://faultline.example/monitors/checkout-api"));
        }
    }

    static Stream<Notification> kinds() {
        return SampleNotifications.everyKind().stream();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyEventIsAShortGsmTextWithTheLink(Notification n) {
        try (Receiver twilio = Receiver.answering(201, QUEUED)) {
            assertThat(at(twilio.url("/")).send(n).delivered()).isTrue();

            String body = twilio.only().form().get("Body");
            assertThat(body).hasSizeLessThanOrEqualTo(SmsNotifier.BODY_MAX).endsWith(n.link().toString())
                    .doesNotContain("…");
        }
    }

    static Stream<FailureMapping.Case> failures() {
        return FailureMapping.cases();
    }

    @ParameterizedTest
    @MethodSource("failures")
    void providerAnswersBecomeDeliveries(FailureMapping.Case c) {
        FailureMapping.check(c, SmsNotifierTest::at);
    }

    @Test
    void aRefusedConnectionIsRetryable() {
        FailureMapping.checkRefused(SmsNotifierTest::at);
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of(Map.of("auth_token", TOKEN, "from", "+1", "to", "+15558675310"),
                        "account_sid: required for type sms"),
                Arguments.of(Map.of("account_sid", SID, "auth_token", TOKEN, "from", "+1", "to", "Alice"),
                        "to: expected a phone number in E.164"),
                Arguments.of(Map.of("account_sid", SID, "auth_token", TOKEN, "from", "+1", "to", "+15558675310",
                        "base_url", "not a url"), "base_url: expected an absolute http:// or https:// URL"));
    }

    @ParameterizedTest
    @MethodSource("invalidSettings")
    void wrongSettingsNameTheKey(Map<String, String> settings, String message) {
        assertThatThrownBy(() -> SmsSettings.from(settings)).isInstanceOf(InvalidSettings.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void settingsDefaultToTwilioAndHideTheToken() {
        SmsSettings settings = SmsSettings.from(Map.of("account_sid", SID, "auth_token", TOKEN, "from", "+15017122661",
                "to", "+15558675310"));

        assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.twilio.com"));
        assertThat(settings.toString()).contains("authToken=****").doesNotContain(TOKEN);
    }
}
