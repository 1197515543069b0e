package dev.faultline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 server on 127.0.0.1 that misbehaves in one chosen way, for probe tests.
 *
 * <p>Each connection runs on its own virtual thread; the server reads every request head before
 * it misbehaves, so {@link #hits()} and {@link #lastRequest()} see what the client sent.
 * Well-formed answers ({@link #status}, the redirects) keep the connection alive as HTTP/1.1
 * allows, so {@link #connections()} tells whether a client reused a connection.
 * {@link #close()} closes the listening socket and every open connection.
 */
public final class HostileServer implements AutoCloseable {

    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong bodyBytesSent = new AtomicLong();
    private volatile HostileAnswer answer;
    private volatile RequestHead lastRequest;
    private volatile boolean closed;

    private HostileServer(HostileAnswer answer) {
        this.answer = answer;
        try {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(Loopback.ADDRESS, 0), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:0", e);
        }
        Thread.ofVirtual().name("hostile-accept-" + port()).start(this::acceptLoop);
    }

    /** Reads the request, never answers, and keeps the connection open until either side closes it. */
    public static HostileServer acceptsAndHangs() {
        return new HostileServer(HostileAnswer.hang());
    }

    /** Sends a 200 head with a 1 GiB Content-Length, then the body at {@code bytesPerSecond}, forever. */
    public static HostileServer tricklesBody(int bytesPerSecond) {
        return new HostileServer(HostileAnswer.trickle(bytesPerSecond));
    }

    /** Sends a chunked 200 whose body never ends, as fast as the client reads; see {@link #bytesSent()}. */
    public static HostileServer endlessBody() {
        return new HostileServer(HostileAnswer.endless());
    }

    /**
     * Redirects every path but {@code /done} there with a 302 whose body never ends (counted in
     * {@link #bytesSent()}); {@code /done} answers 200 "done".
     */
    public static HostileServer redirectsWithEndlessBody() {
        return new HostileServer(HostileAnswer.redirectWithEndlessBody());
    }

    /** Answers with an SSH banner and random bytes instead of HTTP, then closes the connection. */
    public static HostileServer garbage() {
        return new HostileServer(HostileAnswer.garbage());
    }

    /** Answers every request with a 302 whose Location is the URL just requested. */
    public static HostileServer redirectsToItself() {
        return new HostileServer(HostileAnswer.redirectToSelf());
    }

    /**
     * Redirects {@code /r/1} → {@code /r/2} → … → {@code /r/n} → {@code /done}, which answers
     * 200 "done"; start at {@code url("/r/1")}. Other paths get a 404.
     */
    public static HostileServer redirectChain(int n) {
        return new HostileServer(HostileAnswer.redirectChain(n));
    }

    /**
     * Answers every request well-formed, with status {@code code}, the given extra headers
     * (e.g. Retry-After) and {@code body} as UTF-8 text; HEAD requests get no body.
     */
    public static HostileServer status(int code, Map<String, String> headers, String body) {
        return new HostileServer(HostileAnswer.status(code, headers, body));
    }

    /** From now on, answers as {@link #status} would: lets an origin start failing mid-test. */
    public void switchToStatus(int code, Map<String, String> headers, String body) {
        answer = HostileAnswer.status(code, headers, body);
    }

    /**
     * Answers the next {@code requests} requests as {@link #status} would, then as it did before:
     * a brief failure that a re-check right after it no longer sees.
     */
    public void failNext(int requests, int code, Map<String, String> headers, String body) {
        HostileAnswer before = answer;
        HostileAnswer failing = HostileAnswer.status(code, headers, body);
        AtomicInteger left = new AtomicInteger(requests);
        answer = (request, exchange) -> left.getAndDecrement() > 0 ? failing.answer(request, exchange) : before.answer(request, exchange);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Returns {@code http://127.0.0.1:PORT} followed by {@code path} (which starts with "/"). */
    public URI url(String path) {
        return Loopback.url("http", port(), path);
    }

    /** The number of request heads read so far, over all connections. */
    public int hits() {
        return hits.get();
    }

    /** The number of connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /**
     * The number of response body bytes (chunk framing excluded) the socket has accepted so far.
     * Bytes still in the kernel's buffers count, so it runs ahead of what the client has read by
     * up to the loopback buffer sizes (a few MB).
     */
    public long bytesSent() {
        return bodyBytesSent.get();
    }

    /** The head of the latest request, if any came. */
    public Optional<RequestHead> lastRequest() {
        return Optional.ofNullable(lastRequest);
    }

    /** The header fields of the latest request (case-insensitive keys), or an empty map. */
    public Map<String, String> lastRequestHeaders() {
        return lastRequest().map(RequestHead::headers).orElse(Map.of());
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        open.forEach(HostileServer::closeQuietly);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = listener.accept();
                connections.incrementAndGet();
                open.add(socket);
                if (closed) {
                    closeQuietly(socket);
                }
                Thread.ofVirtual().name("hostile-conn-" + port()).start(() -> serve(socket));
            } catch (IOException e) {
                return; // the listener was closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            var exchange = new Exchange(socket, bodyBytesSent);
            while (!closed) {
                RequestHead request = RequestHead.read(exchange.in);
                if (request == null) {
                    return;
                }
                lastRequest = request; // before the hit, so a test that saw the hit sees the request
                hits.incrementAndGet();
                exchange.skip(request.contentLength());
                boolean keepAlive = answer.answer(request, exchange) && !request.hasChunkedBody();
                if (!keepAlive) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away or the server closed: the usual end of a hostile exchange
        } finally {
            open.remove(socket);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing a fixture must not fail a test
        }
    }
}
