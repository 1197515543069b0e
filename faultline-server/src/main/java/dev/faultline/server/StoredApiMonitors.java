package dev.faultline.server;

import dev.faultline.monitor.Monitor;
import dev.faultline.monitor.MonitorRegistry;
import dev.faultline.store.MonitorRepository;
import java.util.List;

/** The registry's port for API-created monitors, kept in the store. */
final class StoredApiMonitors implements MonitorRegistry.ApiMonitorStore {

    private final MonitorRepository repository;

    StoredApiMonitors(MonitorRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<Monitor> loadAll() {
        return repository.all();
    }

    @Override
    public void insert(Monitor monitor) {
        repository.insert(monitor);
    }

    @Override
    public void update(Monitor monitor) {
        repository.update(monitor);
    }

    @Override
    public java.util.Set<String> loadPaused() {
        return repository.pausedIds();
    }

    @Override
    public void setPaused(String id, boolean paused) {
        repository.setPaused(id, paused);
    }

    @Override
    public void delete(String id) {
        repository.delete(id);
    }
}
