package dev.faultline.config;

import dev.faultline.config.NodeReader.Located;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the {@code digest} section: {@code at} (HH:MM), {@code timezone} (default UTC), {@code channels}. */
final class DigestReader {

    static final List<String> KEYS = List.of("at", "timezone", "channels");

    private final NodeReader reader;
    private final ConfigErrors errors;

    DigestReader(NodeReader reader) {
        this.reader = reader;
        this.errors = reader.errors();
    }

    /** The settings, or empty when the section is wrong (reported) or asks for nothing. */
    Optional<DigestSettings> read(Node node, String path, List<ChannelConfig> configured, Map<String, Located<String>> names) {
        Section s = reader.section(node, path, KEYS).orElse(null);
        if (s == null) return Optional.empty();
        Optional<LocalTime> at = reader.required(s, "at").flatMap(n -> reader.parse(n, s.pathOf("at"), DigestReader::time));
        ZoneId zone = s.value("timezone").flatMap(n -> reader.parse(n, s.pathOf("timezone"), DigestReader::zone))
                .orElse(ZoneId.of("UTC"));
        List<String> channels = new ArrayList<>();
        Optional<List<Located<String>>> listed = reader.required(s, "channels").flatMap(n -> reader.texts(n, s.pathOf("channels")));
        listed.ifPresent(items -> {
            if (items.isEmpty()) errors.at(s.value("channels").get(), s.pathOf("channels"), "name at least one channel");
            for (Located<String> item : items) {
                Optional<ChannelConfig> channel = configured.stream().filter(c -> c.name().equals(item.value())).findFirst();
                if (channel.isEmpty()) {
                    errors.at(item.node(), item.path(), "unknown channel '" + item.value() + "'"
                            + (names.isEmpty() ? ": no channels are defined (add it under channels)"
                            : Suggestions.didYouMean(item.value(), names.keySet())));
                } else if (channel.get().type() == ChannelType.PAGERDUTY || channel.get().type() == ChannelType.OPSGENIE) {
                    errors.at(item.node(), item.path(), "'" + item.value() + "' is a " + channel.get().type().id()
                            + " channel: a digest is news, not a page; name a webhook, chat or e-mail channel");
                } else if (!channels.contains(item.value())) {
                    channels.add(item.value());
                }
            }
        });
        if (at.isEmpty() || listed.isEmpty() || channels.isEmpty()) return Optional.empty();
        return Optional.of(new DigestSettings(at.get(), zone, channels));
    }

    private static LocalTime time(String text) {
        try {
            return LocalTime.parse(text.strip(), DateTimeFormatter.ofPattern("H:mm"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected a time of day as HH:MM, such as 08:00, got '" + text + "'");
        }
    }

    private static ZoneId zone(String text) {
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + text + "': use a name such as UTC or Europe/Berlin");
        }
    }
}
