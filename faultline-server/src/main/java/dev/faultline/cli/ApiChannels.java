package dev.faultline.cli;

import dev.faultline.channels.ChannelRegistry;
import dev.faultline.config.ChannelConfig;
import dev.faultline.config.ServerSettings;
import dev.faultline.secret.SecretBox;
import dev.faultline.secret.SecretKeys;
import dev.faultline.store.Store;
import dev.faultline.store.StoreSettings;
import dev.faultline.store.StoredChannel;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The channels created through the API, as a command that does not run the server finds them:
 * in the database the config names, their credentials opened with the server's key. Nothing is
 * made that is not there: no SQLite file and no key file are created (a data folder without a
 * database has no API channels), so pointing a command at the wrong folder leaves no trace.
 */
final class ApiChannels {

    /** Why the API channels could not be read: the message says which setting to look at. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The channel of that name, when the API created one; and the names of all of them. */
    record Lookup(Optional<ChannelConfig> channel, List<String> names) {
    }

    private ApiChannels() {
    }

    /** @throws Unreadable when the database cannot be opened or the channel's credentials do not open */
    static Lookup find(ServerSettings settings, Map<String, String> environment, String name) {
        Optional<StoreSettings> database = settings.databaseUrl().map(StoreSettings::postgres).or(() ->
                Files.exists(settings.dataDir().resolve("faultline.db")) ? Optional.of(StoreSettings.sqlite(settings.dataDir()))
                        : Optional.empty());
        if (database.isEmpty()) return new Lookup(Optional.empty(), List.of());
        // The server's own way in (it brings an older schema up to date, as the server would on start).
        try (Store store = open(database.get(), settings)) {
            List<String> names = store.channels().all().stream().map(StoredChannel::name).toList();
            if (!names.contains(name)) return new Lookup(Optional.empty(), names);
            SecretBox key;
            try {
                key = SecretKeys.existing(environment, settings.dataDir()).orElseThrow(() -> new Unreadable("channel '" + name
                        + "' was created through the API, but its credentials need the server's key: set "
                        + SecretKeys.VARIABLE + " or run where " + settings.dataDir().resolve(SecretKeys.FILE_NAME)
                        + " is", null));
            } catch (IllegalArgumentException e) {
                throw new Unreadable(e.getMessage(), e);
            }
            try {
                return new Lookup(ChannelRegistry.stored(store.channels(), key, name), names);
            } catch (SecretBox.CannotOpen e) {
                throw new Unreadable(e.getMessage(), e);
            }
        }
    }

    private static Store open(StoreSettings database, ServerSettings settings) {
        try {
            return Store.open(database);
        } catch (RuntimeException e) {
            String where = settings.databaseUrl().isPresent() ? "server.database_url"
                    : settings.dataDir().resolve("faultline.db").toString();
            throw new Unreadable("cannot read the channels created through the API from " + where + ": " + e.getMessage(), e);
        }
    }
}
