package dev.faultline.monitor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * Every monitor the server runs: those of the config file (replaced as a whole on reload) and
 * those created through the API (kept by a {@link ApiMonitorStore}). Each change is passed on
 * to the listener (the scheduler) as the full new set. A monitor created through the API can be
 * paused: it stays in the set, and whoever schedules checks skips it ({@link #isPaused(String)}).
 */
public final class MonitorRegistry {

    /** Where monitors created through the API are persisted. */
    public interface ApiMonitorStore {
        List<Monitor> loadAll();

        void insert(Monitor monitor);

        void update(Monitor monitor);

        void delete(String id);

        /** The ids of the stored monitors that are paused. */
        java.util.Set<String> loadPaused();

        void setPaused(String id, boolean paused);
    }

    /** A change that cannot be made, with the reason; the API turns it into a 404 or 409. */
    public static final class Refused extends RuntimeException {
        public enum Reason { NOT_FOUND, READ_ONLY, DUPLICATE }

        private final Reason reason;

        Refused(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    private final ApiMonitorStore apiStore;
    private final Consumer<Collection<Monitor>> listener;
    // Sorted by id: pages follow the id, so a cursor stays valid while monitors come and go.
    private final NavigableMap<String, Monitor> monitors = new ConcurrentSkipListMap<>();
    private final java.util.Set<String> paused = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public MonitorRegistry(ApiMonitorStore apiStore, Consumer<Collection<Monitor>> listener) {
        this.apiStore = apiStore;
        this.listener = listener;
        apiStore.loadAll().forEach(m -> monitors.put(m.id(), m));
        paused.addAll(apiStore.loadPaused());
    }

    /**
     * Puts the config file's monitors in place of the previous ones. Refused, changing nothing,
     * when one of them takes the id of a monitor created through the API.
     */
    public synchronized void replaceConfigMonitors(List<Monitor> configured) {
        List<String> clashes = configured.stream().map(Monitor::id)
                .filter(id -> monitors.containsKey(id) && monitors.get(id).source() == Monitor.Source.API).toList();
        if (!clashes.isEmpty()) {
            throw new Refused(Refused.Reason.DUPLICATE, "monitor id(s) " + clashes
                    + " already belong to monitors created through the API; rename them in the file");
        }
        monitors.values().removeIf(m -> m.source() == Monitor.Source.CONFIG);
        configured.forEach(m -> monitors.put(m.id(), m));
        changed();
    }

    public synchronized Monitor create(Monitor monitor) {
        if (monitors.containsKey(monitor.id())) {
            throw new Refused(Refused.Reason.DUPLICATE, "a monitor with id '" + monitor.id() + "' already exists");
        }
        apiStore.insert(monitor);
        monitors.put(monitor.id(), monitor);
        changed();
        return monitor;
    }

    public synchronized Monitor update(String id, Monitor monitor) {
        requireWritable(id);
        if (!monitor.id().equals(id)) {
            throw new Refused(Refused.Reason.DUPLICATE, "the name gives id '" + monitor.id()
                    + "', not '" + id + "': a monitor keeps its name (create a new one to rename)");
        }
        apiStore.update(monitor);
        monitors.put(id, monitor);
        changed();
        return monitor;
    }

    public synchronized void delete(String id) {
        requireWritable(id);
        apiStore.delete(id);
        monitors.remove(id);
        paused.remove(id);
        changed();
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
        return Optional.ofNullable(monitors.get(id));
    }

    public Collection<Monitor> all() {
        return List.copyOf(monitors.values());
    }

    public int size() {
        return monitors.size();
    }

    /** Up to {@code limit} monitors after the id {@code after} (exclusive), in id order. */
    public List<Monitor> page(int limit, Optional<String> after) {
        Map<String, Monitor> tail = after.map(id -> (Map<String, Monitor>) monitors.tailMap(id, false)).orElse(monitors);
        List<Monitor> page = new ArrayList<>(Math.min(limit, 1024));
        for (Monitor monitor : tail.values()) {
            if (page.size() == limit) break;
            page.add(monitor);
        }
        return page;
    }

    private void requireWritable(String id) {
        Monitor existing = monitors.get(id);
        if (existing == null) throw new Refused(Refused.Reason.NOT_FOUND, "no monitor with id '" + id + "'");
        if (existing.source() == Monitor.Source.CONFIG) {
            throw new Refused(Refused.Reason.READ_ONLY, "monitor '" + id
                    + "' is defined in the config file; change it there (the file is reloaded on save)");
        }
    }

    private void changed() {
        listener.accept(List.copyOf(monitors.values()));
    }
}
