package dev.faultline.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * An HTTPS server on 127.0.0.1 that answers every request 200 "ok" with a freshly made
 * certificate (EC P-256, made by the JDK's keytool: one to two seconds to start).
 *
 * <p>No default trust store trusts it, so a client with default settings always fails the
 * handshake. {@link #sslContext()}, {@link #sslSocketFactory()} and {@link #trustManager()}
 * trust this server alone, so a test can also reach the certificate's other properties: its
 * expiry ({@link #expiringIn}, {@link #expired}) and its names ({@link #wrongHostname}). Those
 * certificates are issued by a throwaway CA, because the JDK never checks the dates of a
 * certificate it trusts directly.
 */
public final class TlsServer implements AutoCloseable {

    private static final String LOOPBACK_SAN = "ip:127.0.0.1,dns:localhost";
    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

    private final TestCertificate certificate;
    private final HttpsServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger hits = new AtomicInteger();

    private TlsServer(TestCertificate certificate) {
        this.certificate = certificate;
        try {
            server = HttpsServer.create(new InetSocketAddress(Loopback.ADDRESS, 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:0", e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
        server.setExecutor(executor);
        server.createContext("/", this::answerOk);
        server.start();
    }

    /** A self-signed certificate for 127.0.0.1 and localhost, valid for a year. */
    public static TlsServer selfSigned() {
        return new TlsServer(TestCertificate.generate(false, "localhost", LOOPBACK_SAN, null, 365));
    }

    /**
     * A certificate for 127.0.0.1 and localhost whose notAfter is {@code days} days from now,
     * issued by a throwaway CA that {@link #trustManager()} trusts.
     */
    public static TlsServer expiringIn(int days) {
        return new TlsServer(TestCertificate.generate(true, "localhost", LOOPBACK_SAN, null, days));
    }

    /** A certificate for 127.0.0.1 and localhost that expired a day ago, issued by a throwaway CA. */
    public static TlsServer expired() {
        return new TlsServer(TestCertificate.generate(true, "localhost", LOOPBACK_SAN, "-2d", 1));
    }

    /** A certificate valid for a year but only for {@code wrong.invalid}, issued by a throwaway CA. */
    public static TlsServer wrongHostname() {
        return new TlsServer(TestCertificate.generate(true, "wrong.invalid", "dns:wrong.invalid", null, 365));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Returns {@code https://127.0.0.1:PORT} followed by {@code path}. */
    public URI url(String path) {
        return Loopback.url("https", port(), path);
    }

    public X509Certificate certificate() {
        return certificate.certificate;
    }

    /** The certificate's notAfter, in whole seconds as X.509 stores it. */
    public Instant notAfter() {
        return certificate.certificate.getNotAfter().toInstant();
    }

    /** A trust manager that trusts this server's certificate (or its throwaway CA) and nothing else. */
    public X509TrustManager trustManager() {
        return certificate.trustManager();
    }

    /** A client-side TLS context that trusts this server's certificate and nothing else. */
    public SSLContext sslContext() {
        try {
            var context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A socket factory that trusts this server's certificate, e.g. for OkHttp's sslSocketFactory(…). */
    public SSLSocketFactory sslSocketFactory() {
        return sslContext().getSocketFactory();
    }

    /** The number of requests answered so far. */
    public int hits() {
        return hits.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void answerOk(HttpExchange exchange) throws IOException {
        try (exchange) {
            hits.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, OK.length);
            exchange.getResponseBody().write(OK);
        }
    }
}
