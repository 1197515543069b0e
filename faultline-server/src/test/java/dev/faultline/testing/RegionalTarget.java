package dev.faultline.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A target that answers by the probe region its request names in the User-Agent
 * ({@code Faultline/<version> (+region=<name>)}): each path is a monitor, failing for the regions
 * it is told to fail for. Every request is recorded with its region and the time it came.
 */
public final class RegionalTarget implements AutoCloseable {

    private static final Pattern REGION = Pattern.compile("\\(\\+region=([^)]+)\\)");

    /** One request: the path, the region it named and what it was answered. */
    public record Hit(String path, String region, Instant at, int status) {
    }

    private final HttpServer server;
    private final Map<String, Set<String>> failingFor = new ConcurrentHashMap<>();
    private final List<Hit> hits = new CopyOnWriteArrayList<>();

    private RegionalTarget(HttpServer server) {
        this.server = server;
    }

    public static RegionalTarget start() {
        return start(Loopback.ADDRESS);
    }

    /** On another local address (a network namespace's host side, say). */
    public static RegionalTarget start(InetAddress address) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 100);
            RegionalTarget target = new RegionalTarget(server);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                try (exchange) {
                    String agent = String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent"));
                    Matcher m = REGION.matcher(agent);
                    String region = m.find() ? m.group(1) : "?";
                    String path = exchange.getRequestURI().getPath();
                    Set<String> failing = target.failingFor.getOrDefault(path, Set.of());
                    int status = failing.contains(region) || failing.contains("*") ? 502 : 200;
                    target.hits.add(new Hit(path, region, Instant.now(), status));
                    byte[] body = (status == 200 ? "ok" : "bad gateway").getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(status, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            });
            server.start();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url(String path) {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + path);
    }

    /** Makes {@code path} answer 502 to these regions ({@code *}: to every region) and 200 to the others. */
    public void failFor(String path, Set<String> regions) {
        failingFor.put(path, Set.copyOf(regions));
    }

    public List<Hit> hits() {
        return List.copyOf(hits);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
