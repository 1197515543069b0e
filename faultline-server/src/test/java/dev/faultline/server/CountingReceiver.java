package dev.faultline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.faultline.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A webhook receiver on 127.0.0.1 that keeps every delivery (its Idempotency-Key, event and body,
 * with when it arrived) and can hold the n-th request before answering, so that a test can kill
 * the sender in the middle of a send. It counts what a receiver honouring Idempotency-Key shows.
 */
final class CountingReceiver implements AutoCloseable {

    record Delivery(String idempotencyKey, String event, JsonNode body, long arrivedNanos, java.time.Instant arrivedAt) {
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger arrived = new AtomicInteger();
    private final IntFunction<Duration> holdNth;

    /** @param holdNth how long to hold the n-th request (counting from 1) before answering 204 */
    CountingReceiver(IntFunction<Duration> holdNth) {
        this.holdNth = holdNth;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    static CountingReceiver answering() {
        return new CountingReceiver(n -> Duration.ZERO);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    List<Delivery> of(String event) {
        return deliveries.stream().filter(d -> event.equals(d.event())).toList();
    }

    /** Deliveries of the event with distinct Idempotency-Keys: what a receiver honouring the key shows. */
    long shown(String event) {
        return of(event).stream().map(Delivery::idempotencyKey).distinct().count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long at = System.nanoTime();
            java.time.Instant wall = java.time.Instant.now();
            JsonNode body = Json.mapper().readTree(exchange.getRequestBody().readAllBytes());
            deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst("X-Faultline-Event"), body, at, wall));
            Duration hold = holdNth.apply(arrived.incrementAndGet());
            if (!hold.isZero()) Thread.sleep(hold);
            exchange.sendResponseHeaders(204, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
