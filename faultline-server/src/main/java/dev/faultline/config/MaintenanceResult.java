package dev.faultline.config;

import dev.faultline.maintenance.MaintenanceWindow;
import java.util.List;

/** One maintenance window read on its own (an API payload): the window, or every error found in it. */
public sealed interface MaintenanceResult {

    record Loaded(MaintenanceWindow window) implements MaintenanceResult {}

    record Rejected(List<ConfigError> errors) implements MaintenanceResult {
        public Rejected {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) throw new IllegalArgumentException("a rejected window needs at least one error");
        }
    }
}
