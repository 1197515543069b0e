package dev.faultline.digest;

import dev.faultline.alert.DigestText;
import dev.faultline.check.Cause;
import dev.faultline.check.Durations;
import dev.faultline.monitor.Monitor;
import dev.faultline.store.AnomalyRecord;
import dev.faultline.store.BlipRecord;
import dev.faultline.store.IncidentRecord;
import dev.faultline.store.Store;
import dev.faultline.store.Uptime;
import dev.faultline.trend.Anomaly;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a digest says about a span (the 24 hours before it is due), read from the store: the
 * incidents open at some moment of it (with how long they lasted and whose fault they were),
 * the blips per monitor, the anomalies open at its end or opened during it (with their advice),
 * and the monitors with the worst availability over it.
 */
final class DigestReport {

    static final int WORST_UPTIME = 5;

    private final Store store;
    private final Supplier<Collection<Monitor>> monitors;
    private final DateTimeFormatter time;

    DigestReport(Store store, Supplier<Collection<Monitor>> monitors, ZoneId zone) {
        this.store = store;
        this.monitors = monitors;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(zone);
    }

    DigestText build(Instant from, Instant to) {
        List<IncidentRecord> incidents = store.incidents().activeDuring(from, to);
        List<BlipRecord> blips = store.blips().endedDuring(from, to);
        List<AnomalyRecord> anomalies = store.anomalies().openDuring(from, to).stream()
                .filter(a -> a.resolvedAt().isEmpty() || !a.openedAt().isBefore(from)).toList();
        long openAnomalies = anomalies.stream().filter(a -> a.resolvedAt().isEmpty()).count();
        String headline = "Faultline digest for the 24 h to " + time.format(to) + " " + time.getZone().getId() + ": "
                + count(incidents.size(), "incident") + ", " + count(blips.size(), "blip") + ", "
                + count(openAnomalies, "open anomaly", "open anomalies");
        return new DigestText(headline, List.of(
                new DigestText.Section("Incidents", orNone(incidents.stream().map(i -> incident(i, to)).toList())),
                new DigestText.Section("Blips", orNone(blips(blips))),
                new DigestText.Section("Anomalies", orNone(anomalies.stream().map(a -> anomaly(a, from)).toList())),
                new DigestText.Section("Worst uptime", worstUptime(to))));
    }

    private String incident(IncidentRecord i, Instant to) {
        String lasted = i.resolvedAt().isPresent()
                ? "down for " + duration(i.downFor().orElse(Duration.between(i.startedAt(), i.resolvedAt().get())))
                + ", resolved " + time.format(i.resolvedAt().get())
                : "still down after " + duration(Duration.between(i.startedAt(), to));
        return i.monitorName() + ": " + words(i.cause()) + " (" + i.fault().id() + " fault, " + i.severity().id() + "), opened "
                + time.format(i.openedAt()) + ", " + lasted;
    }

    private List<String> blips(List<BlipRecord> blips) {
        Map<String, List<BlipRecord>> byMonitor = new LinkedHashMap<>();
        blips.forEach(b -> byMonitor.computeIfAbsent(b.monitorId(), m -> new ArrayList<>()).add(b));
        Map<String, String> names = names();
        return byMonitor.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, List<BlipRecord>> e) -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .map(e -> {
                    Set<String> causes = new LinkedHashSet<>();
                    e.getValue().forEach(b -> b.blip().failuresByRegion().values().forEach(cs -> cs.forEach(c -> causes.add(words(c)))));
                    Duration longest = e.getValue().stream().map(b -> b.blip().failingFor()).max(Duration::compareTo).orElseThrow();
                    return names.getOrDefault(e.getKey(), e.getKey()) + ": " + count(e.getValue().size(), "blip") + " ("
                            + String.join(", ", causes) + "), the longest failing for " + duration(longest);
                }).toList();
    }

    private String anomaly(AnomalyRecord a, Instant from) {
        Anomaly f = a.finding();
        String state = a.resolvedAt().map(r -> "resolved " + time.format(r))
                .orElse(a.openedAt().isBefore(from) ? "open since " + time.format(a.openedAt()) : "new, " + time.format(a.openedAt()));
        String region = a.region().equals(AnomalyRecord.ALL_REGIONS) ? "" : " in " + a.region();
        return "[" + f.severity().id() + "] " + a.monitorName() + region + " (" + state + "): " + f.summary() + ". Next step: "
                + f.nextStep();
    }

    private List<String> worstUptime(Instant to) {
        record Row(Monitor monitor, Uptime.Availability day) {}
        List<Row> rows = monitors.get().stream()
                .map(m -> new Row(m, store.rollups().uptime(m.id(), to).last24h()))
                .filter(r -> r.day().checks() > 0)
                .sorted(Comparator.comparingDouble((Row r) -> (double) r.day().available() / r.day().checks())
                        .thenComparing(r -> r.monitor().name()))
                .toList();
        if (rows.isEmpty()) return List.of("no checks in the last 24 h");
        List<Row> worst = rows.stream().filter(r -> r.day().available() < r.day().checks()).limit(WORST_UPTIME).toList();
        if (worst.isEmpty()) return List.of("every monitor was up on every check (" + count(rows.size(), "monitor") + ")");
        return worst.stream().map(r -> r.monitor().name() + ": " + percent(r.day()) + " up (" + r.day().available() + " of "
                + r.day().checks() + " checks)").toList();
    }

    private Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        monitors.get().forEach(m -> names.put(m.id(), m.name()));
        return names;
    }

    private static String percent(Uptime.Availability a) {
        return String.format(Locale.ROOT, "%.2f%%", 100.0 * a.available() / a.checks());
    }

    private static String words(Cause cause) {
        return cause.id().replace('_', ' ');
    }

    private static String duration(Duration d) {
        return Durations.format(Duration.ofSeconds(d.toSeconds()));
    }

    private static String count(long n, String one) {
        return count(n, one, one + "s");
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static List<String> orNone(List<String> lines) {
        return lines.isEmpty() ? List.of("none") : lines;
    }
}
