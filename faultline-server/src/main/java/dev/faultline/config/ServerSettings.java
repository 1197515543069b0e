package dev.faultline.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the server listens and keeps its data.
 *
 * @param port             the HTTP port; 0 picks a free one
 * @param host             the address to listen on; loopback by default, so that nothing is exposed
 *                         before the operator chooses to
 * @param dataDir          the embedded SQLite database's folder, as written (relative to the working directory)
 * @param databaseUrl      a PostgreSQL JDBC URL; when present the server uses PostgreSQL instead of SQLite
 * @param resultRetention  how long each check result is kept
 * @param rollupRetention  how long hourly rollups (uptime, trends) are kept
 * @param access           API tokens from the file, and whether /metrics is public
 * @param region           the probe region of the server's own checks ({@code local} unless configured)
 * @param canaries         URLs every probe region checks to tell its own connectivity from its targets'
 */
public record ServerSettings(int port, String host, Path dataDir, Optional<String> databaseUrl,
                             Duration resultRetention, Duration rollupRetention, AccessSettings access, String region,
                             List<URI> canaries) {

    public static final ServerSettings DEFAULT = new ServerSettings(8080, "127.0.0.1", Path.of("./data"), Optional.empty(),
            Duration.ofDays(30), Duration.ofDays(400));

    /** Settings with no API tokens from the file, a signed-in-only /metrics, the region {@code local} and no canaries. */
    public ServerSettings(int port, String host, Path dataDir, Optional<String> databaseUrl, Duration resultRetention,
                          Duration rollupRetention) {
        this(port, host, dataDir, databaseUrl, resultRetention, rollupRetention, AccessSettings.DEFAULT,
                AgentConfig.LOCAL_REGION, List.of());
    }

    public ServerSettings {
        try {
            AgentConfig.requireRegionName(region);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("region: " + e.getMessage());
        }
        canaries = List.copyOf(canaries);
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port: " + port + " is outside 0 to 65535");
        if (host == null || host.isBlank()) throw new IllegalArgumentException("host: give an address such as 0.0.0.0 or 127.0.0.1");
        if (resultRetention == null || resultRetention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("retention.results: keep results for at least 1d");
        }
        if (rollupRetention == null || rollupRetention.compareTo(Duration.ofDays(90)) < 0) {
            throw new IllegalArgumentException("retention.rollups: keep rollups for at least 90d, the longest uptime window");
        }
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(access, "access");
        databaseUrl.ifPresent(url -> {
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("database_url: '" + url
                        + "' is not a PostgreSQL JDBC URL such as jdbc:postgresql://127.0.0.1:5432/faultline");
            }
        });
    }
}
