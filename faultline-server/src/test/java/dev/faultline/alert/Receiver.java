package dev.faultline.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.faultline.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A provider's endpoint on 127.0.0.1 (the JDK's HttpServer): records every request exactly as
 * it arrived and answers each with the scripted status, headers and body.
 */
public final class Receiver implements AutoCloseable {

    /** One request as received: the raw body bytes, so that signatures can be recomputed. */
    public record Received(String method, String path, String rawQuery, Headers headers, byte[] body) {

        public String header(String name) {
            return headers.getFirst(name);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }

        /** The body as an {@code application/x-www-form-urlencoded} form. */
        public Map<String, String> form() {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : text().split("&")) {
                int eq = pair.indexOf('=');
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return form;
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status;
    private volatile Map<String, String> headers;
    private volatile String body;

    private Receiver(int status, Map<String, String> headers, String body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers every request with this status, headers and body. */
    public static Receiver answering(int status, Map<String, String> headers, String body) {
        return new Receiver(status, headers, body);
    }

    public static Receiver answering(int status, String body) {
        return answering(status, Map.of("Content-Type", "application/json"), body);
    }

    /** {@code http://127.0.0.1:PORT} followed by {@code path}. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public Received only() {
        if (received.size() != 1) throw new AssertionError("expected one request, got " + received.size());
        return received.getFirst();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            received.add(new Received(exchange.getRequestMethod().toUpperCase(Locale.ROOT), uri.getRawPath(),
                    uri.getRawQuery(), exchange.getRequestHeaders(), requestBody));
            headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) exchange.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
