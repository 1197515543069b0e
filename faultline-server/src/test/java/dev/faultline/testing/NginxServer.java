package dev.faultline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real nginx on 127.0.0.1, with its own prefix dir and configuration, for real proxy failures.
 *
 * <p>{@link #start(String)} takes the inside of the {@code http { }} block: one or more
 * {@code server { }} blocks in which {@code ${PORT}} stands for the port chosen for nginx and
 * {@code ${DIR}} for its prefix dir (for cache paths). The surrounding configuration keeps logs,
 * temp files and the pid file inside that dir. {@link #close()} stops nginx and deletes the dir;
 * nginx also stops by itself when the JVM exits.
 */
public final class NginxServer implements AutoCloseable {

    private static final int START_ATTEMPTS = 3;

    private static final String MAIN_CONFIG = """
            daemon off;
            master_process on;
            worker_processes 1;
            pid ${DIR}/nginx.pid;
            error_log ${DIR}/error.log notice;
            events { worker_connections 256; }
            http {
                access_log ${DIR}/access.log;
                default_type text/plain;
                client_body_temp_path ${DIR}/tmp/client_body;
                proxy_temp_path ${DIR}/tmp/proxy;
                fastcgi_temp_path ${DIR}/tmp/fastcgi;
                uwsgi_temp_path ${DIR}/tmp/uwsgi;
                scgi_temp_path ${DIR}/tmp/scgi;
            ${HTTP}
            }
            """;

    private final NginxProcess process;
    private final int port;

    private NginxServer(NginxProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts nginx with {@code httpBlockBody} inside its {@code http { }} block and waits until
     * it accepts connections. Picks another port and tries again if the first was taken.
     */
    public static NginxServer start(String httpBlockBody) {
        String lastLog = "";
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            Path prefix = NginxProcess.newPrefix();
            int port = Loopback.freePort();
            String config = MAIN_CONFIG.replace("${HTTP}", httpBlockBody)
                    .replace("${PORT}", Integer.toString(port))
                    .replace("${DIR}", prefix.toString());
            NginxProcess process;
            try {
                Files.writeString(prefix.resolve("nginx.conf"), config, StandardCharsets.UTF_8);
                process = NginxProcess.launch(prefix);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start nginx in " + prefix, e);
            }
            if (process.awaitReady(port)) {
                return new NginxServer(process, port);
            }
            process.stop();
            lastLog = process.log("error.log") + process.log("stdout.log");
            process.deletePrefix();
            if (!lastLog.contains("Address already in use")) {
                throw new IllegalStateException("nginx did not start; configuration:\n" + config
                        + "\nerror log:\n" + lastLog);
            }
        }
        throw new IllegalStateException("nginx found no free port in " + START_ATTEMPTS + " attempts:\n" + lastLog);
    }

    /** Proxies everything to a closed port on 127.0.0.1: nginx answers a real 502. */
    public static NginxServer badGateway() {
        return proxyTo(ClosedPort.pick().port(), "");
    }

    /**
     * Proxies everything to {@code hungUpstream} (e.g. {@link HostileServer#acceptsAndHangs()})
     * with {@code proxy_read_timeout 1s}: nginx answers a real 504 after about a second.
     */
    public static NginxServer gatewayTimeout(HostileServer hungUpstream) {
        return proxyTo(hungUpstream.port(), "proxy_read_timeout 1s;");
    }

    /** Answers everything 503 "down for maintenance" with {@code Retry-After: retryAfterSeconds}. */
    public static NginxServer maintenance(int retryAfterSeconds) {
        return start("""
                server {
                    listen 127.0.0.1:${PORT};
                    location / {
                        add_header Retry-After %d always;
                        return 503 "down for maintenance\\n";
                    }
                }
                """.formatted(retryAfterSeconds));
    }

    /** {@link #cachingProxy(URI, int)} with a validity of 2 s. */
    public static NginxServer cachingProxy(URI origin) {
        return cachingProxy(origin, 2);
    }

    /**
     * A CDN in front of {@code origin} (an http URL on 127.0.0.1; its path is ignored): caches 200s
     * for {@code validSeconds} whatever the origin's cache headers say, then serves the stale copy
     * while the origin errs, times out (2 s) or answers 5xx. Every answer carries
     * {@code X-Cache-Status} (MISS, HIT, EXPIRED, STALE, UPDATING…). nginx counts whole seconds:
     * wait at least validSeconds + 1.1 s before expecting STALE. A URL never cached passes the
     * origin's error through.
     */
    public static NginxServer cachingProxy(URI origin, int validSeconds) {
        if (!"http".equals(origin.getScheme()) || origin.getPort() < 0) {
            throw new IllegalArgumentException("origin must be http://127.0.0.1:PORT: " + origin);
        }
        return start("""
                proxy_cache_path ${DIR}/cache levels=1:2 keys_zone=faultline:1m max_size=64m inactive=10m use_temp_path=off;
                server {
                    listen 127.0.0.1:${PORT};
                    location / {
                        proxy_pass http://%s:%d;
                        proxy_connect_timeout 1s;
                        proxy_read_timeout 2s;
                        proxy_cache faultline;
                        proxy_cache_valid 200 %ds;
                        proxy_ignore_headers Cache-Control Expires Set-Cookie X-Accel-Expires;
                        proxy_cache_use_stale error timeout http_500 http_502 http_503 http_504 updating;
                        add_header X-Cache-Status $upstream_cache_status always;
                    }
                }
                """.formatted(origin.getHost(), origin.getPort(), validSeconds));
    }

    public int port() {
        return port;
    }

    /** Returns {@code http://127.0.0.1:PORT} followed by {@code path}. */
    public URI url(String path) {
        return Loopback.url("http", port, path);
    }

    /** The prefix dir holding nginx.conf, error.log, access.log and the temp and cache dirs. */
    public Path prefix() {
        return process.prefix;
    }

    /** The error log so far, for failure messages. */
    public String errorLog() {
        return process.log("error.log");
    }

    @Override
    public void close() {
        process.stop();
        process.deletePrefix();
    }

    private static NginxServer proxyTo(int upstreamPort, String extraDirectives) {
        return start("""
                server {
                    listen 127.0.0.1:${PORT};
                    location / {
                        proxy_pass http://127.0.0.1:%d;
                        proxy_connect_timeout 1s;
                        %s
                    }
                }
                """.formatted(upstreamPort, extraDirectives));
    }
}
