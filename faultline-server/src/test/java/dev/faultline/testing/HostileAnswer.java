package dev.faultline.testing;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** How a {@link HostileServer} answers one request it has read the head of. */
@FunctionalInterface
interface HostileAnswer {

    /** Answers {@code request}; returns whether the connection may carry another request. */
    boolean answer(RequestHead request, Exchange exchange) throws IOException;

    /** Advertised by {@link #trickle}: large enough that the body never completes. */
    long TRICKLE_CONTENT_LENGTH = 1L << 30;

    static HostileAnswer hang() {
        return (request, exchange) -> {
            exchange.drainUntilClosed();
            return false;
        };
    }

    static HostileAnswer trickle(int bytesPerSecond) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("bytesPerSecond must be positive: " + bytesPerSecond);
        }
        // At most ten writes a second: one byte per tick at low rates, a batch at high ones.
        int batch = Math.max(1, bytesPerSecond / 10);
        long pauseNanos = TimeUnit.SECONDS.toNanos(1) * batch / bytesPerSecond;
        byte[] bytes = "x".repeat(batch).getBytes(StandardCharsets.US_ASCII);
        return (request, exchange) -> {
            exchange.writeHead(200, Map.of("Content-Type", "text/plain",
                    "Content-Length", Long.toString(TRICKLE_CONTENT_LENGTH)));
            try {
                while (true) {
                    exchange.writeBody(bytes, 0, batch);
                    TimeUnit.NANOSECONDS.sleep(pauseNanos);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
    }

    static HostileAnswer endless() {
        return endless(200, Map.of("Content-Type", "application/octet-stream"));
    }

    /** Answers {@code code} with {@code headers} and a chunked body that never ends. */
    static HostileAnswer endless(int code, Map<String, String> headers) {
        byte[] chunk = new byte[64 * 1024];
        new Random(7).nextBytes(chunk);
        byte[] chunkHead = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
        var head = new LinkedHashMap<>(headers);
        head.put("Transfer-Encoding", "chunked");
        Map<String, String> fixedHead = Map.copyOf(head);
        return (request, exchange) -> {
            // A small send buffer keeps bytesSent() close to what the client really took.
            exchange.socket.setSendBufferSize(chunk.length);
            exchange.writeHead(code, fixedHead);
            while (true) {
                exchange.writeRaw(chunkHead);
                exchange.writeBody(chunk, 0, chunk.length);
                exchange.writeRaw(crlf);
            }
        };
    }

    /** {@code /done} answers 200 "done"; anything else is a 302 to it whose body never ends. */
    static HostileAnswer redirectWithEndlessBody() {
        HostileAnswer done = status(200, Map.of(), "done");
        return (request, exchange) -> request.path().equals("/done")
                ? done.answer(request, exchange)
                : endless(302, Map.of("Location", exchange.absolute("/done"), "Content-Type", "text/html"))
                        .answer(request, exchange);
    }

    static HostileAnswer garbage() {
        return (request, exchange) -> {
            byte[] noise = new byte[512];
            new Random(42).nextBytes(noise);
            exchange.writeRaw("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
            exchange.writeRaw(noise);
            // Half-close, then let the client finish: closing with unread input would send a
            // reset, and the client might then never see the garbage.
            exchange.socket.shutdownOutput();
            exchange.socket.setSoTimeout(1000);
            try {
                exchange.drainUntilClosed();
            } catch (SocketTimeoutException e) {
                // the client keeps its end open; close ours anyway
            }
            return false;
        };
    }

    static HostileAnswer status(int code, Map<String, String> headers, String body) {
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("not an HTTP status code: " + code);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var head = new LinkedHashMap<>(headers);
        head.putIfAbsent("Content-Type", "text/plain; charset=utf-8");
        head.put("Content-Length", Integer.toString(bytes.length));
        Map<String, String> fixedHead = Map.copyOf(head);
        return (request, exchange) -> {
            boolean keepAlive = request.keepAlive();
            var sent = new LinkedHashMap<>(fixedHead);
            if (!keepAlive) {
                sent.put("Connection", "close");
            }
            exchange.writeHead(code, sent);
            if (!request.method().equals("HEAD")) {
                exchange.writeBody(bytes, 0, bytes.length);
            }
            return keepAlive;
        };
    }

    static HostileAnswer redirectToSelf() {
        return (request, exchange) ->
                status(302, Map.of("Location", exchange.absolute(request.target())), "")
                        .answer(request, exchange);
    }

    /** /r/1 → /r/2 → … → /r/n → /done, which answers 200 "done"; anything else is a 404. */
    static HostileAnswer redirectChain(int hops) {
        if (hops < 1) {
            throw new IllegalArgumentException("a redirect chain needs at least one hop: " + hops);
        }
        HostileAnswer done = status(200, Map.of(), "done");
        HostileAnswer notFound = status(404, Map.of(), "not found");
        return (request, exchange) -> {
            String path = request.path();
            if (path.equals("/done")) {
                return done.answer(request, exchange);
            }
            int hop = path.startsWith("/r/") ? parseHop(path.substring(3)) : -1;
            if (hop < 1 || hop > hops) {
                return notFound.answer(request, exchange);
            }
            String next = hop == hops ? "/done" : "/r/" + (hop + 1);
            return status(302, Map.of("Location", exchange.absolute(next)), "").answer(request, exchange);
        };
    }

    private static int parseHop(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
