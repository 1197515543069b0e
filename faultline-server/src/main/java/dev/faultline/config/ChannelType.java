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
