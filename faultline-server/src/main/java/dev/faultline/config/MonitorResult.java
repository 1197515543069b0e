package dev.faultline.config;

import java.util.List;

/** One monitor read on its own (an API payload): the monitor, or every error found in it. */
public sealed interface MonitorResult {

    record Loaded(MonitorConfig monitor) implements MonitorResult {}

    record Rejected(List<ConfigError> errors) implements MonitorResult {
        public Rejected {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) throw new IllegalArgumentException("a rejected monitor needs at least one error");
        }
    }
}
