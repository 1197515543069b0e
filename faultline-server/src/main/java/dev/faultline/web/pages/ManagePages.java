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
import dev.faultline.monitor.Revised;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Changes made through forms: monitors and maintenance windows, checked by the same readers as
 * the API and the file, applied whole or not at all. A monitor is checked and stored while no
 * channel can be removed, as through the API, and an edit only if nobody saved the monitor since
 * the form was opened.
 */
final class ManagePages {

    /** What a submitted form came to: the saved monitor, the form again with its errors, or the form against the monitor as saved now. */
    sealed interface Saved {
        record Done(Monitor monitor) implements Saved {}

        record Invalid(MonitorForm form) implements Saved {}

        /**
         * Nothing saved: the monitor was saved by someone else since the form was opened. The form
         * keeps what was typed and now carries the current revision, so that saving it again is a
         * choice made having seen {@code current}.
         */
        record Changed(MonitorForm form, Revised current) implements Saved {}
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

    /**
     * Creates the monitor, or updates the one with {@code existingId} (keeping the channels it names,
     * and only if it is still at the revision the form was opened on).
     */
    Saved save(MonitorForm form, String existingId) {
        return channels.whileChannelsKept(() -> checkAndSave(form, existingId));
    }

    private Saved checkAndSave(MonitorForm form, String existingId) {
        Optional<Monitor> existing = Optional.empty();
        if (existingId != null) {
            try {
                // A stale form is told so before its fields are judged; the store checks again as it writes.
                existing = Optional.of(registry.writable(existingId, form.expected()).monitor());
            } catch (MonitorRegistry.Refused refused) {
                return refusal(form, existingId, refused);
            }
        }
        return switch (loader.parseMonitor(form.payload(mapper, existing), "form", config.get())) {
            case MonitorResult.Rejected rejected -> new Saved.Invalid(form.withErrors(rejected.errors()));
            case MonitorResult.Loaded loaded -> {
                Monitor monitor = loaded.monitor().toMonitor(Monitor.Source.API);
                try {
                    yield new Saved.Done(existingId == null ? registry.create(monitor).monitor()
                            : registry.update(existingId, monitor, form.expected()).monitor());
                } catch (MonitorRegistry.Refused refused) {
                    yield refusal(form, existingId, refused);
                }
            }
        };
    }

    private Saved refusal(MonitorForm form, String existingId, MonitorRegistry.Refused refused) {
        Optional<Revised> current = existingId == null ? Optional.empty() : registry.findRevised(existingId);
        if (refused.reason() == MonitorRegistry.Refused.Reason.STALE && current.isPresent()) {
            return new Saved.Changed(form.withRevision(MonitorForm.of(current.get()).revision()), current.get());
        }
        String field = refused.reason() == MonitorRegistry.Refused.Reason.DUPLICATE ? "name" : "form";
        return new Saved.Invalid(form.withErrors(Map.of(field, refused.getMessage())));
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
