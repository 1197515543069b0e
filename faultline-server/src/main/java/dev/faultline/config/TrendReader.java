package dev.faultline.config;

import dev.faultline.check.Severity;
import dev.faultline.trend.Anomaly;
import dev.faultline.trend.AuthSpike;
import dev.faultline.trend.FrequentServerErrors;
import dev.faultline.trend.RateLimiting;
import dev.faultline.trend.RisingNotFound;
import dev.faultline.trend.TrendThresholds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the {@code trends} section: {@code clear_after}, and one block per kind of anomaly
 * ({@code rising_404}, {@code auth_spike}, {@code rate_limited}, {@code instability}) with the
 * detector's thresholds under the names its record validates, plus {@code severity} and
 * {@code enabled}. What a block leaves out keeps its default from {@link TrendThresholds#DEFAULTS}.
 */
final class TrendReader {

    static final String SEVERITY = "severity";
    static final String ENABLED = "enabled";

    private final NodeReader reader;
    private final ConfigErrors errors;

    TrendReader(NodeReader reader) {
        this.reader = reader;
        this.errors = reader.errors();
    }

    TrendSettings read(Node node, String path) {
        List<String> keys = new ArrayList<>(List.of("clear_after"));
        for (Anomaly.Kind kind : Anomaly.Kind.values()) keys.add(kind.id());
        Section s = reader.section(node, path, keys).orElse(null);
        if (s == null) return TrendSettings.DEFAULT;
        Map<Anomaly.Kind, Severity> severities = new EnumMap<>(Anomaly.Kind.class);
        Set<Anomaly.Kind> disabled = EnumSet.noneOf(Anomaly.Kind.class);
        TrendThresholds d = TrendThresholds.DEFAULTS;
        RisingNotFound notFound = detector(s, Anomaly.Kind.RISING_NOT_FOUND, Map.of("recent", d.notFound().recent(),
                "baseline", d.notFound().baseline(), "min_samples", d.notFound().minSamples(),
                "min_baseline_samples", d.notFound().minBaselineSamples(), "min_share", d.notFound().minShare(),
                "factor", d.notFound().factor()), f -> new RisingNotFound(f.duration("recent"), f.duration("baseline"),
                f.count("min_samples"), f.count("min_baseline_samples"), f.number("min_share"), f.number("factor")),
                severities, disabled).orElse(d.notFound());
        AuthSpike authSpike = detector(s, Anomaly.Kind.AUTH_SPIKE, Map.of("recent", d.authSpike().recent(),
                "baseline", d.authSpike().baseline(), "min_samples", d.authSpike().minSamples(),
                "min_baseline_samples", d.authSpike().minBaselineSamples(), "min_share", d.authSpike().minShare(),
                "min_z", d.authSpike().minZ()), f -> new AuthSpike(f.duration("recent"), f.duration("baseline"),
                f.count("min_samples"), f.count("min_baseline_samples"), f.number("min_share"), f.number("min_z")),
                severities, disabled).orElse(d.authSpike());
        RateLimiting rateLimited = detector(s, Anomaly.Kind.RATE_LIMITED, Map.of("recent", d.rateLimited().recent(),
                "baseline", d.rateLimited().baseline(), "min_samples", d.rateLimited().minSamples(),
                "min_share", d.rateLimited().minShare(), "min_span", d.rateLimited().minSpan()),
                f -> new RateLimiting(f.duration("recent"), f.duration("baseline"), f.count("min_samples"),
                        f.number("min_share"), f.duration("min_span")),
                severities, disabled).orElse(d.rateLimited());
        FrequentServerErrors serverErrors = detector(s, Anomaly.Kind.FREQUENT_SERVER_ERRORS, Map.of(
                "recent", d.serverErrors().recent(), "baseline", d.serverErrors().baseline(),
                "min_samples", d.serverErrors().minSamples(), "min_share", d.serverErrors().minShare(),
                "min_episodes", (long) d.serverErrors().minEpisodes()),
                f -> new FrequentServerErrors(f.duration("recent"), f.duration("baseline"), f.count("min_samples"),
                        f.number("min_share"), (int) f.count("min_episodes")),
                severities, disabled).orElse(d.serverErrors());
        Slot<Duration> clearAfter = new Slot<>(TrendSettings.DEFAULT_CLEAR_AFTER);
        reader.into(s, "clear_after", clearAfter::set, reader::duration);
        return new FieldByField(errors, node, path)
                .field("clear_after", s.value("clear_after").orElse(null), s.pathOf("clear_after"),
                        () -> clearAfter.set(TrendSettings.DEFAULT_CLEAR_AFTER))
                .build(() -> new TrendSettings(new TrendThresholds(notFound, authSpike, rateLimited, serverErrors), severities,
                        disabled, clearAfter.get()))
                .orElse(TrendSettings.DEFAULT);
    }

    /** The values of one detector block, each of its default's type. */
    private static final class Fields {
        private final Map<String, Object> values;

        Fields(Map<String, Object> values) {
            this.values = values;
        }

        Duration duration(String key) {
            return (Duration) values.get(key);
        }

        long count(String key) {
            return (Long) values.get(key);
        }

        double number(String key) {
            return (Double) values.get(key);
        }
    }

    private <D> Optional<D> detector(Section parent, Anomaly.Kind kind, Map<String, Object> defaults, Function<Fields, D> build,
                                     Map<Anomaly.Kind, Severity> severities, Set<Anomaly.Kind> disabled) {
        Optional<Node> node = parent.value(kind.id());
        if (node.isEmpty()) return Optional.empty();
        String path = parent.pathOf(kind.id());
        List<String> keys = new ArrayList<>(defaults.keySet().stream().sorted().toList());
        keys.add(SEVERITY);
        keys.add(ENABLED);
        Section s = reader.section(node.get(), path, keys).orElse(null);
        if (s == null) return Optional.empty();
        s.value(SEVERITY).flatMap(n -> reader.parse(n, s.pathOf(SEVERITY), TrendReader::severity))
                .ifPresent(severity -> severities.put(kind, severity));
        reader.into(s, ENABLED, (Boolean on) -> {
            if (!on) disabled.add(kind);
        }, reader::bool);
        Map<String, Object> values = new LinkedHashMap<>(defaults);
        FieldByField fields = new FieldByField(errors, node.get(), path);
        for (Map.Entry<String, Object> entry : defaults.entrySet()) {
            String key = entry.getKey();
            Object fallback = entry.getValue();
            reader.into(s, key, value -> values.put(key, value), (n, p) -> value(n, p, fallback));
            fields.field(key, s.value(key).orElse(null), s.pathOf(key), () -> values.put(key, fallback));
        }
        return fields.build(() -> build.apply(new Fields(values)));
    }

    private Optional<Object> value(Node node, String path, Object fallback) {
        return switch (fallback) {
            case Duration ignored -> reader.duration(node, path).map(v -> v);
            case Long ignored -> reader.integer(node, path).map(Integer::longValue);
            case Double ignored -> reader.parse(node, path, TrendReader::number);
            default -> throw new IllegalStateException("no reader for " + fallback.getClass());
        };
    }

    private static Object number(String text) {
        try {
            double value = Double.parseDouble(text.strip());
            if (!Double.isFinite(value)) throw new NumberFormatException();
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number such as 0.05, got '" + text + "'");
        }
    }

    private static Severity severity(String text) {
        return switch (text.strip()) {
            case "info" -> Severity.INFO;
            case "warning" -> Severity.WARNING;
            default -> throw new IllegalArgumentException("expected info or warning (an anomaly never pages), got '" + text + "'");
        };
    }
}
