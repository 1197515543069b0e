package dev.faultline.config;

import dev.faultline.config.NodeReader.Located;
import dev.faultline.maintenance.MaintenanceWindow;
import dev.faultline.maintenance.WindowTimes;
import dev.faultline.monitor.Monitor;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the {@code maintenance} list: each window covers monitors (by name or id) or tags, once
 * ({@code start}, {@code end}) or every week ({@code weekly: {days, from, to, zone}}). A window
 * keeps the ids its names give ({@link Monitor#idFor}), so it covers whichever monitor has that
 * id when it is applied: one created through the API after the window, or deleted and created again.
 */
final class MaintenanceReader {

    /** What becomes of a name that matches none of the monitors the reader was given. */
    enum UnmatchedName {
        /**
         * Kept: the config file's windows, which may name monitors created through the API or the
         * dashboard, which the file cannot know ({@link MaintenanceNames} warns about them instead).
         */
        KEPT,
        /** An error naming the field: a window sent to the API or the dashboard, checked against every monitor the server runs. */
        REJECTED
    }

    static final List<String> KEYS = List.of("name", "monitors", "tags", "start", "end", "weekly");
    static final List<String> WEEKLY_KEYS = List.of("days", "from", "to", "zone");
    private static final Pattern TIME = Pattern.compile("\\d{1,2}:\\d{2}");
    private static final List<String> DAYS = Arrays.stream(DayOfWeek.values())
            .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT)).toList();

    private final NodeReader reader;
    private final ConfigErrors errors;
    private final Map<String, String> monitorNames; // id → name
    private final UnmatchedName unmatched;

    /** @param monitorNames the monitors known to the reader, id → name: the file's, or every one the server runs */
    MaintenanceReader(NodeReader reader, Map<String, String> monitorNames, UnmatchedName unmatched) {
        this.reader = reader;
        this.errors = reader.errors();
        this.monitorNames = monitorNames;
        this.unmatched = unmatched;
    }

    List<MaintenanceWindow> readAll(Node node, String path) {
        List<MaintenanceWindow> windows = new ArrayList<>();
        Map<String, Located<String>> names = new HashMap<>();
        List<Node> items = reader.list(node, path).orElse(List.of());
        for (int i = 0; i < items.size(); i++) window(items.get(i), Section.item(path, i), names).ifPresent(windows::add);
        return windows;
    }

    /** One window on its own (an API payload), its fields' paths relative to it. */
    Optional<MaintenanceWindow> readOne(Node node) {
        return window(node, "", new HashMap<>());
    }

    private Optional<MaintenanceWindow> window(Node node, String path, Map<String, Located<String>> names) {
        int before = errors.count();
        Section s = reader.section(node, path, KEYS).orElse(null);
        if (s == null) return Optional.empty();
        Optional<Located<String>> name = reader.requiredText(s, "name");
        name.ifPresent(n -> reader.unique(n, names, "maintenance window name"));
        Set<String> monitors = s.value("monitors").map(n -> values(n, s.pathOf("monitors"), this::monitorId)).orElse(Set.of());
        Set<String> tags = s.value("tags").map(n -> values(n, s.pathOf("tags"), MaintenanceReader::tag)).orElse(Set.of());
        if (!s.has("monitors") && !s.has("tags")) {
            errors.at(s.node(), path, "give monitors or tags: the monitors this window covers");
        }
        Optional<WindowTimes> times = times(s);
        if (errors.count() > before || name.isEmpty() || times.isEmpty()) return Optional.empty();
        return new FieldByField(errors, node, path)
                .build(() -> new MaintenanceWindow(name.get().value(), monitors, tags, times.get()));
    }

    private Optional<WindowTimes> times(Section s) {
        boolean once = s.has("start") || s.has("end");
        if (once && s.has("weekly")) {
            errors.at(s.value("weekly").get(), s.pathOf("weekly"),
                    "give either start and end (one window) or weekly (a recurring one), not both");
            return Optional.empty();
        }
        if (once) return once(s);
        if (s.has("weekly")) return weekly(s.value("weekly").get(), s.pathOf("weekly"));
        errors.at(s.node(), s.path(), "give start and end (one window) or weekly (a recurring one)");
        return Optional.empty();
    }

    private Optional<WindowTimes> once(Section s) {
        Optional<Located<Instant>> start = instant(s, "start");
        Optional<Located<Instant>> end = instant(s, "end");
        if (start.isEmpty() || end.isEmpty()) return Optional.empty();
        return new FieldByField(errors, s.node(), s.path())
                .field("end", end.get().node(), end.get().path(), () -> {})
                .build(() -> new WindowTimes.Once(start.get().value(), end.get().value()));
    }

    private Optional<WindowTimes> weekly(Node node, String path) {
        Section w = reader.section(node, path, WEEKLY_KEYS).orElse(null);
        if (w == null) return Optional.empty();
        int before = errors.count();
        Set<DayOfWeek> days = reader.required(w, "days").map(n -> days(n, w.pathOf("days"))).orElse(Set.of());
        Optional<LocalTime> from = reader.required(w, "from").flatMap(n -> reader.parse(n, w.pathOf("from"), MaintenanceReader::time));
        Optional<LocalTime> to = reader.required(w, "to").flatMap(n -> reader.parse(n, w.pathOf("to"), MaintenanceReader::time));
        ZoneId zone = w.value("zone").flatMap(n -> reader.parse(n, w.pathOf("zone"), MaintenanceReader::zone)).orElse(ZoneOffset.UTC);
        if (errors.count() > before || from.isEmpty() || to.isEmpty()) return Optional.empty();
        return new FieldByField(errors, node, path)
                .field("days", w.value("days").orElse(null), w.pathOf("days"), () -> {})
                .field("to", w.value("to").orElse(null), w.pathOf("to"), () -> {})
                .build(() -> new WindowTimes.Weekly(days, from.get(), to.get(), zone));
    }

    private Optional<Located<Instant>> instant(Section s, String key) {
        String path = s.pathOf(key);
        return reader.required(s, key).flatMap(n -> reader.parse(n, path, MaintenanceReader::instant)
                .map(value -> new Located<>(value, n, path)));
    }

    private <T> Set<T> values(Node node, String path, java.util.function.Function<String, T> parser) {
        Set<T> out = new LinkedHashSet<>();
        reader.texts(node, path).orElse(List.of()).forEach(item -> reader.parse(item, parser).ifPresent(out::add));
        return out;
    }

    private Set<DayOfWeek> days(Node node, String path) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (Located<String> item : reader.texts(node, path).orElse(List.of())) {
            reader.parse(item, MaintenanceReader::day).ifPresent(day -> {
                if (!days.add(day)) errors.at(item.node(), item.path(), "duplicate day '" + item.value() + "'");
            });
        }
        return days;
    }

    /** A monitor by its name or its id, among those given (the file's, or every monitor for an API payload). */
    private String monitorId(String reference) {
        if (reference.isBlank()) throw new IllegalArgumentException("must not be empty: name a monitor");
        String id = Monitor.idFor(reference);
        if (monitorNames.containsKey(id) || unmatched == UnmatchedName.KEPT) return id;
        if (monitorNames.isEmpty()) throw new IllegalArgumentException("unknown monitor '" + reference + "': there are no monitors");
        throw new IllegalArgumentException("unknown monitor '" + reference + "'" + Suggestions.didYouMean(reference, monitorNames.values())
                + "; monitors: " + String.join(", ", monitorNames.values()));
    }

    private static String tag(String tag) {
        if (tag.isBlank()) throw new IllegalArgumentException("a tag must not be empty");
        return tag;
    }

    static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid instant '" + text + "': expected ISO-8601 with an offset, e.g. 2026-12-01T02:00:00Z");
        }
    }

    static LocalTime time(String text) {
        String t = text.strip();
        try {
            if (!TIME.matcher(t).matches()) throw new DateTimeException("not HH:MM");
            String[] parts = t.split(":");
            return LocalTime.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("invalid time '" + text + "': expected HH:MM from 00:00 to 23:59, e.g. 02:00");
        }
    }

    static ZoneId zone(String text) {
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + text + "': e.g. UTC, Europe/Berlin, America/New_York");
        }
    }

    static DayOfWeek day(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (t.equals(DAYS.get(day.ordinal())) || t.equals(day.name().toLowerCase(Locale.ROOT))) return day;
        }
        throw new IllegalArgumentException("unknown day '" + text + "'" + Suggestions.didYouMean(t, DAYS) + "; one of "
                + String.join(", ", DAYS));
    }
}
