package dev.faultline.alert.outbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A webhook receiver on 127.0.0.1 whose n-th answer the test scripts (status, headers, a delay
 * before answering). Requests are handled on virtual threads, so a slow answer holds up no other.
 * It keeps every request, with when it arrived, and counts as shown only the first accepted
 * request of each {@code Idempotency-Key}, as a receiver that honours the key would.
 */
final class ScriptedReceiver implements AutoCloseable {

    record Answer(int status, Map<String, String> headers, Duration delay) {
        static Answer of(int status) {
            return new Answer(status, Map.of(), Duration.ZERO);
        }
    }

    /** One request as it arrived; {@code arrivedNanos} is {@link System#nanoTime()}. */
    record Request(String idempotencyKey, String event, String body, long arrivedNanos, int answeredWith) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final IntFunction<Answer> script;
    private final AtomicInteger arrived = new AtomicInteger();

    /** @param script the answer to the n-th request, counting from 1 */
    ScriptedReceiver(IntFunction<Answer> script) {
        this.script = script;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    static ScriptedReceiver always(int status) {
        return new ScriptedReceiver(n -> Answer.of(status));
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests a receiver honouring Idempotency-Key would show: the first accepted one of each key. */
    long shown() {
        return requests.stream().filter(r -> r.answeredWith() / 100 == 2).map(Request::idempotencyKey).distinct().count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long at = System.nanoTime();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Answer answer = script.apply(arrived.incrementAndGet());
            requests.add(new Request(exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst("X-Faultline-Event"), new String(body, StandardCharsets.UTF_8),
                    at, answer.status()));
            if (!answer.delay().isZero()) sleep(answer.delay());
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            if (answer.status() == 204) {
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            byte[] text = ("answer " + answer.status()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), text.length);
            exchange.getResponseBody().write(text);
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
