package dev.faultline.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.json.Json;
import dev.faultline.json.MonitorJson;
import dev.faultline.monitor.ExpectedRevision;
import dev.faultline.monitor.Monitor;
import dev.faultline.monitor.Revised;
import dev.faultline.monitor.RevisionWrite;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The monitors created through the API, each kept as its {@link MonitorJson} with its revision,
 * which every update changes. The config file's monitors are not stored: the file is their source.
 */
public final class MonitorRepository {

    private static final ObjectMapper JSON = Json.mapper();
    private static final long FIRST_REVISIONS = 1L << 52;

    private final Jdbi writes;
    private final Jdbi reads;
    private final Dialect dialect;

    MonitorRepository(Jdbi writes, Jdbi reads, Dialect dialect) {
        this.writes = writes;
        this.reads = reads;
        this.dialect = dialect;
    }

    /** Monitors in id order: at most {@code limit}, after {@code afterId} when given (the last id of the previous page). */
    public List<Revised> list(int limit, Optional<String> afterId) {
        if (limit < 1) throw new IllegalArgumentException("limit: must be at least 1");
        String sql = "SELECT definition, revision FROM monitors" + (afterId.isPresent() ? " WHERE id > :after" : "")
                + " ORDER BY id LIMIT :limit";
        return reads.withHandle(handle -> {
            var query = handle.createQuery(sql).bind("limit", limit);
            afterId.ifPresent(after -> query.bind("after", after));
            return query.map((rs, ctx) -> read(rs.getString("definition"), rs.getLong("revision"))).list();
        });
    }

    /** Every stored monitor, in id order. */
    public List<Revised> all() {
        return reads.withHandle(handle -> handle.createQuery("SELECT definition, revision FROM monitors ORDER BY id")
                .map((rs, ctx) -> read(rs.getString("definition"), rs.getLong("revision"))).list());
    }

    public Optional<Revised> find(String id) {
        return reads.withHandle(handle -> handle.createQuery("SELECT definition, revision FROM monitors WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> read(rs.getString("definition"), rs.getLong("revision"))).findOne());
    }

    /**
     * Stores a new monitor at a random first revision (below 2^52, so that it and its successors stay
     * exact as JSON numbers): one deleted and created again under the same name then does not take up
     * a revision that someone who read the old one still holds.
     *
     * @return its first revision
     * @throws DuplicateMonitorException when a monitor with its id is already stored
     */
    public long insert(Monitor monitor) {
        requireApi(monitor);
        long revision = ThreadLocalRandom.current().nextLong(1, FIRST_REVISIONS);
        int inserted = writes.withHandle(handle -> handle.createUpdate("INSERT INTO monitors (id, definition, revision) VALUES (:id, "
                        + dialect.json(":definition") + ", :revision) ON CONFLICT (id) DO NOTHING")
                .bind("id", monitor.id()).bind("definition", write(monitor)).bind("revision", revision).execute());
        if (inserted == 0) throw new DuplicateMonitorException(monitor.id());
        return revision;
    }

    /**
     * Replaces the stored monitor with the same id if its revision is the {@code expected} one: the
     * check is the UPDATE's own condition, so of two updates made from the same revision, on either
     * database, exactly one is written and the other finds the revision the first one left.
     */
    public RevisionWrite update(Monitor monitor, ExpectedRevision expected) {
        requireApi(monitor);
        String definition = write(monitor);
        return conditionally(monitor.id(), expected, (handle, condition) -> handle.createQuery("UPDATE monitors SET definition = "
                        + dialect.json(":definition") + ", revision = revision + 1 WHERE id = :id" + condition + " RETURNING revision")
                .bind("definition", definition));
    }

    /** Deletes the stored monitor if its revision is the {@code expected} one, in the same way as {@link #update}. */
    public RevisionWrite delete(String id, ExpectedRevision expected) {
        return conditionally(id, expected, (handle, condition) -> handle.createQuery("DELETE FROM monitors WHERE id = :id" + condition
                + " RETURNING revision"));
    }

    /** A statement that answers the revision it wrote, given the condition to append to its WHERE clause. */
    private interface Conditional {
        Query statement(Handle handle, String condition);
    }

    private RevisionWrite conditionally(String id, ExpectedRevision expected, Conditional write) {
        return writes.inTransaction(handle -> {
            Optional<Long> written = switch (expected) {
                case ExpectedRevision.Any any -> write.statement(handle, "").bind("id", id).mapTo(Long.class).findOne();
                // Nothing can meet an empty set, and IN () is no SQL.
                case ExpectedRevision.OneOf oneOf when oneOf.revisions().isEmpty() -> Optional.empty();
                case ExpectedRevision.OneOf oneOf -> write.statement(handle, " AND revision IN (<expected>)").bind("id", id)
                        .bindList("expected", List.copyOf(oneOf.revisions())).mapTo(Long.class).findOne();
            };
            if (written.isPresent()) return new RevisionWrite.Written(written.get());
            // Why nothing was written; the decision itself was the statement's.
            return handle.createQuery("SELECT revision FROM monitors WHERE id = :id").bind("id", id).mapTo(Long.class).findOne()
                    .<RevisionWrite>map(RevisionWrite.Stale::new).orElseGet(RevisionWrite.Missing::new);
        });
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

    private static Revised read(String definition, long revision) {
        try {
            return Revised.stored(JSON.readValue(definition, MonitorJson.class).toMonitor(Monitor.Source.API), revision);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable monitor in the store: " + definition, e);
        }
    }
}
