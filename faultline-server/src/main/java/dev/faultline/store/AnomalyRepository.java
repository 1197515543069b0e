package dev.faultline.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.check.Severity;
import dev.faultline.json.Json;
import dev.faultline.trend.Anomaly;
import dev.faultline.trend.Share;
import dev.faultline.trend.TimeWindow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Anomalies the trend detectors found, open and resolved. The schema keeps at most one open
 * anomaly per monitor, region and kind; the writes take the caller's handle, so that a new
 * anomaly and the alert announcing it are stored in one transaction.
 */
public final class AnomalyRepository {

    private static final ObjectMapper JSON = Json.mapper();
    private static final String COLUMNS = "id, monitor_id, monitor_name, region, kind, severity, opened_at_us, last_seen_at_us,"
            + " resolved_at_us, summary, likely_causes, next_step, window_from_us, window_to_us, current_count, current_of,"
            + " baseline_from_us, baseline_to_us, baseline_count, baseline_of";

    /**
     * Which anomalies {@link #list} returns.
     *
     * @param after only those that come after this one in the order: the last of the previous page
     */
    public record Filter(Optional<String> monitorId, boolean openOnly, Optional<Severity> severity, int limit,
                         Optional<Position> after) {
        public Filter {
            if (limit < 1) throw new IllegalArgumentException("limit: must be at least 1");
        }
    }

    /** Where an anomaly stands in the newest-first order: its opening, then its id. */
    public record Position(Instant openedAt, long id) {

        /** As an API cursor: {@code <opened at, epoch microseconds>.<id>}. */
        public String cursor() {
            return Micros.of(openedAt) + "." + id;
        }

        /** Reads a {@link #cursor()}; empty when the text is not one. */
        public static Optional<Position> parse(String cursor) {
            int dot = cursor.indexOf('.');
            try {
                return Optional.of(new Position(Micros.instant(Long.parseLong(cursor.substring(0, dot))),
                        Long.parseLong(cursor.substring(dot + 1))));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        public static Position of(AnomalyRecord anomaly) {
            return new Position(anomaly.openedAt(), anomaly.id());
        }
    }

    private final Jdbi reads;
    private final Dialect dialect;

    AnomalyRepository(Jdbi reads, Dialect dialect) {
        this.reads = reads;
        this.dialect = dialect;
    }

    /**
     * Stores a newly found anomaly, within the caller's transaction. Empty when one of that monitor,
     * region and kind is open already: nothing is stored then.
     */
    public Optional<AnomalyRecord> open(Handle handle, String monitorId, String monitorName, String region, Anomaly finding,
                                        Instant at) {
        Anomaly f = finding;
        return handle.createQuery("INSERT INTO anomalies (" + COLUMNS.substring("id, ".length()) + ") VALUES (:monitor, :name,"
                        + " :region, :kind, :severity, :at, :at, NULL, :summary, " + dialect.json(":causes") + ", :nextStep,"
                        + " :windowFrom, :windowTo, :count, :of, :baselineFrom, :baselineTo, :baselineCount, :baselineOf)"
                        + " ON CONFLICT DO NOTHING RETURNING id")
                .bind("monitor", monitorId).bind("name", monitorName).bind("region", region).bind("kind", f.kind().id())
                .bind("severity", f.severity().id()).bind("at", Micros.of(at)).bind("summary", f.summary())
                .bind("causes", write(f.likelyCauses())).bind("nextStep", f.nextStep())
                .bind("windowFrom", Micros.of(f.window().from())).bind("windowTo", Micros.of(f.window().to()))
                .bind("count", f.current().count()).bind("of", f.current().of())
                .bind("baselineFrom", Micros.of(f.baselineWindow().from())).bind("baselineTo", Micros.of(f.baselineWindow().to()))
                .bind("baselineCount", f.baseline().count()).bind("baselineOf", f.baseline().of())
                .mapTo(Long.class).findOne()
                .map(id -> new AnomalyRecord(id, monitorId, monitorName, region, f, at, at, Optional.empty()));
    }

    /** The open anomaly was found again: its figures and summary become these, its severity stays. */
    public void seen(Handle handle, long id, Anomaly finding, Instant at) {
        handle.createUpdate("UPDATE anomalies SET last_seen_at_us = :at, summary = :summary, window_from_us = :windowFrom,"
                        + " window_to_us = :windowTo, current_count = :count, current_of = :of, baseline_from_us = :baselineFrom,"
                        + " baseline_to_us = :baselineTo, baseline_count = :baselineCount, baseline_of = :baselineOf"
                        + " WHERE id = :id AND resolved_at_us IS NULL")
                .bind("id", id).bind("at", Micros.of(at)).bind("summary", finding.summary())
                .bind("windowFrom", Micros.of(finding.window().from())).bind("windowTo", Micros.of(finding.window().to()))
                .bind("count", finding.current().count()).bind("of", finding.current().of())
                .bind("baselineFrom", Micros.of(finding.baselineWindow().from()))
                .bind("baselineTo", Micros.of(finding.baselineWindow().to()))
                .bind("baselineCount", finding.baseline().count()).bind("baselineOf", finding.baseline().of())
                .execute();
    }

    /** The anomaly cleared; one already resolved stays as it was. */
    public void resolve(Handle handle, long id, Instant at) {
        handle.createUpdate("UPDATE anomalies SET resolved_at_us = :at WHERE id = :id AND resolved_at_us IS NULL")
                .bind("id", id).bind("at", Micros.of(at)).execute();
    }

    /** Every open anomaly, oldest first. */
    public List<AnomalyRecord> open() {
        return select(" WHERE resolved_at_us IS NULL ORDER BY id", q -> {});
    }

    /** The monitor's open anomalies, newest first: for its page and its trends. */
    public List<AnomalyRecord> open(String monitorId) {
        return select(" WHERE resolved_at_us IS NULL AND monitor_id = :monitor ORDER BY opened_at_us DESC, id DESC",
                q -> q.bind("monitor", monitorId));
    }

    /** The newest anomalies of every monitor, open or not, newest first: for the dashboard. */
    public List<AnomalyRecord> recent(int limit) {
        return list(new Filter(Optional.empty(), false, Optional.empty(), limit, Optional.empty()));
    }

    /** Anomalies newest first (the last opened first), as the filter says. */
    public List<AnomalyRecord> list(Filter filter) {
        String where = " WHERE 1 = 1" + (filter.monitorId().isPresent() ? " AND monitor_id = :monitor" : "")
                + (filter.openOnly() ? " AND resolved_at_us IS NULL" : "")
                + (filter.severity().isPresent() ? " AND severity = :severity" : "")
                + (filter.after().isPresent() ? " AND (opened_at_us < :afterAt OR (opened_at_us = :afterAt AND id < :afterId))" : "");
        return select(where + " ORDER BY opened_at_us DESC, id DESC LIMIT :limit", q -> {
            filter.monitorId().ifPresent(m -> q.bind("monitor", m));
            filter.after().ifPresent(p -> q.bind("afterAt", Micros.of(p.openedAt())).bind("afterId", p.id()));
            filter.severity().ifPresent(s -> q.bind("severity", s.id()));
            q.bind("limit", filter.limit());
        });
    }

    /** Anomalies open at some moment of {@code [from, to)}, oldest first: what a digest of that span reports. */
    public List<AnomalyRecord> openDuring(Instant from, Instant to) {
        return select(" WHERE opened_at_us < :to AND (resolved_at_us IS NULL OR resolved_at_us >= :from) ORDER BY opened_at_us, id",
                q -> q.bind("from", Micros.of(from)).bind("to", Micros.of(to)));
    }

    private List<AnomalyRecord> select(String rest, java.util.function.Consumer<Query> binds) {
        return reads.withHandle(handle -> {
            Query query = handle.createQuery("SELECT " + COLUMNS + " FROM anomalies" + rest);
            binds.accept(query);
            return query.map((rs, ctx) -> read(rs)).list();
        });
    }

    private static AnomalyRecord read(ResultSet rs) throws SQLException {
        String kindId = rs.getString("kind");
        Anomaly.Kind kind = Anomaly.Kind.fromId(kindId)
                .orElseThrow(() -> new IllegalStateException("unknown anomaly kind '" + kindId + "' in the store"));
        String severityId = rs.getString("severity");
        Severity severity = java.util.Arrays.stream(Severity.values()).filter(s -> s.id().equals(severityId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown severity '" + severityId + "' in the store"));
        Anomaly finding = new Anomaly(kind, severity,
                new TimeWindow(Micros.instant(rs.getLong("window_from_us")), Micros.instant(rs.getLong("window_to_us"))),
                new Share(rs.getLong("current_count"), rs.getLong("current_of")),
                new TimeWindow(Micros.instant(rs.getLong("baseline_from_us")), Micros.instant(rs.getLong("baseline_to_us"))),
                new Share(rs.getLong("baseline_count"), rs.getLong("baseline_of")),
                rs.getString("summary"), read(rs.getString("likely_causes")), rs.getString("next_step"));
        long resolved = rs.getLong("resolved_at_us");
        Optional<Instant> resolvedAt = rs.wasNull() ? Optional.empty() : Optional.of(Micros.instant(resolved));
        return new AnomalyRecord(rs.getLong("id"), rs.getString("monitor_id"), rs.getString("monitor_name"),
                rs.getString("region"), finding, Micros.instant(rs.getLong("opened_at_us")),
                Micros.instant(rs.getLong("last_seen_at_us")), resolvedAt);
    }

    private static String write(List<String> causes) {
        try {
            return JSON.writeValueAsString(causes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serializes", e);
        }
    }

    private static List<String> read(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable likely causes in the store: " + json, e);
        }
    }
}
