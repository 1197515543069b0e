package dev.faultline.alert;

import dev.faultline.alert.discord.DiscordNotifier;
import dev.faultline.alert.discord.DiscordSettings;
import dev.faultline.alert.email.EmailNotifier;
import dev.faultline.alert.email.EmailSettings;
import dev.faultline.alert.opsgenie.OpsgenieNotifier;
import dev.faultline.alert.opsgenie.OpsgenieSettings;
import dev.faultline.alert.pagerduty.PagerDutyNotifier;
import dev.faultline.alert.pagerduty.PagerDutySettings;
import dev.faultline.alert.slack.SlackNotifier;
import dev.faultline.alert.slack.SlackSettings;
import dev.faultline.alert.sms.SmsNotifier;
import dev.faultline.alert.sms.SmsSettings;
import dev.faultline.alert.teams.TeamsNotifier;
import dev.faultline.alert.teams.TeamsSettings;
import dev.faultline.alert.telegram.TelegramNotifier;
import dev.faultline.alert.telegram.TelegramSettings;
import dev.faultline.alert.webhook.WebhookNotifier;
import dev.faultline.alert.webhook.WebhookSettings;
import dev.faultline.config.ChannelConfig;
import java.time.Clock;
import java.time.Duration;
import okhttp3.OkHttpClient;

/** Where channels are registered: one line per type. Adding a channel is a package and a line here. */
public final class Channels {

    private Channels() {
    }

    /**
     * The channel a config entry describes, its settings checked. Cheap: the config loader and
     * the API can call it just to validate.
     *
     * @param http  the client every HTTP channel shares (see {@link #httpClient()})
     * @param clock for Retry-After dates and e-mail Date headers
     * @throws InvalidSettings naming each wrong, missing or unknown key
     */
    public static Channel create(ChannelConfig config, OkHttpClient http, Clock clock) {
        String name = config.name();
        var settings = config.settings();
        HttpDelivery delivery = new HttpDelivery(http, clock);
        Channel channel = switch (config.type()) {
            case WEBHOOK -> new WebhookNotifier(name, WebhookSettings.from(settings), delivery);
            case SLACK -> new SlackNotifier(name, SlackSettings.from(settings), delivery);
            case DISCORD -> new DiscordNotifier(name, DiscordSettings.from(settings), delivery);
            case TEAMS -> new TeamsNotifier(name, TeamsSettings.from(settings), delivery);
            case TELEGRAM -> new TelegramNotifier(name, TelegramSettings.from(settings), delivery);
            case PAGERDUTY -> new PagerDutyNotifier(name, PagerDutySettings.from(settings), delivery);
            case OPSGENIE -> new OpsgenieNotifier(name, OpsgenieSettings.from(settings), delivery);
            case SMS -> new SmsNotifier(name, SmsSettings.from(settings), delivery);
            case EMAIL -> new EmailNotifier(name, EmailSettings.from(settings), clock);
        };
        return new LoggedChannel(config.type().id(), channel);
    }

    /**
     * Checks a config entry's settings as {@link #create} would, without making anything that
     * sends: how the config loader reports them at {@code channels[i].<key>}.
     *
     * @throws InvalidSettings naming each wrong, missing or unknown key
     */
    public static void check(ChannelConfig config) {
        // The client is never used: nothing is sent.
        create(config, null, Clock.systemUTC());
    }

    /**
     * An HTTP client for providers: every wait bounded (a send never hangs the dispatcher), no
     * redirects (a webhook that moved is a configuration error to see, not to follow with the
     * body), and no silent second attempt: whether to try again is the outbox's decision.
     */
    public static OkHttpClient httpClient() {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(15))
                .writeTimeout(Duration.ofSeconds(15))
                .callTimeout(Duration.ofSeconds(30))
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .build();
    }
}
