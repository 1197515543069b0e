package dev.faultline.config;

import dev.faultline.alert.ReminderPolicy;
import dev.faultline.check.Durations;
import dev.faultline.check.MonitorSpec;
import dev.faultline.config.NodeReader.Located;
import dev.faultline.maintenance.MaintenanceWindow;
import dev.faultline.monitor.Monitor;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads the top level of {@code faultline.yaml}, and the small sections: server, defaults, confirm, agents (maintenance has its reader). */
final class ConfigReader {

    static final List<String> TOP_KEYS = List.of("server", "defaults", "confirm", "channels", "monitors", "agents", "maintenance",
            "alerts", "trends", "digest", "status_pages");
    static final List<String> CONFIRM_KEYS = List.of("quorum", "window", "period", "recovery");
    private static final URI PLACEHOLDER = URI.create("http://placeholder.invalid/");

    private final NodeReader reader;
    private final ConfigErrors errors;

    ConfigReader(NodeReader reader) {
        this.reader = reader;
        this.errors = reader.errors();
    }

    /** The configuration, or empty when anything in it was wrong (every error is then in the reader's errors). */
    Optional<FaultlineConfig> read(Node root) {
        if (root == null) { // an empty file: every default, no monitors
            return Optional.of(new FaultlineConfig(ServerSettings.DEFAULT, MonitorDefaults.DEFAULT, ConfirmSettings.DEFAULT,
                    List.of(), List.of(), List.of(), List.of()));
        }
        Optional<Section> top = reader.section(root, "", TOP_KEYS);
        if (top.isEmpty()) return Optional.empty();
        Section s = top.get();
        ServerSettings server = s.value("server").map(this::server).orElse(ServerSettings.DEFAULT);
        MonitorDefaults defaults = s.value("defaults").map(this::defaults).orElse(MonitorDefaults.DEFAULT);
        ConfirmSettings confirm = s.value("confirm").map(n -> confirm(n, "confirm", ConfirmSettings.DEFAULT))
                .orElse(ConfirmSettings.DEFAULT);
        ChannelReader.Channels channels = s.value("channels").map(n -> new ChannelReader(reader).read(n, "channels"))
                .orElse(ChannelReader.Channels.NONE);
        List<MonitorConfig> monitors = s.value("monitors")
                .map(n -> new MonitorReader(this, defaults, confirm, channels.names()).readAll(n, "monitors"))
                .orElse(List.of());
        List<AgentConfig> agents = s.value("agents").map(n -> agents(n, "agents", server.region())).orElse(List.of());
        List<MaintenanceWindow> maintenance = s.value("maintenance")
                .map(n -> new MaintenanceReader(reader, declaredMonitors(s), MaintenanceReader.UnmatchedName.KEPT)
                        .readAll(n, "maintenance")).orElse(List.of());
        List<StatusPageConfig> statusPages = s.value("status_pages")
                .map(n -> new StatusPageReader(reader, declaredMonitors(s)).readAll(n, "status_pages")).orElse(List.of());
        ReminderPolicy alerts = s.value("alerts").map(n -> new AlertsReader(reader, channels.names()).read(n, "alerts"))
                .orElse(ReminderPolicy.OFF);
        TrendSettings trends = s.value("trends").map(n -> new TrendReader(reader).read(n, "trends")).orElse(TrendSettings.DEFAULT);
        Optional<DigestSettings> digest = s.value("digest")
                .flatMap(n -> new DigestReader(reader).read(n, "digest", channels.configs(), channels.names()));
        if (!errors.isEmpty()) return Optional.empty();
        return Optional.of(new FaultlineConfig(server, defaults, confirm, channels.configs(), monitors, agents, maintenance,
                alerts, trends, digest, statusPages));
    }

    /**
     * One monitor in the configuration's terms, checked exactly as a monitor in the file is,
     * with the file's defaults, confirmation settings and channels.
     */
    Optional<MonitorConfig> monitor(Node node, FaultlineConfig base) {
        Map<String, NodeReader.Located<String>> channels = new java.util.LinkedHashMap<>();
        base.channels().forEach(c -> channels.put(c.name(), new NodeReader.Located<>(c.name(), null, "channels")));
        Optional<MonitorConfig> monitor = new MonitorReader(this, base.defaults(), base.confirm(), channels).readOne(node);
        return errors.isEmpty() ? monitor : Optional.empty();
    }

    /**
     * Every monitor name the file gives, id → name, valid monitors or not: a window naming a
     * monitor whose other fields are wrong is not reported as well.
     */
    private static Map<String, String> declaredMonitors(Section top) {
        Map<String, String> names = new LinkedHashMap<>();
        if (!(top.value("monitors").orElse(null) instanceof SequenceNode list)) return names;
        for (Node item : list.getValue()) {
            if (!(item instanceof MappingNode mapping)) continue;
            mapping.getValue().stream()
                    .filter(t -> t.getKeyNode() instanceof ScalarNode key && key.getValue().equals("name"))
                    .map(NodeTuple::getValueNode)
                    .filter(v -> v instanceof ScalarNode && !NodeReader.isNull(v))
                    .findFirst()
                    .ifPresent(v -> {
                        String name = ((ScalarNode) v).getValue();
                        names.putIfAbsent(Monitor.idFor(name), name);
                    });
        }
        return names;
    }

    NodeReader reader() {
        return reader;
    }

    private ServerSettings server(Node node) {
        ServerSettings d = ServerSettings.DEFAULT;
        List<String> keys = new ArrayList<>(List.of("port", "host", "data_dir", "database_url", "retention", "region", "canaries"));
        keys.addAll(AccessReader.KEYS);
        Section s = reader.section(node, "server", keys).orElse(null);
        if (s == null) return d;
        Slot<Integer> port = new Slot<>(d.port());
        Slot<String> host = new Slot<>(d.host());
        Slot<Path> dataDir = new Slot<>(d.dataDir());
        Slot<Optional<String>> databaseUrl = new Slot<>(Optional.empty());
        Slot<Duration> results = new Slot<>(d.resultRetention());
        Slot<Duration> rollups = new Slot<>(d.rollupRetention());
        Slot<String> region = new Slot<>(d.region());
        List<URI> canaries = new ArrayList<>();
        reader.into(s, "port", port::set, reader::integer);
        reader.into(s, "region", region::set, reader::text);
        s.value("canaries").flatMap(n -> reader.texts(n, s.pathOf("canaries"))).ifPresent(items -> items.forEach(item ->
                reader.parse(item, ConfigReader::canary).ifPresent(canaries::add)));
        reader.into(s, "host", host::set, reader::text);
        reader.into(s, "data_dir", dataDir::set, (n, p) -> reader.parse(n, p, Path::of));
        s.value("database_url").flatMap(n -> reader.text(n, s.pathOf("database_url")))
                .map(String::strip).filter(url -> !url.isEmpty()) // ${DATABASE_URL:-} leaves it unset
                .ifPresent(url -> databaseUrl.set(Optional.of(url)));
        Optional<Section> retention = s.value("retention")
                .flatMap(n -> reader.section(n, s.pathOf("retention"), List.of("results", "rollups")));
        retention.ifPresent(r -> {
            reader.into(r, "results", results::set, reader::duration);
            reader.into(r, "rollups", rollups::set, reader::duration);
        });
        AccessSettings access = new AccessReader(reader).read(s);
        return new FieldByField(errors, node, "server")
                .field("port", s.value("port").orElse(null), s.pathOf("port"), () -> port.set(d.port()))
                .field("host", s.value("host").orElse(null), s.pathOf("host"), () -> host.set(d.host()))
                .field("database_url", s.value("database_url").orElse(null), s.pathOf("database_url"),
                        () -> databaseUrl.set(Optional.empty()))
                .field("retention.results", retention.flatMap(r -> r.value("results")).orElse(null),
                        s.pathOf("retention") + ".results", () -> results.set(d.resultRetention()))
                .field("retention.rollups", retention.flatMap(r -> r.value("rollups")).orElse(null),
                        s.pathOf("retention") + ".rollups", () -> rollups.set(d.rollupRetention()))
                .field("region", s.value("region").orElse(null), s.pathOf("region"), () -> region.set(d.region()))
                .build(() -> new ServerSettings(port.get(), host.get(), dataDir.get(), databaseUrl.get(), results.get(),
                        rollups.get(), access, region.get(), canaries))
                .orElse(d);
    }

    /** A canary is checked like a monitor's URL: absolute http(s). */
    private static URI canary(String url) {
        return MonitorSpec.parseUrl(url);
    }

    private MonitorDefaults defaults(Node node) {
        Section s = reader.section(node, "defaults", List.of("interval", "timeout")).orElse(null);
        if (s == null) return MonitorDefaults.DEFAULT;
        Slot<Duration> interval = new Slot<>(MonitorDefaults.DEFAULT.interval());
        Slot<Duration> timeout = new Slot<>(MonitorDefaults.DEFAULT.timeout());
        boolean parsed = reader.into(s, "interval", interval::set, reader::duration) & reader.into(s, "timeout", timeout::set, reader::duration);
        // The same checks as a monitor's own interval and timeout: MonitorSpec's.
        FieldByField checks = new FieldByField(errors, node, "defaults")
                .field("interval", s.value("interval").orElse(null), s.pathOf("interval"), () -> interval.set(MonitorSpec.DEFAULT_INTERVAL))
                .field("timeout", s.value("timeout").orElse(null), s.pathOf("timeout"), () -> timeout.set(MonitorSpec.DEFAULT_TIMEOUT));
        checks.build(() -> MonitorSpec.builder(PLACEHOLDER).interval(interval.get()).timeout(timeout.get()).build());
        if (parsed && !checks.rejected("interval") && !checks.rejected("timeout")) {
            timeoutWithinInterval(interval.get(), timeout.get(), s, "");
        }
        return new MonitorDefaults(interval.get(), timeout.get());
    }

    /**
     * Reports a timeout longer than the interval, at the timeout when the section sets it and at
     * the interval otherwise (the timeout then comes from {@code inheritedFrom}).
     */
    void timeoutWithinInterval(Duration interval, Duration timeout, Section s, String inheritedFrom) {
        if (timeout.compareTo(interval) <= 0) return;
        String i = Durations.format(interval);
        String t = Durations.format(timeout);
        if (s.has("timeout")) {
            errors.at(s.value("timeout").get(), s.pathOf("timeout"), "timeout " + t + " is longer than the interval " + i
                    + ": a check must end before the next one is due");
        } else if (s.has("interval")) {
            errors.at(s.value("interval").get(), s.pathOf("interval"), "interval " + i + " is shorter than the timeout " + t
                    + inheritedFrom + ": set a timeout of at most " + i);
        }
    }

    /** A confirm section; keys it leaves out come from {@code base}. */
    ConfirmSettings confirm(Node node, String path, ConfirmSettings base) {
        Section s = reader.section(node, path, CONFIRM_KEYS).orElse(null);
        if (s == null) return base;
        Slot<Integer> quorum = new Slot<>(base.quorum());
        Slot<Duration> window = new Slot<>(base.window());
        Slot<Duration> period = new Slot<>(base.period());
        Slot<Integer> recovery = new Slot<>(base.recovery());
        reader.into(s, "quorum", quorum::set, reader::integer);
        reader.into(s, "window", window::set, reader::duration);
        reader.into(s, "period", period::set, reader::duration);
        reader.into(s, "recovery", recovery::set, reader::integer);
        ConfirmSettings d = ConfirmSettings.DEFAULT;
        return new FieldByField(errors, node, path)
                .field("quorum", s.value("quorum").orElse(null), s.pathOf("quorum"), () -> quorum.set(d.quorum()))
                .field("window", s.value("window").orElse(null), s.pathOf("window"), () -> window.set(d.window()))
                .field("period", s.value("period").orElse(null), s.pathOf("period"), () -> period.set(d.period()))
                .field("recovery", s.value("recovery").orElse(null), s.pathOf("recovery"), () -> recovery.set(d.recovery()))
                .build(() -> new ConfirmSettings(quorum.get(), window.get(), period.get(), recovery.get()))
                .orElse(base);
    }

    private List<AgentConfig> agents(Node node, String path, String serverRegion) {
        List<AgentConfig> agents = new ArrayList<>();
        Map<String, Located<String>> regions = new HashMap<>();
        List<Node> items = reader.list(node, path).orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            String itemPath = Section.item(path, i);
            Section s = reader.section(items.get(i), itemPath, List.of("region", "token")).orElse(null);
            if (s == null) continue;
            Optional<Located<String>> region = reader.requiredText(s, "region").filter(r -> agentRegion(r, regions, serverRegion));
            Optional<Located<String>> token = reader.requiredText(s, "token");
            if (token.isEmpty()) continue;
            // A stand-in region lets the token be checked too when the region is wrong.
            Optional<AgentConfig> agent = new FieldByField(errors, s.node(), itemPath)
                    .field("token", token.get().node(), token.get().path(), () -> {})
                    .build(() -> new AgentConfig(region.map(Located::value).orElse("placeholder"), token.get().value()));
            if (region.isPresent()) agent.ifPresent(agents::add);
        }
        return agents;
    }

    private boolean agentRegion(Located<String> region, Map<String, Located<String>> seen, String serverRegion) {
        try {
            AgentConfig.requireRegionName(region.value());
        } catch (IllegalArgumentException e) {
            errors.at(region.node(), region.path(), e.getMessage());
            return false;
        }
        if (region.value().equals(AgentConfig.LOCAL_REGION) || region.value().equals(serverRegion)) {
            errors.at(region.node(), region.path(), "'" + region.value()
                    + "' is the server's own region: give the agent's region another name");
            return false;
        }
        return reader.unique(region, seen, "agent region");
    }
}
