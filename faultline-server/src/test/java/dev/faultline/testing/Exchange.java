package dev.faultline.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** One accepted connection of a {@link HostileServer}: its streams and the server's byte count. */
final class Exchange {

    final Socket socket;
    final InputStream in;
    private final OutputStream out;
    private final AtomicLong bodyBytesSent;

    Exchange(Socket socket, AtomicLong bodyBytesSent) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.bodyBytesSent = bodyBytesSent;
    }

    /** The absolute URL of {@code target} on this server, for Location headers. */
    String absolute(String target) {
        return "http://127.0.0.1:" + socket.getLocalPort() + target;
    }

    void writeHead(int code, Map<String, String> headers) throws IOException {
        var head = new StringBuilder("HTTP/1.1 ").append(code).append(' ').append(reason(code)).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Writes body bytes (framing excluded) and counts them once the socket accepted them. */
    void writeBody(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        out.flush();
        bodyBytesSent.addAndGet(length);
    }

    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void skip(long bytes) throws IOException {
        in.skipNBytes(bytes);
    }

    /** Blocks until the peer closes the connection or the server closes the socket. */
    void drainUntilClosed() throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }

    private static String reason(int code) {
        return switch (code) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Status " + code;
        };
    }
}
