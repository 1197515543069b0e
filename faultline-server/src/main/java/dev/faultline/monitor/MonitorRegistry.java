package dev.faultline.monitor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * Every monitor the server runs: those of the config file (replaced as a whole on reload) and
 * those created through the API (kept by a {@link ApiMonitorStore}). Each change is passed on
 * to the listener (the scheduler) as the full new set. A monitor created through the API can be
 * paused: it stays in the set, and whoever schedules checks skips it ({@link #isPaused(String)}).
 * A monitor created through the API is held with its stored revision ({@link Revised}): an
 * update or delete may expect one, and the store checks it as it writes.
 */
public final class MonitorRegistry {

    /** Where monitors created through the API are persisted. */
    public interface ApiMonitorStore {
        /** Every stored monitor with its revision. */
        List<Revised> loadAll();

        /** Stores a new monitor; its first revision. */
        long insert(Monitor monitor);

        /** Replaces the stored monitor of the same id if its revision is {@code expected}, in one statement. */
        RevisionWrite update(Monitor monitor, ExpectedRevision expected);

        /** Deletes the stored monitor if its revision is {@code expected}, in one statement. */
        RevisionWrite delete(String id, ExpectedRevision expected);

        /** The ids of the stored monitors that are paused. */
        java.util.Set<String> loadPaused();

        void setPaused(String id, boolean paused);
    }

    /** A change that cannot be made, with the reason; the API turns it into a 404, 409 or 412. */
    public static final class Refused extends RuntimeException {
        /** STALE: the monitor was saved since the revision the change expected. */
        public enum Reason { NOT_FOUND, READ_ONLY, DUPLICATE, STALE }

        private final Reason reason;
        private final OptionalLong current;

        Refused(Reason reason, String message) {
            this(reason, message, OptionalLong.empty());
        }

        private Refused(Reason reason, String message, OptionalLong current) {
            super(message);
            this.reason = reason;
            this.current = current;
        }

        public Reason reason() {
            return reason;
        }

        /** For STALE: the revision stored now. */
        public OptionalLong current() {
            return current;
        }
    }

    private final ApiMonitorStore apiStore;
    private final Consumer<Collection<Monitor>> listener;
    // Sorted by id: pages follow the id, so a cursor stays valid while monitors come and go.
    // Each monitor with its revision in one value, so that a reader never pairs a definition with another's revision.
    private final NavigableMap<String, Revised> monitors = new ConcurrentSkipListMap<>();
    private final java.util.Set<String> paused = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public MonitorRegistry(ApiMonitorStore apiStore, Consumer<Collection<Monitor>> listener) {
        this.apiStore = apiStore;
        this.listener = listener;
        apiStore.loadAll().forEach(r -> monitors.put(r.monitor().id(), r));
        paused.addAll(apiStore.loadPaused());
    }

    /**
     * Puts the config file's monitors in place of the previous ones. Refused, changing nothing,
     * when one of them takes the id of a monitor created through the API.
     */
    public synchronized void replaceConfigMonitors(List<Monitor> configured) {
        List<String> clashes = configured.stream().map(Monitor::id)
                .filter(id -> monitors.containsKey(id) && monitors.get(id).monitor().source() == Monitor.Source.API).toList();
        if (!clashes.isEmpty()) {
            throw new Refused(Refused.Reason.DUPLICATE, "monitor id(s) " + clashes
                    + " already belong to monitors created through the API; rename them in the file");
        }
        monitors.values().removeIf(r -> r.monitor().source() == Monitor.Source.CONFIG);
        configured.forEach(m -> monitors.put(m.id(), Revised.fromFile(m)));
        changed();
    }

    public synchronized Revised create(Monitor monitor) {
        if (monitors.containsKey(monitor.id())) {
            throw new Refused(Refused.Reason.DUPLICATE, "a monitor with id '" + monitor.id() + "' already exists");
        }
        Revised created = Revised.stored(monitor, apiStore.insert(monitor));
        monitors.put(monitor.id(), created);
        changed();
        return created;
    }

    /** Replaces a monitor created through the API, whatever its revision. */
    public Revised update(String id, Monitor monitor) {
        return update(id, monitor, ExpectedRevision.ANY);
    }

    /** Replaces a monitor created through the API if it is still at the {@code expected} revision (else STALE). */
    public synchronized Revised update(String id, Monitor monitor, ExpectedRevision expected) {
        Monitor existing = requireWritable(id).monitor();
        if (!monitor.id().equals(id)) {
            throw new Refused(Refused.Reason.DUPLICATE, "the name gives id '" + monitor.id()
                    + "', not '" + id + "': a monitor keeps its name (create a new one to rename)");
        }
        long revision = written(existing, apiStore.update(monitor, expected));
        Revised updated = Revised.stored(monitor, revision);
        monitors.put(id, updated);
        changed();
        return updated;
    }

    /** Deletes a monitor created through the API, whatever its revision. */
    public void delete(String id) {
        delete(id, ExpectedRevision.ANY);
    }

    /** Deletes a monitor created through the API if it is still at the {@code expected} revision (else STALE). */
    public synchronized void delete(String id, ExpectedRevision expected) {
        Monitor existing = requireWritable(id).monitor();
        written(existing, apiStore.delete(id, expected));
        monitors.remove(id);
        paused.remove(id);
        changed();
    }

    /**
     * The monitor a change expecting {@code expected} would start from, refused now as the change
     * would be (NOT_FOUND, READ_ONLY, STALE): a quick answer before a request's body is judged. The
     * change itself is checked again as the store writes it.
     */
    public Revised writable(String id, ExpectedRevision expected) {
        Revised existing = requireWritable(id);
        long revision = existing.revision().orElseThrow(); // every monitor created through the API has one
        if (!expected.admits(revision)) throw stale(existing.monitor(), revision);
        return existing;
    }

    private static long written(Monitor existing, RevisionWrite write) {
        return switch (write) {
            case RevisionWrite.Written written -> written.revision();
            case RevisionWrite.Stale stale -> throw stale(existing, stale.current());
            // Only another server sharing the database can have deleted it meanwhile.
            case RevisionWrite.Missing missing -> throw new Refused(Refused.Reason.NOT_FOUND, "no monitor with id '"
                    + existing.id() + "' is stored any more");
        };
    }

    private static Refused stale(Monitor existing, long current) {
        return new Refused(Refused.Reason.STALE, "monitor '" + existing.name() + "' (id " + existing.id()
                + ") was changed since it was read, and is at revision " + current + " now; nothing was changed. Read it again "
                + "and make the change to what it is now", OptionalLong.of(current));
    }

    /** Stops checking a monitor created through the API, until {@link #resume(String)}; kept across restarts. */
    public synchronized void pause(String id) {
        setPaused(id, true);
    }

    public synchronized void resume(String id) {
        setPaused(id, false);
    }

    public boolean isPaused(String id) {
        return paused.contains(id);
    }

    private void setPaused(String id, boolean pause) {
        requireWritable(id);
        if (paused.contains(id) == pause) return;
        apiStore.setPaused(id, pause);
        if (pause) paused.add(id); else paused.remove(id);
        changed();
    }

    public Optional<Monitor> find(String id) {
        return findRevised(id).map(Revised::monitor);
    }

    /** The monitor with the revision it is at: what a change conditional on that revision starts from. */
    public Optional<Revised> findRevised(String id) {
        return Optional.ofNullable(monitors.get(id));
    }

    public Collection<Monitor> all() {
        return monitors.values().stream().map(Revised::monitor).toList();
    }

    public int size() {
        return monitors.size();
    }

    /** Up to {@code limit} monitors after the id {@code after} (exclusive), in id order. */
    public List<Revised> page(int limit, Optional<String> after) {
        Map<String, Revised> tail = after.map(id -> (Map<String, Revised>) monitors.tailMap(id, false)).orElse(monitors);
        List<Revised> page = new ArrayList<>(Math.min(limit, 1024));
        for (Revised monitor : tail.values()) {
            if (page.size() == limit) break;
            page.add(monitor);
        }
        return page;
    }

    private Revised requireWritable(String id) {
        Revised existing = monitors.get(id);
        if (existing == null) throw new Refused(Refused.Reason.NOT_FOUND, "no monitor with id '" + id + "'");
        if (existing.monitor().source() == Monitor.Source.CONFIG) {
            throw new Refused(Refused.Reason.READ_ONLY, "monitor '" + id
                    + "' is defined in the config file; change it there (the file is reloaded on save)");
        }
        return existing;
    }

    private void changed() {
        listener.accept(all());
    }
}
