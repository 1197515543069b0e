package dev.faultline.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.check.Severity;
import dev.faultline.config.ChannelConfig;
import dev.faultline.config.ChannelType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every HTTP channel's message, as its provider receives it, says what matters in this order:
 * whose fault and the cause, the next step, the regions that confirmed it, the server's
 * Retry-After, and how long it has been down. (E-mail renders the same facts; its test reads them
 * from GreenMail.)
 */
class MessagesLeadWithWhatMattersTest {

    private static final List<String> IN_ORDER = List.of("the server is at fault", "service unavailable",
            "Check load and maintenance", "eu-west, us-east", "120 s", "12m30s");

    /** The webhook's JSON has each as a field of its own; every other HTTP channel writes them as text. */
    static Stream<ChannelType> httpChannels() {
        return Stream.of(ChannelType.values()).filter(t -> t != ChannelType.EMAIL && t != ChannelType.WEBHOOK);
    }

    @ParameterizedTest
    @MethodSource("httpChannels")
    void theOpeningsTextLeadsWithFaultCauseNextStepRegionsRetryAfterAndDownTime(ChannelType type) {
        try (Receiver receiver = Receiver.answering(type == ChannelType.SMS ? 201 : 200, "{\"ok\":true,\"status\":\"success\"}")) {
            Channel channel = Channels.create(new ChannelConfig("c", type, Set.of(Severity.CRITICAL), settings(type, receiver)),
                    TestHttp.CLIENT, Clock.systemUTC());
            channel.send(SampleNotifications.opened());
            Receiver.Received request = receiver.only();
            String text = type == ChannelType.SMS ? request.form().get("Body") : texts(request.json());
            int from = 0;
            for (String marker : IN_ORDER) {
                int at = text.indexOf(marker, from);
                assertThat(at).as("%s: '%s' after position %d in %s", type.id(), marker, from, text).isGreaterThanOrEqualTo(0);
                from = at + marker.length();
            }
        }
    }

    /** Every text value of the payload, in document order. */
    private static String texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        collect(node, out);
        return String.join("\n", out);
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isTextual()) out.add(node.asText());
        node.forEach(child -> collect(child, out));
    }

    private static Map<String, String> settings(ChannelType type, Receiver receiver) {
        String base = receiver.url("").toString();
        return switch (type) {
            case SLACK, DISCORD, TEAMS, WEBHOOK -> Map.of("url", receiver.url("/hook").toString());
            case TELEGRAM -> Map.of("bot_token", "123:abc", "chat_id", "42", "base_url", base);
            case PAGERDUTY -> Map.of("routing_key", "R0UT1NGKEY0123456789012345678901", "base_url", base);
            case OPSGENIE -> Map.of("api_key", "k", "base_url", base);
            case SMS -> Map.of("account_sid", "AC123", "auth_token", "t", "from", "+15017122661", "to", "+15558675310",
                    "base_url", base);
            case EMAIL -> throw new IllegalArgumentException("e-mail is not HTTP");
        };
    }
}
