package dev.faultline.config;

import dev.faultline.config.NodeReader.Located;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the {@code status_pages} list: each page's slug, title, groups of monitors (by name) and
 * {@code show_details}. A name of a monitor in the file is taken as the file spells the monitor;
 * any other is kept as written, since the monitor may be created through the API.
 */
final class StatusPageReader {

    static final List<String> KEYS = List.of("slug", "title", "groups", "show_details");
    static final List<String> GROUP_KEYS = List.of("name", "monitors");

    private static final StatusPageConfig.Group PLACEHOLDER = new StatusPageConfig.Group("placeholder", List.of());

    private final NodeReader reader;
    private final ConfigErrors errors;
    private final Map<String, String> monitorNames; // id → name, of every monitor the file declares

    StatusPageReader(NodeReader reader, Map<String, String> monitorNames) {
        this.reader = reader;
        this.errors = reader.errors();
        this.monitorNames = monitorNames;
    }

    List<StatusPageConfig> readAll(Node node, String path) {
        List<StatusPageConfig> pages = new ArrayList<>();
        Map<String, Located<String>> slugs = new HashMap<>();
        List<Node> items = reader.list(node, path).orElse(List.of());
        for (int i = 0; i < items.size(); i++) page(items.get(i), Section.item(path, i), slugs).ifPresent(pages::add);
        return pages;
    }

    private Optional<StatusPageConfig> page(Node node, String path, Map<String, Located<String>> slugs) {
        Section s = reader.section(node, path, KEYS).orElse(null);
        if (s == null) return Optional.empty();
        Optional<Located<String>> slug = reader.requiredText(s, "slug")
                .filter(v -> reader.parse(v, StatusPageConfig::requireSlug).isPresent())
                .filter(v -> reader.unique(v, slugs, "status page slug"));
        Optional<Located<String>> title = reader.requiredText(s, "title");
        boolean[] details = {false};
        boolean detailsOk = reader.into(s, "show_details", (Boolean b) -> details[0] = b, reader::bool);
        List<StatusPageConfig.Group> groups = new ArrayList<>();
        boolean groupsOk = reader.required(s, "groups").flatMap(n -> reader.list(n, s.pathOf("groups"))).map(items -> {
            boolean ok = true;
            for (int i = 0; i < items.size(); i++) {
                Optional<StatusPageConfig.Group> group = group(items.get(i), Section.item(s.pathOf("groups"), i));
                group.ifPresent(groups::add);
                ok &= group.isPresent();
            }
            return ok;
        }).orElse(false);
        if (slug.isEmpty() || title.isEmpty() || !detailsOk || !groupsOk) return Optional.empty();
        return new FieldByField(errors, node, path)
                .field("slug", slug.get().node(), slug.get().path(), () -> {})
                .field("title", title.get().node(), title.get().path(), () -> {})
                .field("groups", s.value("groups").orElse(null), s.pathOf("groups"), () -> groups.add(PLACEHOLDER))
                .build(() -> new StatusPageConfig(slug.get().value(), title.get().value(), groups, details[0]));
    }

    private Optional<StatusPageConfig.Group> group(Node node, String path) {
        Section s = reader.section(node, path, GROUP_KEYS).orElse(null);
        if (s == null) return Optional.empty();
        Optional<Located<String>> name = reader.requiredText(s, "name");
        Optional<List<Located<String>>> monitors = reader.required(s, "monitors").flatMap(n -> reader.texts(n, s.pathOf("monitors")));
        if (name.isEmpty() || monitors.isEmpty()) return Optional.empty();
        // A name no monitor of the file has is kept as written: it may be one created through the API
        // or the dashboard, resolved when the page is shown (StatusPageNames warns about it instead).
        List<String> names = new ArrayList<>();
        boolean named = true;
        for (Located<String> monitor : monitors.get()) {
            if (monitor.value().isBlank()) {
                errors.at(monitor.node(), monitor.path(), "must not be empty: name a monitor");
                named = false;
            } else {
                names.add(monitorNames.getOrDefault(dev.faultline.monitor.Monitor.idFor(monitor.value()), monitor.value()));
            }
        }
        if (!named) return Optional.empty();
        return new FieldByField(errors, node, path)
                .field("name", name.get().node(), name.get().path(), () -> {})
                .build(() -> new StatusPageConfig.Group(name.get().value(), names));
    }
}
