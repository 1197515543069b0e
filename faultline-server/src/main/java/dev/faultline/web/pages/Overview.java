package dev.faultline.web.pages;

import dev.faultline.check.CheckResult;
import dev.faultline.check.Diagnosis;
import dev.faultline.check.Fault;
import dev.faultline.maintenance.MaintenanceCalendar;
import dev.faultline.monitor.LatestResults;
import dev.faultline.monitor.MaintenanceRegistry;
import dev.faultline.monitor.Monitor;
import dev.faultline.monitor.MonitorRegistry;
import dev.faultline.store.FleetRollups;
import dev.faultline.store.IncidentRecord;
import dev.faultline.store.Store;
import dev.faultline.trend.CdnFinding;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The overview: every monitor's state, problems first, one page of rows at a time. The order and
 * the counts come from memory (the latest results and the open incidents); only the rows on the
 * page read the rollups, in two queries, so a page costs the same at 10 or 10,000 monitors.
 */
public final class Overview {

    static final int PAGE_SIZE = 100;
    private static final Duration SPARK = Duration.ofHours(1);

    /** One monitor's line. */
    public record Row(String id, String name, State state, String fault, String cause, String summary, String nextStep,
               String since, String sinceTitle, String checked, String lastMs, String up24h, String up7d, String up30d,
               String spark, List<String> tags, long incidentId) {
        public boolean hasIncident() {
            return incidentId > 0;
        }
    }

    /**
     * What a CDN hides (an origin down behind an edge that still answers, a stale copy): the
     * edge's own row says up, so the overview names it above the rows.
     */
    public record Finding(String kind, boolean outage, String edgeId, String edge, String originId, String origin,
                          String summary, String nextStep, String since) {
        static Finding of(CdnFinding f, Instant now) {
            boolean outage = f.kind() == CdnFinding.Kind.MASKED_OUTAGE;
            return new Finding(outage ? "Outage masked by the CDN" : "Stale copy served by the CDN", outage,
                    Monitor.idFor(f.edge()), f.edge(), f.origin().map(Monitor::idFor).orElse(""), f.origin().orElse(""),
                    f.summary(), f.nextStep(), Text.span(Duration.between(f.at(), now)));
        }
    }

    /** The filters, as given in the query. */
    public record Filter(String tag, String state, String fault, int page) {
        static Filter of(Context ctx) {
            int page = 1;
            try {
                page = Math.max(1, Integer.parseInt(Optional.ofNullable(ctx.queryParam("page")).orElse("1")));
            } catch (NumberFormatException ignored) {
                // A hand-edited page number falls back to the first page.
            }
            return new Filter(blank(ctx.queryParam("tag")), blank(ctx.queryParam("state")), blank(ctx.queryParam("fault")), page);
        }

        String query(int page) {
            StringBuilder q = new StringBuilder("?");
            if (!tag.isEmpty()) q.append("tag=").append(encode(tag)).append('&');
            if (!state.isEmpty()) q.append("state=").append(encode(state)).append('&');
            if (!fault.isEmpty()) q.append("fault=").append(encode(fault)).append('&');
            q.append("page=").append(page);
            return q.toString();
        }

        private static String blank(String value) {
            return value == null ? "" : value.strip();
        }

        private static String encode(String value) {
            return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Everything the page shows. */
    public record Model(List<Row> rows, int total, int matching, Map<State, Integer> counts, Map<Fault, Integer> downByFault,
                 List<String> tags, Filter filter, int page, int pages, String listQuery, String previous, String next,
                 String asOf, List<Finding> findings) {
        public int count(State state) {
            return counts.getOrDefault(state, 0);
        }

        public int down(Fault fault) {
            return downByFault.getOrDefault(fault, 0);
        }
    }

    private final MonitorRegistry registry;
    private final LatestResults latest;
    private final MaintenanceRegistry maintenance;
    private final Store store;
    private final Clock clock;
    private final Supplier<List<CdnFinding>> findings;

    Overview(MonitorRegistry registry, LatestResults latest, MaintenanceRegistry maintenance, Store store, Clock clock,
             Supplier<List<CdnFinding>> findings) {
        this.findings = findings;
        this.registry = registry;
        this.latest = latest;
        this.maintenance = maintenance;
        this.store = store;
        this.clock = clock;
    }

    private record Entry(Monitor monitor, State state, Optional<CheckResult> last, Optional<IncidentRecord> incident) {
    }

    Model build(Filter filter) {
        Instant now = clock.instant();
        MaintenanceCalendar calendar = maintenance.calendar();
        Map<String, IncidentRecord> open = new HashMap<>();
        store.incidents().allOpen().forEach(i -> open.put(i.monitorId(), i));

        Map<State, Integer> counts = new EnumMap<>(State.class);
        Map<Fault, Integer> faults = new EnumMap<>(Fault.class);
        TreeSet<String> tags = new TreeSet<>();
        List<Entry> matching = new ArrayList<>();
        int total = 0;
        for (Monitor monitor : registry.all()) {
            total++;
            Optional<CheckResult> last = latest.latest(monitor.id());
            State state = State.of(monitor, registry.isPaused(monitor.id()), last, calendar, now);
            counts.merge(state, 1, Integer::sum);
            if (state == State.DOWN) faults.merge(last.get().verdict().fault(), 1, Integer::sum);
            tags.addAll(monitor.tags());
            Entry entry = new Entry(monitor, state, last, Optional.ofNullable(open.get(monitor.id())));
            if (matches(entry, filter)) matching.add(entry);
        }
        // Open incidents first, critical before warnings, oldest outage on top; then by state; then by name.
        matching.sort(Comparator.comparing((Entry e) -> e.incident().isEmpty())
                .thenComparing(e -> e.incident().map(i -> i.severity() != dev.faultline.check.Severity.CRITICAL).orElse(true))
                .thenComparing(e -> e.incident().map(IncidentRecord::startedAt).orElse(Instant.MAX))
                .thenComparing(Entry::state)
                .thenComparing(e -> e.monitor().name(), String.CASE_INSENSITIVE_ORDER));

        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(filter.page(), pages);
        List<Entry> shown = matching.subList((page - 1) * PAGE_SIZE, Math.min(matching.size(), page * PAGE_SIZE));
        List<String> ids = shown.stream().map(e -> e.monitor().id()).toList();
        Map<String, FleetRollups.Uptimes> uptimes = store.fleet().uptimes(ids, now);
        Instant sparkFrom = now.minus(SPARK);
        Map<String, List<FleetRollups.LatencyPoint>> sparks = store.fleet().latencyByMinute(ids, sparkFrom, now.plusSeconds(60));
        List<Row> rows = shown.stream().map(e -> row(e, uptimes.getOrDefault(e.monitor().id(), FleetRollups.Uptimes.NONE),
                Sparkline.points(sparks.getOrDefault(e.monitor().id(), List.of()), sparkFrom, SPARK.plusSeconds(60)), now)).toList();
        return new Model(rows, total, matching.size(), counts, faults, List.copyOf(tags).subList(0, Math.min(tags.size(), 200)),
                filter, page, pages, filter.query(page), page > 1 ? filter.query(page - 1) : "",
                page < pages ? filter.query(page + 1) : "", Text.stamp(now),
                findings.get().stream().filter(f -> filter.tag().isEmpty() || tagged(f, filter.tag()))
                        .map(f -> Finding.of(f, now)).toList());
    }

    private boolean tagged(CdnFinding finding, String tag) {
        return registry.find(Monitor.idFor(finding.edge())).map(m -> m.tags().contains(tag)).orElse(false);
    }

    private static boolean matches(Entry e, Filter filter) {
        if (!filter.tag().isEmpty() && !e.monitor().tags().contains(filter.tag())) return false;
        if (!filter.state().isEmpty() && !e.state().id().equals(filter.state())) return false;
        if (!filter.fault().isEmpty()) {
            return e.state() == State.DOWN && e.last().map(r -> r.verdict().fault().id().equals(filter.fault())).orElse(false);
        }
        return true;
    }

    private static Row row(Entry e, FleetRollups.Uptimes uptime, String spark, Instant now) {
        Optional<CheckResult> last = e.last();
        Optional<Diagnosis> diagnosis = last.map(Diagnosis::of);
        boolean problem = e.state() == State.DOWN || e.state() == State.DEGRADED;
        String since = "";
        String sinceTitle = "";
        if (e.incident().isPresent()) {
            since = "down " + Text.span(Duration.between(e.incident().get().startedAt(), now));
            sinceTitle = "since " + Text.stamp(e.incident().get().startedAt());
        } else if (e.state() == State.DEGRADED) {
            // Degraded counts as up: no incident will open, so "not confirmed" would promise one.
            since = "no incident: counts as up";
            sinceTitle = "degraded checks (slow, a certificate ending soon) open no incident and page nobody";
        } else if (problem && last.get().verdict().fault() == Fault.CLIENT) {
            // A refused request is the monitor's or its client's concern: tracked as a rate, never an incident.
            since = "no incident: request refused";
            sinceTitle = "4xx answers page nobody; their rates are tracked on the monitor's page"
                    + last.get().retryAfter().map(r -> "; the next check waits the " + r.toSeconds() + " s the server asked for")
                    .orElse("");
        } else if (problem) {
            since = "not confirmed yet";
            sinceTitle = "the latest check failed; other checks have not confirmed it";
        }
        return new Row(e.monitor().id(), e.monitor().name(), e.state(),
                e.state() == State.DOWN ? last.get().verdict().fault().id() : "",
                problem ? last.get().verdict().cause().id() : "",
                problem ? diagnosis.get().summary() : "",
                problem ? diagnosis.get().nextStep() : "",
                since, sinceTitle,
                last.map(r -> Text.ago(r.startedAt(), now)).orElse("never"),
                last.filter(CheckResult::hasStatus).map(r -> Text.millis(r.timings().total())).orElse("—"),
                Text.percent(uptime.day().percent()), Text.percent(uptime.week().percent()), Text.percent(uptime.month().percent()),
                spark, e.monitor().tags(), e.incident().map(IncidentRecord::id).orElse(0L));
    }
}
