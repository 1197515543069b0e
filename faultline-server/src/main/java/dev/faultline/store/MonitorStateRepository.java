package dev.faultline.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.incident.MonitorState;
import dev.faultline.json.Json;
import dev.faultline.json.MonitorStateJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The incident engine's state of each monitor, as {@link MonitorStateJson}, so that it survives a restart. */
public final class MonitorStateRepository {

    private static final Logger log = LoggerFactory.getLogger(MonitorStateRepository.class);
    private static final ObjectMapper JSON = Json.mapper();

    private final Jdbi writes;
    private final Jdbi reads;
    private final Dialect dialect;

    MonitorStateRepository(Jdbi writes, Jdbi reads, Dialect dialect) {
        this.writes = writes;
        this.reads = reads;
        this.dialect = dialect;
    }

    /** Stores the monitor's state in place of the previous one. */
    public void save(String monitorId, MonitorState state, Instant savedAt) {
        writes.useHandle(handle -> save(handle, monitorId, state, savedAt));
    }

    /** {@link #save(String, MonitorState, Instant)} within the caller's transaction. */
    public void save(Handle handle, String monitorId, MonitorState state, Instant savedAt) {
        handle.createUpdate("INSERT INTO monitor_states (monitor_id, state, saved_at_us) "
                        + "VALUES (:monitor, " + dialect.json(":state") + ", :saved) ON CONFLICT (monitor_id) "
                        + "DO UPDATE SET state = excluded.state, saved_at_us = excluded.saved_at_us")
                .bind("monitor", monitorId).bind("state", write(state)).bind("saved", Micros.of(savedAt)).execute();
    }

    /**
     * Every stored state by monitor id. A state that cannot be read (written by a later version,
     * or damaged) is left out with a warning: that monitor starts afresh rather than the server not at all.
     */
    public Map<String, MonitorState> loadAll() {
        Map<String, MonitorState> states = new LinkedHashMap<>();
        reads.useHandle(handle -> handle.createQuery("SELECT monitor_id, state FROM monitor_states ORDER BY monitor_id")
                .map((rs, ctx) -> Map.entry(rs.getString("monitor_id"), rs.getString("state")))
                .forEach(row -> {
                    try {
                        states.put(row.getKey(), JSON.readValue(row.getValue(), MonitorStateJson.class).toState());
                    } catch (JsonProcessingException | RuntimeException e) {
                        log.warn("the stored incident state of monitor {} cannot be read; it starts afresh: {}", row.getKey(),
                                e.getMessage());
                    }
                }));
        return states;
    }

    public void delete(String monitorId) {
        writes.useHandle(handle -> handle.createUpdate("DELETE FROM monitor_states WHERE monitor_id = :monitor")
                .bind("monitor", monitorId).execute());
    }

    static String write(MonitorState state) {
        try {
            return JSON.writeValueAsString(MonitorStateJson.of(state));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a monitor state as JSON", e);
        }
    }
}
