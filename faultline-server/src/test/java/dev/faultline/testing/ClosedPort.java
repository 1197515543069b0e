package dev.faultline.testing;

import java.net.URI;

/**
 * A port on 127.0.0.1 that nothing listens on, so connecting to it is refused at once.
 *
 * <p>The port was bound and released when this was made; another process could take it in
 * between, which on a test machine practically never happens.
 */
public final class ClosedPort implements AutoCloseable {

    private final int port;

    private ClosedPort(int port) {
        this.port = port;
    }

    public static ClosedPort pick() {
        return new ClosedPort(Loopback.freePort());
    }

    public int port() {
        return port;
    }

    /** Returns {@code http://127.0.0.1:PORT} followed by {@code path}. */
    public URI url(String path) {
        return Loopback.url("http", port, path);
    }

    /** Nothing to release; here so all fixtures are used the same way. */
    @Override
    public void close() {
    }
}
