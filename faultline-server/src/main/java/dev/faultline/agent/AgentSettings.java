package dev.faultline.agent;

import dev.faultline.config.AgentConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How an agent reaches its server and keeps its results.
 *
 * @param server      the server's base URL, e.g. {@code http://faultline.internal:8080}
 * @param bufferMax   the most the buffer keeps on disk; past it the oldest results are dropped (and logged)
 * @param uploadEvery how often the results gathered so far are sealed into a batch and sent
 */
public record AgentSettings(URI server, String region, String token, Path bufferDir, long bufferMax, Duration uploadEvery) {

    /** A batch holds at most this many results; more in a second make more batches. */
    public static final int BATCH_SIZE = 500;

    public AgentSettings {
        Objects.requireNonNull(server, "server");
        if (!("http".equals(server.getScheme()) || "https".equals(server.getScheme())) || server.getHost() == null) {
            throw new IllegalArgumentException("server: '" + server + "' is not an http(s) URL such as http://127.0.0.1:8080");
        }
        try {
            AgentConfig.requireRegionName(region);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("region: " + e.getMessage());
        }
        if (token == null || token.isBlank()) throw new IllegalArgumentException("token: must not be empty");
        Objects.requireNonNull(bufferDir, "bufferDir");
        if (bufferMax < 1024 * 1024) throw new IllegalArgumentException("buffer-max: keep at least 1MiB");
        if (uploadEvery == null || uploadEvery.isNegative() || uploadEvery.isZero()) {
            throw new IllegalArgumentException("upload-every: must be positive");
        }
    }

    @Override
    public String toString() {
        // The token stays out of every log line.
        return "AgentSettings[server=" + server + ", region=" + region + ", bufferDir=" + bufferDir + ", bufferMax=" + bufferMax + "]";
    }
}
