package dev.faultline.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the server listens and keeps its data.
 *
 * @param port        the HTTP port; 0 picks a free one
 * @param dataDir     the embedded SQLite database's folder, as written (relative to the working directory)
 * @param databaseUrl a PostgreSQL JDBC URL; when present the server uses PostgreSQL instead of SQLite
 */
public record ServerSettings(int port, Path dataDir, Optional<String> databaseUrl) {

    public static final ServerSettings DEFAULT = new ServerSettings(8080, Path.of("./data"), Optional.empty());

    public ServerSettings {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port: " + port + " is outside 0 to 65535");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        databaseUrl.ifPresent(url -> {
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("database_url: '" + url
                        + "' is not a PostgreSQL JDBC URL such as jdbc:postgresql://127.0.0.1:5432/faultline");
            }
        });
    }
}
