package dev.faultline.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.faultline.alert.InvalidSettings.SettingError;
import dev.faultline.check.Severity;
import dev.faultline.config.ChannelConfig;
import dev.faultline.config.ChannelType;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

class ChannelsTest {

    private static final String SECRET = "s3cr3t-value-never-shown";

    /** The least each type needs, with a secret wherever the type has one. */
    private static Map<String, String> minimal(ChannelType type) {
        return switch (type) {
            case WEBHOOK -> Map.of("url", "https://hooks.example.com/in", "secret", SECRET);
            case SLACK -> Map.of("url", "https://hooks.slack.com/services/T/B/" + SECRET);
            case DISCORD -> Map.of("url", "https://discord.com/api/webhooks/1/" + SECRET);
            case TEAMS -> Map.of("url", "https://x.logic.azure.com/workflows/1?sig=" + SECRET);
            case TELEGRAM -> Map.of("bot_token", "123:" + SECRET, "chat_id", "-100123");
            case PAGERDUTY -> Map.of("routing_key", SECRET);
            case OPSGENIE -> Map.of("api_key", SECRET);
            case SMS -> Map.of("account_sid", "AC1", "auth_token", SECRET, "from", "+15017122661", "to", "+15558675310");
            case EMAIL -> Map.of("host", "smtp.example.com", "username", "u", "password", SECRET,
                    "from", "f@example.com", "to", "t@example.com");
        };
    }

    private static ChannelConfig config(ChannelType type, Map<String, String> settings) {
        return new ChannelConfig("ops-" + type.id(), type, Set.of(Severity.CRITICAL), settings);
    }

    @ParameterizedTest
    @EnumSource(ChannelType.class)
    void everyTypeIsRegisteredAndKeepsItsSecretsOutOfToString(ChannelType type) {
        Channel channel = Channels.create(config(type, minimal(type)), TestHttp.CLIENT, TestHttp.CLOCK);

        assertThat(channel.name()).isEqualTo("ops-" + type.id());
        assertThat(channel.toString()).startsWith(type.id() + " channel 'ops-" + type.id() + "'").doesNotContain(SECRET);
    }

    @ParameterizedTest
    @EnumSource(ChannelType.class)
    void everyTypeRejectsAnUnknownKeyByName(ChannelType type) {
        Map<String, String> settings = new java.util.HashMap<>(minimal(type));
        settings.put("colour", "red");

        assertThatThrownBy(() -> Channels.create(config(type, settings), TestHttp.CLIENT, TestHttp.CLOCK))
                .isInstanceOfSatisfying(InvalidSettings.class, e -> assertThat(e.errors())
                        .extracting(SettingError::key).containsExactly("colour"));
    }

    @Test
    void allWrongKeysAreReportedAtOnce() {
        assertThatThrownBy(() -> Channels.create(config(ChannelType.SMS, Map.of("base_url", "x")), TestHttp.CLIENT, TestHttp.CLOCK))
                .isInstanceOfSatisfying(InvalidSettings.class, e -> assertThat(e.errors()).extracting(SettingError::key)
                        .containsExactly("account_sid", "auth_token", "from", "to", "base_url"));
    }

    @Test
    void logsEachSendWithTheAnswerButNeverTheSettings() {
        Logger logger = (Logger) LoggerFactory.getLogger(Channel.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try (Receiver slack = Receiver.answering(200, "ok"); Receiver broken = Receiver.answering(500, "down")) {
            Channels.create(config(ChannelType.SLACK, Map.of("url", slack.url("/services/" + SECRET).toString())),
                    TestHttp.CLIENT, TestHttp.CLOCK).send(SampleNotifications.opened());
            Channels.create(config(ChannelType.SLACK, Map.of("url", broken.url("/services/" + SECRET).toString())),
                    TestHttp.CLIENT, TestHttp.CLOCK).send(SampleNotifications.opened());
        } finally {
            logger.detachAppender(logs);
        }

        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "slack channel 'ops-slack': incident.opened faultline/checkout-api/incident-42 delivered (200 OK: ok)",
                "slack channel 'ops-slack': incident.opened faultline/checkout-api/incident-42 not delivered, retryable: "
                        + "500 Internal Server Error: down");
        assertThat(logs.list).allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(SECRET));
    }
}
