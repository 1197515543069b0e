package dev.faultline.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.alert.EventKind;
import dev.faultline.alert.Notification;
import dev.faultline.json.Json;
import dev.faultline.json.NotificationJson;
import dev.faultline.store.StoredAlert.State;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The alert outbox: notifications waiting for their channel, and what became of them. Callers
 * enqueue inside the transaction that changes the state the notification announces (an incident
 * opening), so that both are kept or neither is; the dispatcher then sends each one and records
 * every attempt here. A row leaves {@code pending} only for {@code sent} (the provider accepted
 * it) or {@code dead} (retrying will not help, or did not for hours).
 */
public final class Outbox {

    private static final ObjectMapper JSON = Json.mapper();
    private static final String COLUMNS = "id, channel, payload, state, attempts, next_attempt_at_us, last_attempt_at_us,"
            + " last_status, last_answer, created_at_us, sent_at_us";

    private final Jdbi writes;
    private final Jdbi reads;
    private final Dialect dialect;

    Outbox(Jdbi writes, Jdbi reads, Dialect dialect) {
        this.writes = writes;
        this.reads = reads;
        this.dialect = dialect;
    }

    /** {@link #enqueue(Handle, List, Instant)} in a transaction of its own. */
    public int enqueue(List<OutboxEntry> entries, Instant now) {
        return writes.inTransaction(handle -> enqueue(handle, entries, now));
    }

    /**
     * Adds the entries, due at once, within the caller's transaction (see {@link Store#inTransaction}).
     * An entry already in the outbox (same channel, dedup key, event and occurrence) is left as it
     * is, whatever its state: enqueueing again after a crash sends nothing twice.
     *
     * @return how many entries were new
     */
    public int enqueue(Handle handle, List<OutboxEntry> entries, Instant now) {
        String sql = "INSERT INTO alert_outbox (channel, dedup_key, event, occurrence, monitor_id, severity, payload, state,"
                + " attempts, next_attempt_at_us, created_at_us) VALUES (:channel, :dedupKey, :event, :occurrence,"
                + " :monitorId, :severity, " + dialect.json(":payload") + ", 'pending', 0, :now, :now) ON CONFLICT DO NOTHING";
        int added = 0;
        for (OutboxEntry entry : entries) {
            Notification n = entry.notification();
            added += handle.createUpdate(sql)
                    .bind("channel", entry.channel())
                    .bind("dedupKey", n.dedupKey())
                    .bind("event", n.event().id())
                    .bind("occurrence", entry.occurrence())
                    .bind("monitorId", n.monitorId())
                    .bind("severity", n.severity().id())
                    .bind("payload", write(n))
                    .bind("now", Micros.of(now))
                    .execute();
        }
        return added;
    }

    /**
     * The channels that heard (or are about to hear) an event under this dedup key: its pending and
     * sent entries, not the dead ones. A resolution goes where the opening went.
     */
    public Set<String> channelsThatHeard(Handle handle, String dedupKey, EventKind event) {
        return new TreeSet<>(handle.createQuery("SELECT DISTINCT channel FROM alert_outbox WHERE dedup_key = :key"
                        + " AND event = :event AND state IN ('pending', 'sent')")
                .bind("key", dedupKey).bind("event", event.id()).mapTo(String.class).list());
    }

    /**
     * Whether a notification of this event for this monitor was enqueued (for any channel, in any
     * state) at or after {@code since}: lets one announcer defer to another that already spoke.
     */
    public boolean enqueuedSince(Handle handle, String monitorId, EventKind event, Instant since) {
        return handle.createQuery("SELECT COUNT(*) FROM alert_outbox WHERE monitor_id = :monitor AND event = :event"
                        + " AND created_at_us >= :since")
                .bind("monitor", monitorId).bind("event", event.id()).bind("since", Micros.of(since))
                .mapTo(Long.class).one() > 0;
    }

    /**
     * Openings whose dedup key matches {@code keyPattern} (SQL LIKE) and that no resolution under
     * the same key has followed yet, one per key, oldest first: the episodes that are still open as
     * far as the people paged know. Dead entries count too: the alert was meant, even if it failed.
     */
    public List<Notification> unresolvedOpenings(Handle handle, String keyPattern) {
        return handle.createQuery("SELECT payload FROM alert_outbox o WHERE o.event = :opened AND o.dedup_key LIKE :pattern"
                        + " AND NOT EXISTS (SELECT 1 FROM alert_outbox r WHERE r.dedup_key = o.dedup_key AND r.event = :resolved)"
                        + " AND o.id = (SELECT MIN(f.id) FROM alert_outbox f WHERE f.dedup_key = o.dedup_key AND f.event = :opened)"
                        + " ORDER BY o.id")
                .bind("opened", EventKind.INCIDENT_OPENED.id()).bind("resolved", EventKind.INCIDENT_RESOLVED.id())
                .bind("pattern", keyPattern)
                .map((rs, ctx) -> readPayload(rs.getString("payload"))).list();
    }

    /**
     * The latest opening enqueued under this dedup key (for any channel): what a reminder or an
     * escalation says again. Empty when the incident was never announced (opened in maintenance).
     */
    public Optional<Notification> latestOpening(Handle handle, String dedupKey) {
        return handle.createQuery("SELECT payload FROM alert_outbox WHERE dedup_key = :key AND event = :opened"
                        + " ORDER BY id DESC LIMIT 1")
                .bind("key", dedupKey).bind("opened", EventKind.INCIDENT_OPENED.id())
                .map((rs, ctx) -> readPayload(rs.getString("payload"))).findOne();
    }

    /** {@link #unresolvedOpenings(Handle, String)} in a transaction of its own. */
    public List<Notification> unresolvedOpenings(String keyPattern) {
        return writes.inTransaction(handle -> unresolvedOpenings(handle, keyPattern));
    }

    /**
     * Pending alerts of one channel that are due at {@code now}, oldest first. An alert waits while
     * an earlier one of the same channel and dedup key is pending, so that a resolution never
     * overtakes its opening.
     */
    public List<StoredAlert> due(String channel, Instant now, int limit) {
        return reads.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM alert_outbox a"
                        + " WHERE a.state = 'pending' AND a.channel = :channel AND a.next_attempt_at_us <= :now"
                        + " AND NOT EXISTS (SELECT 1 FROM alert_outbox b WHERE b.channel = a.channel"
                        + " AND b.dedup_key = a.dedup_key AND b.state = 'pending' AND b.id < a.id)"
                        + " ORDER BY a.id LIMIT :limit")
                .bind("channel", channel).bind("now", Micros.of(now)).bind("limit", limit)
                .map((rs, ctx) -> read(rs)).list());
    }

    /** When the earliest pending alert that is not due yet at {@code now} will be; empty when none waits. */
    public Optional<Instant> nextAttemptAfter(Instant now) {
        return reads.withHandle(handle -> handle.createQuery("SELECT MIN(next_attempt_at_us) FROM alert_outbox"
                        + " WHERE state = 'pending' AND next_attempt_at_us > :now")
                .bind("now", Micros.of(now)).mapTo(Long.class).findOne().map(Micros::instant));
    }

    /** The channels that have pending alerts due at {@code now}. */
    public Set<String> dueChannels(Instant now) {
        List<String> channels = reads.withHandle(handle -> handle.createQuery("SELECT DISTINCT channel FROM alert_outbox"
                        + " WHERE state = 'pending' AND next_attempt_at_us <= :now")
                .bind("now", Micros.of(now)).mapTo(String.class).list());
        return new TreeSet<>(channels);
    }

    /** The channels that have pending alerts. */
    public Set<String> pendingChannels() {
        List<String> channels = reads.withHandle(handle -> handle.createQuery(
                "SELECT DISTINCT channel FROM alert_outbox WHERE state = 'pending'").mapTo(String.class).list());
        return new TreeSet<>(channels);
    }

    /** The provider accepted it. False when the alert was not pending (any more). */
    public boolean markSent(long id, Instant at, int status, String answer) {
        return attempt(id, State.SENT, at, status, answer, at, at);
    }

    /** The attempt failed; try again at {@code next}. */
    public boolean markRetry(long id, Instant at, int status, String answer, Instant next) {
        return attempt(id, State.PENDING, at, status, answer, next, null);
    }

    /** The attempt failed and no other will be made. */
    public boolean markDead(long id, Instant at, int status, String answer) {
        return attempt(id, State.DEAD, at, status, answer, at, null);
    }

    /** Gives up on every pending alert of a channel without trying it, e.g. one removed from the config. */
    public int abandon(String channel, String reason) {
        return writes.withHandle(handle -> handle.createUpdate("UPDATE alert_outbox SET state = 'dead', last_answer = :reason"
                + " WHERE channel = :channel AND state = 'pending'").bind("channel", channel).bind("reason", reason).execute());
    }

    /** Alerts newest first, in one state or all: at most {@code limit}, older than {@code beforeId} when given. */
    public List<StoredAlert> list(Optional<State> state, int limit, Optional<Long> beforeId) {
        if (limit < 1) throw new IllegalArgumentException("limit: must be at least 1");
        String where = state.map(s -> " WHERE state = :state").orElse(" WHERE 1 = 1")
                + beforeId.map(id -> " AND id < :before").orElse("");
        return reads.withHandle(handle -> {
            var query = handle.createQuery("SELECT " + COLUMNS + " FROM alert_outbox" + where + " ORDER BY id DESC LIMIT :limit")
                    .bind("limit", limit);
            state.ifPresent(s -> query.bind("state", s.id()));
            beforeId.ifPresent(id -> query.bind("before", id));
            return query.map((rs, ctx) -> read(rs)).list();
        });
    }

    public Optional<StoredAlert> find(long id) {
        return reads.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM alert_outbox WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> read(rs)).findOne());
    }

    /** Deletes sent and dead alerts created before {@code cutoff}; pending ones stay, however old. */
    public int prune(Instant cutoff) {
        return writes.withHandle(handle -> handle.createUpdate("DELETE FROM alert_outbox WHERE state IN ('sent', 'dead')"
                + " AND created_at_us < :cutoff").bind("cutoff", Micros.of(cutoff)).execute());
    }

    private boolean attempt(long id, State state, Instant at, int status, String answer, Instant next, Instant sentAt) {
        return writes.withHandle(handle -> handle.createUpdate("UPDATE alert_outbox SET state = :state,"
                        + " attempts = attempts + 1, last_attempt_at_us = :at, last_status = :status, last_answer = :answer,"
                        + " next_attempt_at_us = :next, sent_at_us = :sentAt WHERE id = :id AND state = 'pending'")
                .bind("id", id).bind("state", state.id()).bind("at", Micros.of(at)).bind("status", status)
                .bind("answer", answer).bind("next", Micros.of(next))
                .bind("sentAt", sentAt == null ? null : Micros.of(sentAt))
                .execute()) == 1;
    }

    private static StoredAlert read(ResultSet rs) throws SQLException {
        return new StoredAlert(rs.getLong("id"), rs.getString("channel"), readPayload(rs.getString("payload")),
                State.fromId(rs.getString("state")).orElseThrow(() -> new IllegalStateException("unknown alert state")),
                rs.getInt("attempts"), Micros.instant(rs.getLong("next_attempt_at_us")),
                optionalLong(rs, "last_attempt_at_us").map(Micros::instant),
                optionalLong(rs, "last_status").map(Long::intValue), Optional.ofNullable(rs.getString("last_answer")),
                Micros.instant(rs.getLong("created_at_us")), optionalLong(rs, "sent_at_us").map(Micros::instant));
    }

    private static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static String write(Notification n) {
        try {
            return JSON.writeValueAsString(NotificationJson.of(n));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notification always serializes", e);
        }
    }

    private static Notification readPayload(String payload) {
        try {
            return JSON.readValue(payload, NotificationJson.class).toNotification();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("unreadable notification in the alert outbox: " + payload, e);
        }
    }
}
