package dev.faultline.server;

import dev.faultline.maintenance.MaintenanceWindow;
import dev.faultline.monitor.MaintenanceRegistry;
import dev.faultline.store.MaintenanceRepository;
import java.util.List;

/** The maintenance registry's port for windows created through the API, kept in the store. */
final class StoredMaintenanceWindows implements MaintenanceRegistry.ApiWindowStore {

    private final MaintenanceRepository repository;

    StoredMaintenanceWindows(MaintenanceRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<MaintenanceWindow> loadAll() {
        return repository.all();
    }

    @Override
    public void insert(MaintenanceWindow window) {
        if (!repository.insert(window)) throw new IllegalStateException("maintenance window '" + window.name() + "' is stored already");
    }

    @Override
    public void delete(String name) {
        repository.delete(name);
    }
}
