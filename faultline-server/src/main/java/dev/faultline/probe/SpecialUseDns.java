package dev.faultline.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import okhttp3.Dns;

/**
 * The system resolver, except for the special-use names of RFC 6761 that can never resolve
 * ({@code .invalid}): those fail at once without a query, as the RFC asks of resolver libraries.
 */
final class SpecialUseDns implements Dns {

    private final Dns delegate;

    SpecialUseDns(Dns delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        String name = hostname.toLowerCase(Locale.ROOT);
        if (name.endsWith(".invalid") || name.equals("invalid") || name.endsWith(".invalid.")) {
            throw new UnknownHostException(hostname + ": a special-use name that never resolves (RFC 6761)");
        }
        return delegate.lookup(hostname);
    }
}
