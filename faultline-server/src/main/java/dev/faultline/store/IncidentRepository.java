package dev.faultline.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.check.Cause;
import dev.faultline.check.Severity;
import dev.faultline.incident.Incident;
import dev.faultline.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** Incidents and their timelines. A monitor has at most one open incident; the incident service sees to that. */
public final class IncidentRepository {

    private static final ObjectMapper JSON = Json.mapper();
    private static final String COLUMNS = "id, monitor_id, monitor_name, state, cause, severity, regions, started_at_us, "
            + "opened_at_us, recovered_at_us, resolved_at_us, resolution, started_before_maintenance, opened_in_maintenance, "
            + "acknowledged_at_us, acknowledged_by, acknowledgement_note, reminders_sent, reminded_at_us, escalated_to_at_us";

    private final Jdbi writes;
    private final Jdbi reads;
    private final Dialect dialect;

    IncidentRepository(Jdbi writes, Jdbi reads, Dialect dialect) {
        this.writes = writes;
        this.reads = reads;
        this.dialect = dialect;
    }

    /** Stores a newly opened incident and returns its id. */
    public long open(String monitorId, String monitorName, Incident incident) {
        return writes.withHandle(handle -> open(handle, monitorId, monitorName, incident));
    }

    /** {@link #open(String, String, Incident)} within the caller's transaction. */
    public long open(Handle handle, String monitorId, String monitorName, Incident incident) {
        return handle.createQuery("INSERT INTO incidents (monitor_id, monitor_name, state, cause, "
                        + "fault, severity, regions, started_at_us, opened_at_us, started_before_maintenance, opened_in_maintenance) "
                        + "VALUES (:monitor, :name, 'open', :cause, :fault, :severity, " + dialect.json(":regions")
                        + ", :started, :opened, :before, :inMaintenance) RETURNING id")
                .bind("monitor", monitorId).bind("name", monitorName)
                .bind("cause", incident.cause().id()).bind("fault", incident.fault().id())
                .bind("severity", incident.severity().id()).bind("regions", write(List.copyOf(incident.confirmingRegions())))
                .bind("started", Micros.of(incident.startedAt())).bind("opened", Micros.of(incident.openedAt()))
                .bind("before", flag(incident.startedBeforeMaintenance())).bind("inMaintenance", flag(incident.openedInMaintenance()))
                .mapTo(Long.class).one();
    }

    /** The incident became critical: its cause, severity and confirming regions are now these. */
    public void escalate(Handle handle, long id, Incident incident) {
        handle.createUpdate("UPDATE incidents SET cause = :cause, fault = :fault, severity = :severity, "
                        + "regions = " + dialect.json(":regions") + " WHERE id = :id")
                .bind("id", id).bind("cause", incident.cause().id()).bind("fault", incident.fault().id())
                .bind("severity", incident.severity().id()).bind("regions", write(List.copyOf(incident.confirmingRegions())))
                .execute();
    }

    public void markStartedBeforeMaintenance(Handle handle, long id) {
        handle.createUpdate("UPDATE incidents SET started_before_maintenance = 1 WHERE id = :id").bind("id", id).execute();
    }

    /**
     * Closes an open incident; an incident already resolved stays as it was.
     *
     * @param recoveredAt the first success of the recovery; empty when it closed without one
     * @param resolution  {@link IncidentRecord#RECOVERED}, or why it closed otherwise
     */
    public void resolve(long id, Optional<Instant> recoveredAt, Instant resolvedAt, String resolution) {
        writes.useHandle(handle -> resolve(handle, id, recoveredAt, resolvedAt, resolution));
    }

    /** {@link #resolve(long, Optional, Instant, String)} within the caller's transaction. */
    public void resolve(Handle handle, long id, Optional<Instant> recoveredAt, Instant resolvedAt, String resolution) {
        handle.createUpdate("UPDATE incidents SET state = 'resolved', recovered_at_us = :recovered, "
                        + "resolved_at_us = :resolved, resolution = :resolution WHERE id = :id AND state = 'open'")
                .bind("id", id).bind("recovered", recoveredAt.map(Micros::of).orElse(null))
                .bind("resolved", Micros.of(resolvedAt)).bind("resolution", resolution).execute();
    }

    /**
     * Records the first acknowledgement of an open incident, within the caller's transaction.
     *
     * @return false when the incident is not open, or was acknowledged already (that one is kept)
     */
    public boolean acknowledge(Handle handle, long id, IncidentRecord.Acknowledgement acknowledgement) {
        return handle.createUpdate("UPDATE incidents SET acknowledged_at_us = :at, acknowledged_by = :by, "
                        + "acknowledgement_note = :note WHERE id = :id AND state = 'open' AND acknowledged_at_us IS NULL")
                .bind("id", id).bind("at", Micros.of(acknowledgement.at())).bind("by", acknowledgement.by())
                .bind("note", acknowledgement.note().orElse(null)).execute() == 1;
    }

    /**
     * Counts reminder {@code number} as sent at {@code at}, within the caller's transaction, if the
     * incident is still open, unacknowledged and had {@code number - 1} reminders: false otherwise
     * (an acknowledgement, a resolution or another reminder came first, and this one must not go).
     */
    public boolean markReminded(Handle handle, long id, int number, Instant at) {
        return handle.createUpdate("UPDATE incidents SET reminders_sent = :number, reminded_at_us = :at WHERE id = :id"
                        + " AND state = 'open' AND acknowledged_at_us IS NULL AND reminders_sent = :previous")
                .bind("id", id).bind("number", number).bind("previous", number - 1).bind("at", Micros.of(at)).execute() == 1;
    }

    /** Like {@link #markReminded}, for the one escalation: false when it was made already, or must not be. */
    public boolean markEscalated(Handle handle, long id, Instant at) {
        return handle.createUpdate("UPDATE incidents SET escalated_to_at_us = :at WHERE id = :id"
                        + " AND state = 'open' AND acknowledged_at_us IS NULL AND escalated_to_at_us IS NULL")
                .bind("id", id).bind("at", Micros.of(at)).execute() == 1;
    }

    /** Open incidents of this severity that nobody has acknowledged, oldest first: those reminders are about. */
    public List<IncidentRecord> openUnacknowledged(Severity severity) {
        return reads.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM incidents WHERE state = 'open'"
                        + " AND acknowledged_at_us IS NULL AND severity = :severity ORDER BY id")
                .bind("severity", severity.id()).map((rs, ctx) -> read(rs)).list());
    }

    /** Adds a line to the incident's timeline; {@code details} is a JSON object. */
    public void append(long incidentId, TimelineEntry entry) {
        writes.useHandle(handle -> append(handle, incidentId, entry));
    }

    /** {@link #append(long, TimelineEntry)} within the caller's transaction. */
    public void append(Handle handle, long incidentId, TimelineEntry entry) {
        handle.createUpdate("INSERT INTO incident_events (incident_id, at_us, kind, details) "
                        + "VALUES (:incident, :at, :kind, " + dialect.json(":details") + ")")
                .bind("incident", incidentId).bind("at", Micros.of(entry.at())).bind("kind", entry.kind())
                .bind("details", entry.details()).execute();
    }

    public Optional<IncidentRecord> find(long id) {
        return reads.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM incidents WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> read(rs)).findOne());
    }

    /**
     * Incidents newest first (by id: the order they opened in).
     *
     * @param beforeId only incidents older than this one: the last id of the previous page
     * @param state    only open or only resolved incidents
     */
    public List<IncidentRecord> list(int limit, Optional<Long> beforeId, Optional<IncidentRecord.State> state) {
        if (limit < 1) throw new IllegalArgumentException("limit: must be at least 1");
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM incidents WHERE 1 = 1");
        beforeId.ifPresent(id -> sql.append(" AND id < :before"));
        state.ifPresent(s -> sql.append(" AND state = :state"));
        sql.append(" ORDER BY id DESC LIMIT :limit");
        return reads.withHandle(handle -> {
            Query query = handle.createQuery(sql.toString()).bind("limit", limit);
            beforeId.ifPresent(id -> query.bind("before", id));
            state.ifPresent(s -> query.bind("state", s.id()));
            return query.map((rs, ctx) -> read(rs)).list();
        });
    }

    /** Incidents open at some moment of {@code [from, to)}, oldest first: what a digest of that span reports. */
    public List<IncidentRecord> activeDuring(Instant from, Instant to) {
        return reads.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM incidents WHERE opened_at_us < :to"
                        + " AND (resolved_at_us IS NULL OR resolved_at_us >= :from) ORDER BY opened_at_us, id")
                .bind("from", Micros.of(from)).bind("to", Micros.of(to)).map((rs, ctx) -> read(rs)).list());
    }

    /** The monitor's open incidents: one, or none (more only if something went wrong before a restart). */
    public List<IncidentRecord> openFor(String monitorId) {
        return reads.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM incidents WHERE monitor_id = :monitor AND state = 'open' ORDER BY id")
                .bind("monitor", monitorId).map((rs, ctx) -> read(rs)).list());
    }

    /** The monitor's incidents, newest first. */
    public List<IncidentRecord> forMonitor(String monitorId, int limit) {
        return reads.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM incidents WHERE monitor_id = :monitor ORDER BY id DESC LIMIT :limit")
                .bind("monitor", monitorId).bind("limit", limit).map((rs, ctx) -> read(rs)).list());
    }

    /** Incidents of these monitors that started at or after {@code since}, or are still open; newest first. */
    public List<IncidentRecord> recentFor(java.util.Collection<String> monitorIds, Instant since, int limit) {
        if (monitorIds.isEmpty()) return List.of();
        String in = java.util.stream.IntStream.range(0, monitorIds.size()).mapToObj(i -> ":id" + i)
                .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
        return reads.withHandle(handle -> {
            Query query = handle.createQuery("SELECT " + COLUMNS + " FROM incidents WHERE monitor_id IN " + in
                    + " AND (started_at_us >= :since OR state = 'open') ORDER BY id DESC LIMIT :limit")
                    .bind("since", Micros.of(since)).bind("limit", limit);
            int i = 0;
            for (String id : monitorIds) query.bind("id" + i++, id);
            return query.map((rs, ctx) -> read(rs)).list();
        });
    }

    /** Every open incident, oldest first: what a starting server reconciles with the states it restores. */
    public List<IncidentRecord> allOpen() {
        return reads.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM incidents WHERE state = 'open' ORDER BY id")
                .map((rs, ctx) -> read(rs)).list());
    }

    /** The incident's timeline, oldest first. */
    public List<TimelineEntry> timeline(long incidentId) {
        return reads.withHandle(handle -> handle.createQuery("SELECT at_us, kind, details FROM incident_events "
                        + "WHERE incident_id = :incident ORDER BY id")
                .bind("incident", incidentId)
                .map((rs, ctx) -> new TimelineEntry(Micros.instant(rs.getLong("at_us")), rs.getString("kind"),
                        rs.getString("details")))
                .list());
    }

    private static IncidentRecord read(ResultSet rs) throws SQLException {
        String by = rs.getString("acknowledged_by");
        Optional<String> note = Optional.ofNullable(rs.getString("acknowledgement_note"));
        Optional<IncidentRecord.Acknowledgement> acknowledgement = instant(rs, "acknowledged_at_us")
                .map(at -> new IncidentRecord.Acknowledgement(at, by, note));
        return new IncidentRecord(rs.getLong("id"), rs.getString("monitor_id"), rs.getString("monitor_name"),
                IncidentRecord.State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                Cause.fromId(rs.getString("cause")).orElseThrow(),
                Severity.valueOf(rs.getString("severity").toUpperCase(Locale.ROOT)),
                readRegions(rs.getString("regions")), Micros.instant(rs.getLong("started_at_us")),
                Micros.instant(rs.getLong("opened_at_us")), instant(rs, "recovered_at_us"), instant(rs, "resolved_at_us"),
                Optional.ofNullable(rs.getString("resolution")), rs.getInt("started_before_maintenance") != 0,
                rs.getInt("opened_in_maintenance") != 0,
                acknowledgement,
                new IncidentRecord.Reminders(rs.getInt("reminders_sent"), instant(rs, "reminded_at_us"),
                        instant(rs, "escalated_to_at_us")));
    }

    static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long micros = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Micros.instant(micros));
    }

    static int flag(boolean value) {
        return value ? 1 : 0;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }

    private static List<String> readRegions(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable regions in the store: " + json, e);
        }
    }
}
