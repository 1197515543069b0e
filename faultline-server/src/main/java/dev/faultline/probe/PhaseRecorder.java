package dev.faultline.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import java.util.List;
import java.util.Optional;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;

/**
 * Takes the instants of one check's phases from OkHttp's own call events, across every hop of
 * a redirect chain (one recorder per check, attached to each hop's request as a tag). Phase
 * durations are derived afterwards; a phase that never started stays empty.
 */
final class PhaseRecorder extends EventListener {

    // Sums over hops, in nanoseconds; -1 while the phase has not happened at all.
    private long dnsNanos = -1;
    private long connectNanos = -1;
    private long tlsNanos = -1;
    // The final hop's wait from request sent to first response byte.
    private long firstByteNanos = -1;

    // Instants of the hop in progress (System.nanoTime).
    private long dnsStart;
    private long connectStart;
    private long tlsStart;
    private long requestStart;

    // What the hop in progress reached, for classifying a failure by phase.
    private volatile boolean resolving;
    private volatile boolean resolved;
    private volatile boolean connecting;
    private volatile boolean connected;
    private volatile boolean answering;

    private Instant certificateNotAfter;

    /** Resets the per-hop progress before the next hop of a redirect chain. */
    void startHop() {
        resolving = resolved = connecting = connected = answering = false;
        certificateNotAfter = null;
    }

    @Override
    public void dnsStart(Call call, String domainName) {
        resolving = true;
        dnsStart = System.nanoTime();
    }

    @Override
    public void dnsEnd(Call call, String domainName, List<InetAddress> addresses) {
        resolved = true;
        dnsNanos = add(dnsNanos, System.nanoTime() - dnsStart);
    }

    @Override
    public void callFailed(Call call, IOException e) {
        // A lookup that failed still took its time: show it, it is often the whole story.
        if (resolving && !resolved) {
            dnsNanos = add(dnsNanos, System.nanoTime() - dnsStart);
        }
    }

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
        // An IP-literal URL skips DNS: it is resolved by definition.
        resolved = true;
        connecting = true;
        connectStart = System.nanoTime();
    }

    @Override
    public void secureConnectStart(Call call) {
        // TCP is up once TLS starts: the connect phase ends here, TLS is counted on its own.
        long now = System.nanoTime();
        connectNanos = add(connectNanos, now - connectStart);
        connected = true;
        tlsStart = now;
    }

    @Override
    public void secureConnectEnd(Call call, Handshake handshake) {
        tlsNanos = add(tlsNanos, System.nanoTime() - tlsStart);
    }

    @Override
    public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
        if (!connected) {
            connectNanos = add(connectNanos, System.nanoTime() - connectStart);
            connected = true;
        }
    }

    @Override
    public void connectFailed(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol, IOException e) {
        if (!connected) {
            connectNanos = add(connectNanos, System.nanoTime() - connectStart);
        }
    }

    @Override
    public void connectionAcquired(Call call, Connection connection) {
        connected = true;
        // Read from the TLS session itself: OkHttp's cleaned chain is empty when nothing
        // vouches for it (--insecure), yet the expiry is worth recording all the same.
        if (connection.socket() instanceof SSLSocket tls) {
            try {
                Certificate[] chain = tls.getSession().getPeerCertificates();
                if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                    certificateNotAfter = leaf.getNotAfter().toInstant();
                }
            } catch (SSLPeerUnverifiedException noCertificate) {
                certificateNotAfter = null;
            }
        }
    }

    /** When the final hop's server certificate ends, for HTTPS. */
    Optional<Instant> certificateNotAfter() {
        return Optional.ofNullable(certificateNotAfter);
    }

    @Override
    public void requestHeadersStart(Call call) {
        requestStart = System.nanoTime();
    }

    @Override
    public void responseHeadersStart(Call call) {
        answering = true;
        firstByteNanos = System.nanoTime() - requestStart;
    }

    /** How far the hop in progress got, for telling a connect timeout from a read timeout. */
    Progress progress() {
        if (answering) return Progress.ANSWERING;
        if (connected) return Progress.CONNECTED;
        if (connecting) return Progress.CONNECTING;
        if (resolved) return Progress.RESOLVED;
        return resolving ? Progress.RESOLVING : Progress.NOT_STARTED;
    }

    enum Progress { NOT_STARTED, RESOLVING, RESOLVED, CONNECTING, CONNECTED, ANSWERING }

    Optional<Duration> dns() {
        return duration(dnsNanos);
    }

    Optional<Duration> connect() {
        return duration(connectNanos);
    }

    Optional<Duration> tls() {
        return duration(tlsNanos);
    }

    Optional<Duration> firstByte() {
        return duration(firstByteNanos);
    }

    private static long add(long sum, long nanos) {
        return (sum < 0 ? 0 : sum) + nanos;
    }

    private static Optional<Duration> duration(long nanos) {
        return nanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }
}
