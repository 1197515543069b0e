package dev.faultline.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.json.Json;
import dev.faultline.json.MonitorJson;
import dev.faultline.monitor.Monitor;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The monitors created through the API, each kept as its {@link MonitorJson}. The config file's
 * monitors are not stored: the file is their source.
 */
public final class MonitorRepository {

    private static final ObjectMapper JSON = Json.mapper();

    private final Jdbi writes;
    private final Jdbi reads;
    private final Dialect dialect;

    MonitorRepository(Jdbi writes, Jdbi reads, Dialect dialect) {
        this.writes = writes;
        this.reads = reads;
        this.dialect = dialect;
    }

    /** Monitors in id order: at most {@code limit}, after {@code afterId} when given (the last id of the previous page). */
    public List<Monitor> list(int limit, Optional<String> afterId) {
        if (limit < 1) throw new IllegalArgumentException("limit: must be at least 1");
        String sql = "SELECT definition FROM monitors" + (afterId.isPresent() ? " WHERE id > :after" : "")
                + " ORDER BY id LIMIT :limit";
        return reads.withHandle(handle -> {
            var query = handle.createQuery(sql).bind("limit", limit);
            afterId.ifPresent(after -> query.bind("after", after));
            return query.map((rs, ctx) -> read(rs.getString("definition"))).list();
        });
    }

    /** Every stored monitor, in id order. */
    public List<Monitor> all() {
        return reads.withHandle(handle -> handle.createQuery("SELECT definition FROM monitors ORDER BY id")
                .map((rs, ctx) -> read(rs.getString("definition"))).list());
    }

    public Optional<Monitor> find(String id) {
        return reads.withHandle(handle -> handle.createQuery("SELECT definition FROM monitors WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> read(rs.getString("definition"))).findOne());
    }

    /** @throws DuplicateMonitorException when a monitor with its id is already stored */
    public void insert(Monitor monitor) {
        requireApi(monitor);
        int inserted = writes.withHandle(handle -> handle.createUpdate("INSERT INTO monitors (id, definition) VALUES (:id, "
                        + dialect.json(":definition") + ") ON CONFLICT (id) DO NOTHING")
                .bind("id", monitor.id()).bind("definition", write(monitor)).execute());
        if (inserted == 0) throw new DuplicateMonitorException(monitor.id());
    }

    /** Replaces the stored monitor with the same id; false when there is none. */
    public boolean update(Monitor monitor) {
        requireApi(monitor);
        return writes.withHandle(handle -> handle.createUpdate("UPDATE monitors SET definition = "
                        + dialect.json(":definition") + " WHERE id = :id")
                .bind("id", monitor.id()).bind("definition", write(monitor)).execute()) > 0;
    }

    /** False when there was no such monitor. */
    public boolean delete(String id) {
        return writes.withHandle(handle -> handle.createUpdate("DELETE FROM monitors WHERE id = :id").bind("id", id)
                .execute()) > 0;
    }

    /** The ids of the paused monitors. */
    public java.util.Set<String> pausedIds() {
        return reads.withHandle(handle -> handle.createQuery("SELECT id FROM monitors WHERE paused = 1").mapTo(String.class)
                .collect(java.util.stream.Collectors.toSet()));
    }

    /** Pauses or resumes a stored monitor; false when there is none. */
    public boolean setPaused(String id, boolean paused) {
        return writes.withHandle(handle -> handle.createUpdate("UPDATE monitors SET paused = :paused WHERE id = :id")
                .bind("id", id).bind("paused", paused ? 1 : 0).execute()) > 0;
    }

    private static void requireApi(Monitor monitor) {
        if (monitor.source() != Monitor.Source.API) {
            throw new IllegalArgumentException("monitor '" + monitor.id() + "' comes from the config file, which is where it is kept");
        }
    }

    private static String write(Monitor monitor) {
        try {
            return JSON.writeValueAsString(MonitorJson.of(monitor));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write monitor '" + monitor.id() + "' as JSON", e);
        }
    }

    private static Monitor read(String definition) {
        try {
            return JSON.readValue(definition, MonitorJson.class).toMonitor(Monitor.Source.API);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable monitor in the store: " + definition, e);
        }
    }
}
