package dev.faultline.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.incident.Blip;
import dev.faultline.json.Json;
import dev.faultline.json.MonitorStateJson;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** Failures that did not become incidents, per monitor. */
public final class BlipRepository {

    private static final ObjectMapper JSON = Json.mapper();

    private final Jdbi writes;
    private final Jdbi reads;
    private final Dialect dialect;

    BlipRepository(Jdbi writes, Jdbi reads, Dialect dialect) {
        this.writes = writes;
        this.reads = reads;
        this.dialect = dialect;
    }

    public void record(String monitorId, Blip blip) {
        writes.useHandle(handle -> record(handle, monitorId, blip));
    }

    /** {@link #record(String, Blip)} within the caller's transaction. */
    public void record(Handle handle, String monitorId, Blip blip) {
        handle.createUpdate("INSERT INTO blips (monitor_id, started_at_us, ended_at_us, "
                        + "failing_for_us, failures, during_maintenance) VALUES (:monitor, :started, :ended, :failingFor, "
                        + dialect.json(":failures") + ", :maintenance)")
                .bind("monitor", monitorId).bind("started", Micros.of(blip.startedAt())).bind("ended", Micros.of(blip.endedAt()))
                .bind("failingFor", Micros.of(blip.failingFor())).bind("failures", write(blip))
                .bind("maintenance", IncidentRepository.flag(blip.duringMaintenance())).execute();
    }

    /** The monitor's blips, newest first; {@code beforeId} is the last id of the previous page. */
    public List<BlipRecord> recent(String monitorId, int limit, Optional<Long> beforeId) {
        if (limit < 1) throw new IllegalArgumentException("limit: must be at least 1");
        String sql = "SELECT id, started_at_us, ended_at_us, failing_for_us, failures, during_maintenance FROM blips "
                + "WHERE monitor_id = :monitor" + (beforeId.isPresent() ? " AND id < :before" : "") + " ORDER BY id DESC LIMIT :limit";
        return reads.withHandle(handle -> {
            Query query = handle.createQuery(sql).bind("monitor", monitorId).bind("limit", limit);
            beforeId.ifPresent(id -> query.bind("before", id));
            return query.map((rs, ctx) -> new BlipRecord(rs.getLong("id"), monitorId, new Blip(
                    Micros.instant(rs.getLong("started_at_us")), Micros.instant(rs.getLong("ended_at_us")),
                    Micros.duration(rs.getLong("failing_for_us")), read(rs.getString("failures")),
                    rs.getInt("during_maintenance") != 0))).list();
        });
    }

    /** Every monitor's blips that ended in {@code [from, to)}, oldest first. */
    public List<BlipRecord> endedDuring(java.time.Instant from, java.time.Instant to) {
        return reads.withHandle(handle -> handle.createQuery("SELECT id, monitor_id, started_at_us, ended_at_us, failing_for_us,"
                        + " failures, during_maintenance FROM blips WHERE ended_at_us >= :from AND ended_at_us < :to ORDER BY id")
                .bind("from", Micros.of(from)).bind("to", Micros.of(to))
                .map((rs, ctx) -> new BlipRecord(rs.getLong("id"), rs.getString("monitor_id"), new Blip(
                        Micros.instant(rs.getLong("started_at_us")), Micros.instant(rs.getLong("ended_at_us")),
                        Micros.duration(rs.getLong("failing_for_us")), read(rs.getString("failures")),
                        rs.getInt("during_maintenance") != 0))).list());
    }

    private static String write(Blip blip) {
        try {
            return JSON.writeValueAsString(MonitorStateJson.causeIds(blip.failuresByRegion()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a blip's failures as JSON", e);
        }
    }

    private static Map<String, List<dev.faultline.check.Cause>> read(String json) {
        try {
            return MonitorStateJson.causes(JSON.readValue(json, new TypeReference<Map<String, List<String>>>() {}));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable blip in the store: " + json, e);
        }
    }
}
