package dev.faultline.config;

import dev.faultline.alert.ReminderPolicy;
import dev.faultline.config.NodeReader.Located;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code alerts:} section: reminders and escalation of critical incidents nobody acknowledged,
 * {@code { remind_every: 30m, escalate_after: 15m, escalate_to: [managers] }}, all off by default.
 */
final class AlertsReader {

    static final List<String> KEYS = List.of("remind_every", "escalate_after", "escalate_to");
    /** Reminders are looked for once a second: shorter would not be kept. */
    static final Duration SHORTEST = Duration.ofSeconds(1);

    private final NodeReader reader;
    private final ConfigErrors errors;
    private final Map<String, Located<String>> channels;

    AlertsReader(NodeReader reader, Map<String, Located<String>> channels) {
        this.reader = reader;
        this.errors = reader.errors();
        this.channels = channels;
    }

    ReminderPolicy read(Node node, String path) {
        Optional<Section> section = reader.section(node, path, KEYS);
        if (section.isEmpty()) return ReminderPolicy.OFF;
        Section s = section.get();
        int before = errors.count();
        Optional<Duration> remindEvery = s.value("remind_every").flatMap(n -> atLeastASecond(n, s.pathOf("remind_every")));
        Optional<Duration> escalateAfter = s.value("escalate_after").flatMap(n -> atLeastASecond(n, s.pathOf("escalate_after")));
        List<String> escalateTo = new ArrayList<>();
        Map<String, Located<String>> seen = new HashMap<>();
        s.value("escalate_to").flatMap(n -> reader.texts(n, s.pathOf("escalate_to"))).ifPresent(items -> items.forEach(item -> {
            if (!reader.unique(item, seen, "channel")) return;
            if (channels.containsKey(item.value())) {
                escalateTo.add(item.value());
            } else {
                errors.at(item.node(), item.path(), "unknown channel '" + item.value() + "'"
                        + Suggestions.didYouMean(item.value(), channels.keySet())
                        + (channels.isEmpty() ? ": no channels are defined" : "; defined channels: " + String.join(", ", channels.keySet())));
            }
        }));
        if (errors.count() > before) return ReminderPolicy.OFF;
        if (escalateAfter.isPresent() && escalateTo.isEmpty()) {
            errors.at(s.value("escalate_after").get(), s.pathOf("escalate_to"), "name the channels to escalate to after escalate_after");
            return ReminderPolicy.OFF;
        }
        if (escalateAfter.isEmpty() && s.has("escalate_to")) {
            errors.at(s.value("escalate_to").get(), s.pathOf("escalate_after"), "say how long to wait before escalating to escalate_to");
            return ReminderPolicy.OFF;
        }
        return new ReminderPolicy(remindEvery, escalateAfter, escalateTo);
    }

    private Optional<Duration> atLeastASecond(Node node, String path) {
        return reader.duration(node, path).filter(d -> {
            if (d.compareTo(SHORTEST) >= 0) return true;
            errors.at(node, path, "at least 1s, got " + dev.faultline.check.Durations.format(d));
            return false;
        });
    }
}
