package dev.faultline.monitor;

import dev.faultline.maintenance.MaintenanceCalendar;
import dev.faultline.maintenance.MaintenanceWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Every maintenance window: those of the config file (replaced as a whole on reload) and those
 * created through the API (kept by an {@link ApiWindowStore}). Each change goes to the listener
 * (the incident service) as the whole new calendar.
 */
public final class MaintenanceRegistry {

    /** Where windows created through the API are persisted. */
    public interface ApiWindowStore {
        List<MaintenanceWindow> loadAll();

        void insert(MaintenanceWindow window);

        void delete(String name);
    }

    /** A window and where it was defined: the file's are read-only through the API. */
    public record Entry(MaintenanceWindow window, Monitor.Source source) {
    }

    private final ApiWindowStore apiStore;
    private final Consumer<MaintenanceCalendar> listener;
    private List<MaintenanceWindow> configured = List.of();
    private final Map<String, MaintenanceWindow> created = new TreeMap<>();

    public MaintenanceRegistry(ApiWindowStore apiStore, Consumer<MaintenanceCalendar> listener) {
        this.apiStore = apiStore;
        this.listener = listener;
        apiStore.loadAll().forEach(w -> created.put(w.name(), w));
    }

    /** Puts the config file's windows in place of the previous ones. A name may match an API window's: both apply. */
    public synchronized void replaceConfigWindows(List<MaintenanceWindow> windows) {
        configured = List.copyOf(windows);
        changed();
    }

    /** @throws MonitorRegistry.Refused when a window of that name exists */
    public synchronized MaintenanceWindow create(MaintenanceWindow window) {
        if (find(window.name()).isPresent()) {
            throw new MonitorRegistry.Refused(MonitorRegistry.Refused.Reason.DUPLICATE,
                    "a maintenance window named '" + window.name() + "' already exists");
        }
        apiStore.insert(window);
        created.put(window.name(), window);
        changed();
        return window;
    }

    /** @throws MonitorRegistry.Refused when there is no such window created through the API */
    public synchronized void delete(String name) {
        if (!created.containsKey(name)) {
            boolean inFile = configured.stream().anyMatch(w -> w.name().equals(name));
            throw inFile
                    ? new MonitorRegistry.Refused(MonitorRegistry.Refused.Reason.READ_ONLY, "maintenance window '" + name
                            + "' is defined in the config file; change it there (the file is reloaded on save)")
                    : new MonitorRegistry.Refused(MonitorRegistry.Refused.Reason.NOT_FOUND, "no maintenance window named '" + name + "'");
        }
        apiStore.delete(name);
        created.remove(name);
        changed();
    }

    /** The file's windows first, in file order, then those created through the API, by name. */
    public synchronized List<Entry> all() {
        List<Entry> all = new ArrayList<>();
        configured.forEach(w -> all.add(new Entry(w, Monitor.Source.CONFIG)));
        created.values().forEach(w -> all.add(new Entry(w, Monitor.Source.API)));
        return all;
    }

    public synchronized Optional<Entry> find(String name) {
        return all().stream().filter(e -> e.window().name().equals(name)).findFirst();
    }

    public synchronized MaintenanceCalendar calendar() {
        return new MaintenanceCalendar(all().stream().map(Entry::window).toList());
    }

    private void changed() {
        listener.accept(calendar());
    }
}
