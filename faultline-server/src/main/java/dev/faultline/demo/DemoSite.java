package dev.faultline.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small site that misbehaves the way real services do, one endpoint per verdict, so that
 * {@code faultline demo} shows every kind of failure within a minute. Loopback only.
 */
public final class DemoSite implements AutoCloseable {

    private final HttpServer server;
    private final AtomicLong flakyHits = new AtomicLong();

    private DemoSite(HttpServer server) {
        this.server = server;
    }

    /** Starts on 127.0.0.1 at {@code port} (0 for any free port). */
    public static DemoSite start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            DemoSite site = new DemoSite(server);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", site::route);
            server.start();
            return site;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo site on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            switch (exchange.getRequestURI().getPath()) {
                case "/healthy" -> send(exchange, 200, Map.of("Content-Type", "text/plain"), "ok");
                // One answer in six is a 500: brief blips that heal on the next check.
                case "/flaky" -> {
                    boolean blip = flakyHits.incrementAndGet() % 6 == 0;
                    send(exchange, blip ? 500 : 200, Map.of(), blip ? "internal error" : "ok");
                }
                case "/moved" -> send(exchange, 404, Map.of(), "no such page");
                case "/admin" -> send(exchange, 401, Map.of("WWW-Authenticate", "Bearer"), "sign in first");
                case "/rate-limited" -> send(exchange, 429, Map.of("Retry-After", "30"), "slow down");
                case "/maintenance" -> send(exchange, 503, Map.of("Retry-After", "120"), "down for maintenance");
                case "/gateway-timeout" -> send(exchange, 504, Map.of(), "upstream timed out");
                case "/slow" -> {
                    pause(1500);
                    send(exchange, 200, Map.of(), "ok, eventually");
                }
                case "/api/health" -> send(exchange, 200, Map.of("Content-Type", "application/json"),
                        "{\"status\":\"degraded\",\"database\":\"unreachable\"}");
                // An origin that fails behind an edge that still serves an old copy.
                case "/cdn/origin" -> send(exchange, 502, Map.of(), "bad gateway");
                case "/cdn/edge" -> send(exchange, 200,
                        Map.of("Age", Long.toString(600 + System.currentTimeMillis() / 1000 % 3600), "X-Cache", "HIT"),
                        "<html>yesterday's page</html>");
                default -> send(exchange, 404, Map.of(), "the demo has no page here");
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
