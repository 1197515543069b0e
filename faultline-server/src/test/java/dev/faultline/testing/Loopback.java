package dev.faultline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;

/** 127.0.0.1, the only address the fixtures bind to or talk to. */
final class Loopback {

    static final InetAddress ADDRESS = ipv4Loopback();

    private Loopback() {
    }

    static URI url(String scheme, int port, String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        return URI.create(scheme + "://127.0.0.1:" + port + path);
    }

    /** A port that was free a moment ago: whoever binds it next may still lose a race for it. */
    static int freePort() {
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(ADDRESS, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:0", e);
        }
    }

    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4-byte address is always valid", e);
        }
    }
}
