package dev.faultline.alert;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A channel's settings are wrong: each error names the key, so that the config loader can point
 * at {@code channels[2].routing_key} and the API at the field.
 */
public final class InvalidSettings extends IllegalArgumentException {

    /** One wrong or missing setting. */
    public record SettingError(String key, String message) {
        @Override
        public String toString() {
            return key + ": " + message;
        }
    }

    private final transient List<SettingError> errors;

    public InvalidSettings(List<SettingError> errors) {
        super(errors.stream().map(SettingError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<SettingError> errors() {
        return errors;
    }
}
