package dev.faultline.web.pages;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.channels.ChannelRegistry;
import dev.faultline.config.ConfigError;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.MaintenanceResult;
import dev.faultline.config.MonitorResult;
import dev.faultline.monitor.MaintenanceRegistry;
import dev.faultline.monitor.Monitor;
import dev.faultline.monitor.MonitorRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Changes made through forms: monitors and maintenance windows, checked by the same readers as
 * the API and the file, applied whole or not at all. A monitor is checked and stored while no
 * channel can be removed, as through the API.
 */
final class ManagePages {

    /** What a submitted form came to: the saved monitor, or the form again with its errors. */
    sealed interface Saved {
        record Done(Monitor monitor) implements Saved {}

        record Invalid(MonitorForm form) implements Saved {}
    }

    private final MonitorRegistry registry;
    private final ChannelRegistry channels;
    private final MaintenanceRegistry maintenance;
    private final ConfigLoader loader;
    private final Supplier<FaultlineConfig> config;
    private final ObjectMapper mapper;

    ManagePages(MonitorRegistry registry, ChannelRegistry channels, MaintenanceRegistry maintenance, ConfigLoader loader,
                Supplier<FaultlineConfig> config, ObjectMapper mapper) {
        this.registry = registry;
        this.channels = channels;
        this.maintenance = maintenance;
        this.loader = loader;
        this.config = config;
        this.mapper = mapper;
    }

    /** Creates the monitor, or updates the one with {@code existingId} (keeping the channels it names). */
    Saved save(MonitorForm form, String existingId) {
        return channels.whileChannelsKept(() -> checkAndSave(form, existingId));
    }

    private Saved checkAndSave(MonitorForm form, String existingId) {
        Optional<Monitor> existing = existingId == null ? Optional.empty() : registry.find(existingId);
        return switch (loader.parseMonitor(form.payload(mapper, existing), "form", config.get())) {
            case MonitorResult.Rejected rejected -> new Saved.Invalid(form.withErrors(rejected.errors()));
            case MonitorResult.Loaded loaded -> {
                Monitor monitor = loaded.monitor().toMonitor(Monitor.Source.API);
                try {
                    yield new Saved.Done(existingId == null ? registry.create(monitor) : registry.update(existingId, monitor));
                } catch (MonitorRegistry.Refused refused) {
                    String field = refused.reason() == MonitorRegistry.Refused.Reason.DUPLICATE ? "name" : "form";
                    yield new Saved.Invalid(form.withErrors(Map.of(field, refused.getMessage())));
                }
            }
        };
    }

    /** A maintenance window from the form, or the errors by field. */
    Map<String, String> addWindow(Map<String, String> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        fields.forEach((key, value) -> {
            if (value == null || value.isBlank()) return;
            if (key.equals("monitors") || key.equals("tags")) {
                body.put(key, java.util.Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList());
            } else {
                body.put(key, value.strip());
            }
        });
        Map<String, String> known = new LinkedHashMap<>();
        registry.all().forEach(m -> known.put(m.id(), m.name()));
        String payload;
        try {
            payload = mapper.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return switch (loader.parseMaintenanceWindow(payload, "form", known)) {
            case MaintenanceResult.Loaded loaded -> {
                try {
                    maintenance.create(loaded.window());
                    yield Map.of();
                } catch (MonitorRegistry.Refused refused) {
                    yield Map.of("name", refused.getMessage());
                }
            }
            case MaintenanceResult.Rejected rejected -> errors(rejected.errors());
        };
    }

    private static Map<String, String> errors(List<ConfigError> found) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConfigError e : found) {
            String path = e.path().isEmpty() ? "form" : e.path().replaceAll("[.\\[].*", "");
            errors.merge(path, e.message(), (a, b) -> a + "; " + b);
        }
        return errors;
    }

    List<MaintenanceRegistry.Entry> windows() {
        return maintenance.all();
    }

    void deleteWindow(String name) {
        maintenance.delete(name);
    }
}
