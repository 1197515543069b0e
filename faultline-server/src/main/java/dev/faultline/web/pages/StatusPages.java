package dev.faultline.web.pages;

import dev.faultline.check.Advice;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.StatusPageConfig;
import dev.faultline.maintenance.MaintenanceCalendar;
import dev.faultline.monitor.LatestResults;
import dev.faultline.monitor.MaintenanceRegistry;
import dev.faultline.monitor.Monitor;
import dev.faultline.monitor.MonitorRegistry;
import dev.faultline.store.FleetRollups;
import dev.faultline.store.IncidentRecord;
import dev.faultline.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Public status pages: the listed monitors' state in plain words, 90 days of daily history and
 * recent incidents. Nothing else leaves: no URLs, causes or other monitors' names unless the page
 * sets {@code show_details}. A group's names are looked up among all the monitors the server runs
 * at each view, those of the file and those created through the API or the dashboard; a name that
 * matches none is shown as not monitored, without history.
 */
public final class StatusPages {

    static final int DAYS = 90;
    private static final Duration INCIDENT_HISTORY = Duration.ofDays(14);

    public record Day(String level, String title) {
    }

    public record Item(String name, String state, String stateClass, String uptime, List<Day> days, String url, String detail) {
    }

    public record Group(String name, List<Item> monitors) {
    }

    public record Incident(String monitor, boolean open, String started, String duration, String detail) {
    }

    public record Model(String title, String overall, String overallClass, List<Group> groups, List<Incident> ongoing,
                        List<Incident> past, boolean showDetails, String asOf) {
    }

    private final Supplier<FaultlineConfig> config;
    private final MonitorRegistry registry;
    private final LatestResults latest;
    private final MaintenanceRegistry maintenance;
    private final Store store;
    private final Clock clock;

    StatusPages(Supplier<FaultlineConfig> config, MonitorRegistry registry, LatestResults latest, MaintenanceRegistry maintenance,
                Store store, Clock clock) {
        this.config = config;
        this.registry = registry;
        this.latest = latest;
        this.maintenance = maintenance;
        this.store = store;
        this.clock = clock;
    }

    Optional<Model> build(String slug) {
        return config.get().statusPages().stream().filter(p -> p.slug().equals(slug)).findFirst().map(this::build);
    }

    private Model build(StatusPageConfig page) {
        Instant now = clock.instant();
        MaintenanceCalendar calendar = maintenance.calendar();
        // Names resolve against every monitor the server runs now (the file's and the API's), at each view.
        Map<String, Monitor> listed = new HashMap<>();
        page.groups().forEach(g -> g.monitors().forEach(name -> registry.find(Monitor.idFor(name)).ifPresent(m -> listed.put(m.id(), m))));
        Set<String> ids = new LinkedHashSet<>(listed.keySet());
        Map<String, IncidentRecord> open = new HashMap<>();
        List<IncidentRecord> incidents = store.incidents().recentFor(ids, now.minus(INCIDENT_HISTORY), 50);
        incidents.stream().filter(i -> i.state() == IncidentRecord.State.OPEN).forEach(i -> open.putIfAbsent(i.monitorId(), i));
        Map<String, List<FleetRollups.Availability>> daily = store.fleet().daily(ids, DAYS, now);
        LocalDate firstDay = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(DAYS - 1);

        int outages = 0;
        int degraded = 0;
        List<Group> groups = new ArrayList<>();
        for (StatusPageConfig.Group group : page.groups()) {
            List<Item> items = new ArrayList<>();
            for (String name : group.monitors()) {
                String id = Monitor.idFor(name);
                Optional<Monitor> monitor = Optional.ofNullable(listed.get(id));
                if (monitor.isEmpty()) {
                    // Matches no monitor (yet, or any more): neither up nor down, and it has no history here.
                    items.add(new Item(name, "Not monitored", "pending", "—", List.of(), "", ""));
                    continue;
                }
                String state;
                String css;
                if (latest.latest(id).isEmpty()) {
                    state = "No data";
                    css = "pending";
                } else if (calendar.inMaintenance(id, monitor.get().tags(), now)) {
                    state = "Under maintenance";
                    css = "maintenance";
                } else if (open.containsKey(id)) {
                    state = "Outage";
                    css = "down";
                    outages++;
                } else if (latest.latest(id).get().verdict().outcome() == dev.faultline.check.Outcome.DEGRADED) {
                    state = "Degraded performance";
                    css = "degraded";
                    degraded++;
                } else {
                    state = "Operational";
                    css = "up";
                }
                List<FleetRollups.Availability> days = daily.getOrDefault(id, List.of());
                List<Day> bars = new ArrayList<>();
                long checks = 0;
                long available = 0;
                for (int d = 0; d < days.size(); d++) {
                    FleetRollups.Availability a = days.get(d);
                    checks += a.checks();
                    available += a.available();
                    bars.add(day(firstDay.plusDays(d), a));
                }
                String detail = page.showDetails() && open.containsKey(id) ? Advice.of(open.get(id).cause()).headline() : "";
                items.add(new Item(monitor.get().name(), state, css,
                        checks == 0 ? "—" : Text.percent(100.0 * available / checks) + " uptime",
                        bars, page.showDetails() ? monitor.get().spec().url().toString() : "", detail));
            }
            groups.add(new Group(group.name(), items));
        }
        List<Incident> ongoing = new ArrayList<>();
        List<Incident> past = new ArrayList<>();
        for (IncidentRecord i : incidents) {
            boolean isOpen = i.state() == IncidentRecord.State.OPEN;
            Duration lasted = Duration.between(i.startedAt(), i.recoveredAt().or(i::resolvedAt).orElse(now));
            Incident view = new Incident(Optional.ofNullable(listed.get(i.monitorId())).map(Monitor::name).orElse(i.monitorName()), isOpen,
                    Text.stamp(i.startedAt()),
                    (isOpen ? "ongoing for " : "lasted ") + Text.span(lasted),
                    page.showDetails() ? Advice.of(i.cause()).headline() : "");
            (isOpen ? ongoing : past).add(view);
        }
        String overall = outages > 0 ? (outages == 1 ? "1 service has an outage" : outages + " services have an outage")
                : degraded > 0 ? "Some services are degraded" : "All systems operational";
        String overallClass = outages > 0 ? "bad" : degraded > 0 ? "warn" : "good";
        return new Model(page.title(), overall, overallClass, groups, ongoing, past, page.showDetails(), Text.stamp(now));
    }

    private static Day day(LocalDate date, FleetRollups.Availability a) {
        double p = a.percent();
        String level = p < 0 ? "none" : p >= 100 ? "full" : p >= 99 ? "high" : p >= 95 ? "mid" : "low";
        return new Day(level, date + ": " + (p < 0 ? "no data" : Text.percent(p) + " up"));
    }
}
