package dev.faultline.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The head of one HTTP/1.x request as a test server received it.
 *
 * @param method  the request method, e.g. {@code GET}
 * @param target  the request target as sent, e.g. {@code /health?x=1}
 * @param version the protocol version, e.g. {@code HTTP/1.1}
 * @param headers the header fields, looked up case-insensitively; repeated fields joined by ", "
 */
public record RequestHead(String method, String target, String version, Map<String, String> headers) {

    private static final int MAX_HEAD_BYTES = 64 * 1024;

    public RequestHead {
        var copy = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = Collections.unmodifiableMap(copy);
    }

    /** Returns the value of the header field {@code name}, if the request had it. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** Returns the request target without its query string. */
    public String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    boolean keepAlive() {
        String connection = header("Connection").orElse("");
        return version.equals("HTTP/1.1")
                ? !connection.equalsIgnoreCase("close")
                : connection.equalsIgnoreCase("keep-alive");
    }

    long contentLength() {
        return header("Content-Length").map(String::trim).map(Long::parseLong).orElse(0L);
    }

    boolean hasChunkedBody() {
        return header("Transfer-Encoding").map(v -> v.toLowerCase().contains("chunked")).orElse(false);
    }

    /** Reads one request head; returns null if the stream ends before its first byte. */
    static RequestHead read(InputStream in) throws IOException {
        String requestLine = readLine(in);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = readLine(in); // tolerate stray CRLFs between requests (RFC 9112 §2.2)
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ", 3);
        if (parts.length != 3) {
            throw new IOException("not an HTTP request line: " + requestLine);
        }
        var headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        int size = requestLine.length();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            size += line.length();
            if (size > MAX_HEAD_BYTES) {
                throw new IOException("request head larger than " + MAX_HEAD_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + line);
            }
            headers.merge(line.substring(0, colon).trim(), line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        return new RequestHead(parts[0], parts[1], parts[2], headers);
    }

    private static String readLine(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (line.size() > MAX_HEAD_BYTES) {
                throw new IOException("request line longer than " + MAX_HEAD_BYTES + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
