package dev.faultline.config;

import java.util.List;

/** One alert channel read on its own (an API payload): the channel, or every error found in it. */
public sealed interface ChannelResult {

    record Loaded(ChannelConfig channel) implements ChannelResult {}

    record Rejected(List<ConfigError> errors) implements ChannelResult {
        public Rejected {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) throw new IllegalArgumentException("a rejected channel needs at least one error");
        }
    }
}
