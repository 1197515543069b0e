package dev.faultline.config;

import dev.faultline.check.Header;
import dev.faultline.check.MonitorSpec;
import dev.faultline.monitor.Monitor;
import dev.faultline.config.NodeReader.Located;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads the {@code monitors} list. Each value is parsed by the core's own parsers and the spec
 * checked by {@link MonitorSpec}'s constructor; this class only finds the values and places the
 * errors. Names are unique, and every channel a monitor names exists.
 */
final class MonitorReader {

    static final List<String> KEYS = List.of("name", "url", "method", "headers", "body", "interval", "timeout", "expect",
            "follow_redirects", "max_redirects", "insecure", "certificate_warning", "max_body", "cache_bust", "origin",
            "regions", "channels", "tags", "confirm");
    // Stands in for a missing or wrong URL so that the rest of the monitor is still checked.
    private static final URI PLACEHOLDER = URI.create("http://placeholder.invalid/");

    private final ConfigReader config;
    private final NodeReader reader;
    private final ConfigErrors errors;
    private final MonitorDefaults defaults;
    private final ConfirmSettings confirm;
    private final Map<String, Located<String>> channels;
    // Each edge's origin, checked once every name is known.
    private final List<OriginLink> origins = new ArrayList<>();

    private record OriginLink(Located<String> origin, String edge) {}

    MonitorReader(ConfigReader config, MonitorDefaults defaults, ConfirmSettings confirm,
                  Map<String, Located<String>> channels) {
        this.config = config;
        this.reader = config.reader();
        this.errors = reader.errors();
        this.defaults = defaults;
        this.confirm = confirm;
        this.channels = channels;
    }

    List<MonitorConfig> readAll(Node node, String path) {
        List<MonitorConfig> monitors = new ArrayList<>();
        Map<String, Located<String>> names = new HashMap<>();
        List<Node> items = reader.list(node, path).orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            read(items.get(i), Section.item(path, i), names).ifPresent(monitors::add);
        }
        checkOrigins(names);
        return monitors;
    }

    /** An edge's {@code origin} names another monitor of the file: the one behind the CDN. */
    private void checkOrigins(Map<String, Located<String>> byId) {
        for (OriginLink link : origins) {
            Located<String> origin = link.origin();
            Located<String> target = byId.get(Monitor.idFor(origin.value()));
            if (target == null || !target.value().equals(origin.value())) {
                errors.at(origin.node(), origin.path(), "no monitor named '" + origin.value() + "' in this file"
                        + Suggestions.didYouMean(origin.value(), byId.values().stream().map(Located::value).toList()));
            } else if (origin.value().equals(link.edge())) {
                errors.at(origin.node(), origin.path(), "a monitor cannot be its own origin");
            }
        }
    }

    /** One monitor on its own (an API payload), its fields' paths relative to it. */
    Optional<MonitorConfig> readOne(Node node) {
        return read(node, "", new HashMap<>());
    }

    private Optional<MonitorConfig> read(Node node, String path, Map<String, Located<String>> names) {
        int before = errors.count();
        Section s = reader.section(node, path, KEYS).orElse(null);
        if (s == null) return Optional.empty();
        Optional<Located<String>> name = reader.requiredText(s, "name");
        name.ifPresent(n -> uniqueId(n, names));
        URI url = reader.required(s, "url").flatMap(n -> reader.parse(n, s.pathOf("url"), MonitorSpec::parseUrl))
                .orElse(PLACEHOLDER);

        MonitorSpec.Builder spec = MonitorSpec.builder(url).name(name.map(Located::value).orElse("unnamed"));
        reader.into(s, "method", spec::method, reader::text);
        headers(s, spec);
        reader.into(s, "body", spec::body, reader::text);
        Slot<Duration> interval = new Slot<>(defaults.interval());
        Slot<Duration> timeout = new Slot<>(defaults.timeout());
        boolean timesRead = reader.into(s, "interval", interval::set, reader::duration)
                & reader.into(s, "timeout", timeout::set, reader::duration);
        spec.interval(interval.get()).timeout(timeout.get());
        Optional<Section> expect = s.value("expect").flatMap(n -> new ExpectReader(reader).read(n, s.pathOf("expect"), spec));
        reader.into(s, "follow_redirects", spec::followRedirects, reader::bool);
        reader.into(s, "max_redirects", spec::maxRedirects, reader::integer);
        reader.into(s, "insecure", spec::insecure, reader::bool);
        reader.into(s, "certificate_warning", spec::certificateWarning, reader::duration);
        reader.into(s, "max_body", spec::maxBodyBytes, (n, p) -> reader.parse(n, p, ByteSizes::parse));
        reader.into(s, "cache_bust", spec::cacheBust, reader::bool);
        Optional<Located<String>> origin = s.value("origin")
                .flatMap(n -> reader.text(n, s.pathOf("origin")).map(v -> new Located<>(v, n, s.pathOf("origin"))));

        FieldByField checks = new FieldByField(errors, node, path)
                .field("name", at(s, "name"), s.pathOf("name"), () -> spec.name("unnamed"))
                .field("method", at(s, "method"), s.pathOf("method"), () -> spec.method("GET"))
                .field("interval", at(s, "interval"), s.pathOf("interval"), () -> spec.interval(MonitorSpec.DEFAULT_INTERVAL))
                .field("timeout", at(s, "timeout"), s.pathOf("timeout"), () -> spec.timeout(MonitorSpec.DEFAULT_TIMEOUT))
                .field("max_response_time", expect.map(e -> at(e, "max_response_time")).orElse(null),
                        s.pathOf("expect") + ".max_response_time", () -> spec.maxResponseTime(null))
                .field("max_redirects", at(s, "max_redirects"), s.pathOf("max_redirects"),
                        () -> spec.maxRedirects(MonitorSpec.DEFAULT_MAX_REDIRECTS))
                .field("certificate_warning", at(s, "certificate_warning"), s.pathOf("certificate_warning"),
                        () -> spec.certificateWarning(MonitorSpec.DEFAULT_CERTIFICATE_WARNING))
                .field("max_body_bytes", at(s, "max_body"), s.pathOf("max_body"),
                        () -> spec.maxBodyBytes(MonitorSpec.DEFAULT_MAX_BODY_BYTES));
        Optional<MonitorSpec> built = checks.build(spec::build);
        if (timesRead && !checks.rejected("interval") && !checks.rejected("timeout")) {
            config.timeoutWithinInterval(interval.get(), timeout.get(), s, " (the default)");
        }

        List<String> regions = s.value("regions")
                .flatMap(n -> names(n, s.pathOf("regions"), "region", AgentConfig::requireRegionName))
                .orElse(List.of(AgentConfig.LOCAL_REGION));
        List<String> alerts = s.value("channels")
                .flatMap(n -> names(n, s.pathOf("channels"), "channel", this::declaredChannel)).orElse(List.of());
        List<String> tags = s.value("tags").flatMap(n -> names(n, s.pathOf("tags"), "tag", MonitorReader::tag))
                .orElse(List.of());
        Optional<ConfirmSettings> own = s.value("confirm").map(n -> config.confirm(n, s.pathOf("confirm"), confirm));

        // Built even when the spec is wrong, so that the record's own checks report too.
        Optional<MonitorConfig> monitor = new FieldByField(errors, node, path)
                .field("regions", at(s, "regions"), s.pathOf("regions"), () -> {})
                .build(() -> new MonitorConfig(built.orElseGet(() -> MonitorSpec.builder(PLACEHOLDER).build()),
                        regions, alerts, tags, own, origin.map(Located::value)));
        origin.ifPresent(o -> origins.add(new OriginLink(o, name.map(Located::value).orElse(""))));
        return errors.count() > before ? Optional.empty() : monitor;
    }

    /** Names must differ in their ids too (the API and metrics key on them): "API" and "api" would share one. */
    private void uniqueId(Located<String> name, Map<String, Located<String>> byId) {
        String id = Monitor.idFor(name.value());
        Located<String> first = byId.putIfAbsent(id, name);
        if (first == null) return;
        String clash = first.value().equals(name.value()) ? "" : " (both give the id '" + id + "')";
        errors.at(name.node(), name.path(), "duplicate monitor name '" + name.value() + "'" + clash + ": already used by "
                + first.path() + " (line " + (first.node().getStartMark().getLine() + 1) + ")");
    }

    private static Node at(Section s, String key) {
        return s.value(key).orElse(null);
    }

    /** Request headers: a map of name to value, the name checked on its own so that each error sits where it belongs. */
    private void headers(Section s, MonitorSpec.Builder spec) {
        Optional<Section> map = s.value("headers").flatMap(n -> reader.section(n, s.pathOf("headers"), null));
        if (map.isEmpty()) return;
        for (Map.Entry<String, NodeTuple> entry : map.get().entries().entrySet()) {
            String name = entry.getKey();
            String path = map.get().pathOf(name);
            Node value = entry.getValue().getValueNode();
            if (reader.parse(new Located<>(name, entry.getValue().getKeyNode(), path), n -> new Header(n, "")).isEmpty()) {
                continue;
            }
            if (NodeReader.isNull(value)) {
                errors.at(value, path, "needs a value (\"\" for an empty header)");
                continue;
            }
            reader.parse(value, path, v -> new Header(name, v)).ifPresent(spec::header);
        }
    }

    /** A list of distinct names, each checked by {@code check}; empty when it is not a list. */
    private Optional<List<String>> names(Node node, String path, String what, Function<String, String> check) {
        Map<String, Located<String>> seen = new HashMap<>();
        return reader.texts(node, path).map(items -> items.stream()
                .flatMap(item -> reader.parse(item, check).filter(v -> reader.unique(item, seen, what)).stream())
                .toList());
    }

    private String declaredChannel(String name) {
        if (channels.containsKey(name)) return name;
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("unknown channel '" + name + "': no channels are defined (add it under channels)");
        }
        throw new IllegalArgumentException("unknown channel '" + name + "'" + Suggestions.didYouMean(name, channels.keySet())
                + "; defined channels: " + String.join(", ", channels.keySet()));
    }

    private static String tag(String tag) {
        if (tag.isBlank()) throw new IllegalArgumentException("a tag must not be empty");
        return tag;
    }
}
