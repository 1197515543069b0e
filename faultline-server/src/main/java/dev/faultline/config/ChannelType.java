package dev.faultline.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The kinds of alert channel; each has its own package under {@code dev.faultline.alert}. */
public enum ChannelType {
    WEBHOOK, SLACK, DISCORD, TEAMS, TELEGRAM, PAGERDUTY, OPSGENIE, SMS, EMAIL;

    /** The lower-case name used in the config file. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The settings that are credentials: kept encrypted at rest and masked in answers. A webhook's
     * URL counts, as it often carries a token.
     */
    public java.util.Set<String> secretKeys() {
        return switch (this) {
            case WEBHOOK -> java.util.Set.of("url", "secret");
            case SLACK, DISCORD, TEAMS -> java.util.Set.of("url");
            case TELEGRAM -> java.util.Set.of("bot_token");
            case PAGERDUTY -> java.util.Set.of("routing_key");
            case OPSGENIE -> java.util.Set.of("api_key");
            case SMS -> java.util.Set.of("auth_token");
            case EMAIL -> java.util.Set.of("password");
        };
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(ChannelType::id).toList();
    }

    /** @throws IllegalArgumentException naming the known types, with a suggestion for a near miss */
    public static ChannelType parse(String text) {
        for (ChannelType type : values()) {
            if (type.id().equals(text)) return type;
        }
        throw new IllegalArgumentException("unknown channel type '" + text + "'" + Suggestions.didYouMean(text, ids())
                + "; one of " + String.join(", ", ids()));
    }
}
