package dev.faultline.alert;

import dev.faultline.alert.InvalidSettings.SettingError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import okhttp3.HttpUrl;

/**
 * Reads a channel's settings (the config entry's keys as text, {@code ${VAR}} already replaced)
 * and collects every error with its key, so that one pass reports all of them. Each getter
 * marks its key as known; {@link #build} then rejects the unknown ones, typos included.
 */
public final class SettingsReader {

    private final String type;
    private final Map<String, String> settings;
    private final Set<String> known = new LinkedHashSet<>();
    private final List<SettingError> errors = new ArrayList<>();

    private SettingsReader(String type, Map<String, String> settings) {
        this.type = type;
        this.settings = Map.copyOf(settings);
    }

    /** @param type the channel type, for messages such as "required for type slack" */
    public static SettingsReader of(String type, Map<String, String> settings) {
        return new SettingsReader(type, settings);
    }

    /** The value, or null after recording that it is missing. */
    public String required(String key, String what) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) fail(key, "required for type " + type + ": " + what);
        return value.orElse(null);
    }

    /** The value when given and not blank. */
    public Optional<String> optional(String key) {
        known.add(key);
        String value = settings.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** An absolute http(s) URL, or null after recording why not. */
    public URI url(String key, String what) {
        String text = required(key, what);
        return text == null ? null : parseUrl(key, text);
    }

    /** An absolute http(s) URL with a default. */
    public URI url(String key, URI fallback) {
        return optional(key).map(text -> parseUrl(key, text)).orElse(fallback);
    }

    public boolean bool(String key, boolean fallback) {
        return optional(key).map(text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                fail(key, "expected true or false, got '" + text + "'");
                yield fallback;
            }
        }).orElse(fallback);
    }

    /** A TCP port, 1 to 65535. */
    public int port(String key, int fallback) {
        return optional(key).map(text -> {
            try {
                int port = Integer.parseInt(text);
                if (port >= 1 && port <= 65535) return port;
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            fail(key, "expected a port number from 1 to 65535, got '" + text + "'");
            return fallback;
        }).orElse(fallback);
    }

    /** Records an error for this key (for checks of a channel's own). */
    public void fail(String key, String message) {
        errors.add(new SettingError(key, message));
    }

    /**
     * The settings record, made by {@code make} once every key was read without error.
     *
     * @throws InvalidSettings naming every wrong, missing and unknown key
     */
    public <T> T build(Supplier<T> make) {
        for (String key : new TreeSet<>(settings.keySet())) {
            if (!known.contains(key)) {
                fail(key, "unknown setting for type " + type + "; known: " + String.join(", ", known));
            }
        }
        if (!errors.isEmpty()) throw new InvalidSettings(errors);
        return make.get();
    }

    private URI parseUrl(String key, String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("http") || scheme.equals("https");
            if (web && uri.getHost() != null && HttpUrl.parse(text) != null) return uri;
        } catch (URISyntaxException invalid) {
            // reported below
        }
        // The text may hold a token (a Slack webhook URL is one): never repeat it.
        fail(key, "expected an absolute http:// or https:// URL");
        return null;
    }
}
