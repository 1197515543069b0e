package dev.faultline.config;

import dev.faultline.alert.InvalidSettings;
import dev.faultline.check.Severity;
import dev.faultline.config.NodeReader.Located;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads the {@code channels} list: name, type and severities are checked here; every other key
 * is kept as text for the channel's own settings, which the channel's settings record checks
 * ({@link dev.faultline.alert.Channels#check}), each error placed at its key.
 */
final class ChannelReader {

    private static final List<Severity> SENDABLE = List.of(Severity.CRITICAL, Severity.WARNING, Severity.INFO);

    /**
     * @param names every name declared, even on entries that are otherwise wrong, so that a
     *              monitor naming them is not reported as well
     */
    record Channels(List<ChannelConfig> configs, Map<String, Located<String>> names) {
        static final Channels NONE = new Channels(List.of(), Map.of());
    }

    private final NodeReader reader;
    private final ConfigErrors errors;

    ChannelReader(NodeReader reader) {
        this.reader = reader;
        this.errors = reader.errors();
    }

    Channels read(Node node, String path) {
        List<ChannelConfig> configs = new ArrayList<>();
        Map<String, Located<String>> names = new LinkedHashMap<>();
        List<Node> items = reader.list(node, path).orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            channel(items.get(i), Section.item(path, i), names).ifPresent(configs::add);
        }
        return new Channels(configs, names);
    }

    /** One channel on its own (an API payload); error paths are relative to it, e.g. {@code url}. */
    Optional<ChannelConfig> readOne(Node node) {
        return channel(node, "", new LinkedHashMap<>());
    }

    private Optional<ChannelConfig> channel(Node node, String path, Map<String, Located<String>> names) {
        int before = errors.count();
        Section s = reader.section(node, path, null).orElse(null);
        if (s == null) return Optional.empty();
        Optional<Located<String>> name = reader.requiredText(s, "name");
        boolean unique = name.map(n -> reader.unique(n, names, "channel name")).orElse(false);
        Optional<ChannelType> type = reader.required(s, "type")
                .flatMap(n -> reader.parse(n, s.pathOf("type"), ChannelType::parse));
        Slot<Set<Severity>> severities = new Slot<>(ChannelConfig.DEFAULT_SEVERITIES);
        boolean severitiesRead = reader.into(s, "severities", severities::set, this::severities);
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> entry : s.entries().entrySet()) {
            String key = entry.getKey();
            Node value = entry.getValue().getValueNode();
            if (key.equals("name") || key.equals("type") || key.equals("severities") || NodeReader.isNull(value)) continue;
            reader.text(value, s.pathOf(key)).ifPresent(text -> settings.put(key, text));
        }
        if (type.isEmpty()) return Optional.empty();
        // The settings are checked even when the name or the severities are wrong: one pass reports every error.
        boolean settingsValid = settingsValid(type.get(), settings, s);
        if (!unique) return Optional.empty();
        // Unread severities left the default in the slot, so the name is still checked; their errors are counted below.
        Optional<ChannelConfig> config = new FieldByField(errors, node, path)
                .field("name", name.get().node(), name.get().path(), () -> {})
                .field("severities", s.value("severities").orElse(null), s.pathOf("severities"), () -> {})
                .build(() -> new ChannelConfig(name.get().value(), type.get(), severities.get(), settings));
        if (config.isEmpty() || !severitiesRead || errors.count() > before) return Optional.empty();
        return settingsValid ? config : Optional.empty();
    }

    /** Reports each wrong setting at its value, and each missing one at the entry. */
    private boolean settingsValid(ChannelType type, Map<String, String> settings, Section s) {
        try {
            // Only the settings are checked here: the name and severities are placeholders.
            dev.faultline.alert.Channels.check(new ChannelConfig("unnamed", type, ChannelConfig.DEFAULT_SEVERITIES, settings));
            return true;
        } catch (InvalidSettings invalid) {
            for (InvalidSettings.SettingError error : invalid.errors()) {
                NodeTuple entry = s.entries().get(error.key());
                // A setting that could not be read (an unset variable) is reported already, not again as missing.
                if (entry != null && !settings.containsKey(error.key()) && !NodeReader.isNull(entry.getValueNode())) continue;
                errors.at(entry == null ? s.node() : entry.getValueNode(), s.pathOf(error.key()), error.message());
            }
            return false;
        }
    }

    private Optional<Set<Severity>> severities(Node node, String path) {
        Set<Severity> out = EnumSet.noneOf(Severity.class);
        int before = errors.count();
        for (Located<String> item : reader.texts(node, path).orElse(List.of())) {
            reader.parse(item, ChannelReader::severity).ifPresent(out::add);
        }
        return errors.count() == before ? Optional.of(out) : Optional.empty();
    }

    private static Severity severity(String text) {
        for (Severity severity : SENDABLE) {
            if (severity.id().equals(text)) return severity;
        }
        List<String> ids = SENDABLE.stream().map(Severity::id).toList();
        throw new IllegalArgumentException("unknown severity '" + text + "'" + Suggestions.didYouMean(text, ids)
                + "; one of " + String.join(", ", ids));
    }
}
