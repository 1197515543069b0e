package dev.faultline.probe;

import dev.faultline.check.MonitorSpec;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import javax.net.ssl.SSLSocketFactory;
import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;

/**
 * The two HTTP clients every check shares: one that verifies TLS and one for monitors marked
 * {@code insecure}. Built once; a check never allocates a client.
 */
public final class ProbeClients {

    private final OkHttpClient verifying;
    private final OkHttpClient insecure;

    private ProbeClients(OkHttpClient verifying, OkHttpClient insecure) {
        this.verifying = verifying;
        this.insecure = insecure;
    }

    /**
     * @param reuseConnections false (the default for monitoring) measures DNS, connect and TLS on
     *                         every check, as blackbox_exporter does; true keeps connections alive
     */
    public static ProbeClients create(boolean reuseConnections) {
        return create(reuseConnections, null, null);
    }

    /**
     * With a trust manager of its own (a private CA's certificates, say) instead of the JDK's;
     * null for the JDK's default trust store.
     */
    public static ProbeClients create(boolean reuseConnections, SSLSocketFactory socketFactory,
                                      X509TrustManager trustManager) {
        return create(reuseConnections, SocketFactory.getDefault(), socketFactory, trustManager);
    }

    /**
     * With every connection's socket made by {@code sockets}: a counting factory shows how many
     * bytes a check really took off the wire, which no server-side count can tell.
     */
    static ProbeClients create(boolean reuseConnections, SocketFactory sockets) {
        return create(reuseConnections, sockets, null, null);
    }

    private static ProbeClients create(boolean reuseConnections, SocketFactory sockets,
                                       SSLSocketFactory socketFactory, X509TrustManager trustManager) {
        ConnectionPool pool = reuseConnections ? new ConnectionPool() : new ConnectionPool(0, 1, TimeUnit.SECONDS);
        OkHttpClient verifying = new OkHttpClient.Builder()
                .connectionPool(pool)
                .socketFactory(sockets)
                // Redirects are followed by the prober, hop by hop, inside one deadline.
                .followRedirects(false)
                .followSslRedirects(false)
                // A failure is the evidence we came for: no silent second attempt.
                .retryOnConnectionFailure(false)
                // The per-call deadline bounds every phase; these would only cut it short.
                .connectTimeout(0, TimeUnit.MILLISECONDS)
                .readTimeout(0, TimeUnit.MILLISECONDS)
                .writeTimeout(0, TimeUnit.MILLISECONDS)
                .dns(new SpecialUseDns(Dns.SYSTEM))
                .eventListenerFactory(call -> {
                    PhaseRecorder recorder = call.request().tag(PhaseRecorder.class);
                    return recorder != null ? recorder : EventListener.NONE;
                })
                .build();
        if (trustManager != null) {
            verifying = verifying.newBuilder().sslSocketFactory(socketFactory, trustManager).build();
        }
        X509TrustManager trustAll = new TrustAll();
        OkHttpClient insecure = verifying.newBuilder()
                .sslSocketFactory(sslContext(trustAll).getSocketFactory(), trustAll)
                .hostnameVerifier((host, session) -> true)
                .build();
        return new ProbeClients(verifying, insecure);
    }

    OkHttpClient forSpec(MonitorSpec spec) {
        return spec.insecure() ? insecure : verifying;
    }

    private static SSLContext sslContext(TrustManager trustManager) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, new SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("TLS is unavailable in this JVM", e);
        }
    }

    /** For {@code --insecure}: the certificate is still recorded (its expiry), just not judged. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
