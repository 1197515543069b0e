package dev.faultline.config;

import java.util.List;

/** A configuration file read: either the whole configuration, or every error found in it and nothing else. */
public sealed interface LoadResult {

    /** The file is valid; every value in it has been checked. */
    record Loaded(FaultlineConfig config) implements LoadResult {}

    /** The file has at least one error; errors are in file order. */
    record Rejected(List<ConfigError> errors) implements LoadResult {
        public Rejected {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) throw new IllegalArgumentException("a rejected configuration needs at least one error");
        }
    }
}
