package dev.faultline.check;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What to check and what counts as success: an immutable value, validated when it is built, so
 * that a bad configuration fails at load time with the field and the reason.
 *
 * @param expect           the status codes that count as up (default 2xx, after redirects)
 * @param maxResponseTime  above this total time the check is degraded ({@code slow_response})
 * @param certificateWarning a certificate ending within this span makes the check degraded
 * @param maxBodyBytes     how much of the body is read; the rest is never downloaded
 * @param cacheBust        ask past caches: a unique query parameter and {@code Cache-Control: no-cache}
 *                         on every check, so that a CDN cannot answer for a failing origin
 */
public record MonitorSpec(
        String name,
        URI url,
        String method,
        List<Header> headers,
        Optional<String> body,
        Duration interval,
        Duration timeout,
        StatusSet expect,
        List<Assertion> assertions,
        Optional<Duration> maxResponseTime,
        boolean followRedirects,
        int maxRedirects,
        boolean insecure,
        Duration certificateWarning,
        long maxBodyBytes,
        boolean cacheBust) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_REDIRECTS = 10;
    public static final Duration DEFAULT_CERTIFICATE_WARNING = Duration.ofDays(14);
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public MonitorSpec {
        Objects.requireNonNull(url, "url");
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: must not be empty");
        requireHttpUrl(url);
        if (method == null || !method.matches("[A-Z]+")) {
            throw new IllegalArgumentException("method: '" + method + "' is not an HTTP method such as GET or POST");
        }
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
        requireAtLeast(interval, Duration.ofSeconds(1), "interval");
        requireAtLeast(timeout, Duration.ofMillis(1), "timeout");
        Objects.requireNonNull(expect, "expect");
        assertions = List.copyOf(assertions);
        Objects.requireNonNull(maxResponseTime, "maxResponseTime");
        maxResponseTime.ifPresent(max -> requireAtLeast(max, Duration.ofMillis(1), "max_response_time"));
        if (maxRedirects < 0 || maxRedirects > 50) {
            throw new IllegalArgumentException("max_redirects: " + maxRedirects + " is outside 0 to 50");
        }
        Objects.requireNonNull(certificateWarning, "certificateWarning");
        if (certificateWarning.isNegative()) throw new IllegalArgumentException("certificate_warning: must not be negative");
        if (maxBodyBytes < 1) throw new IllegalArgumentException("max_body_bytes: must be at least 1");
    }

    /**
     * Parses a URL given by a person, with the reason when it cannot be checked.
     *
     * @throws IllegalArgumentException e.g. "invalid URL 'ftp://x': the scheme must be http or https, not 'ftp'"
     */
    public static URI parseUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid URL '" + text + "': " + e.getReason() + " at index " + e.getIndex());
        }
        requireHttpUrl(uri);
        return uri;
    }

    private static void requireHttpUrl(URI uri) {
        if (uri.getScheme() == null) {
            throw new IllegalArgumentException("invalid URL '" + uri + "': it has no scheme; start it with http:// or https://");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            // "localhost:8080" parses with the scheme "localhost": naming it shows what went wrong.
            throw new IllegalArgumentException("invalid URL '" + uri + "': the scheme must be http or https, not '"
                    + uri.getScheme() + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            // java.net.URI leaves the host empty when the authority is not a valid host name (e.g. one with '_').
            throw new IllegalArgumentException("invalid URL '" + uri + "': " + (uri.getAuthority() == null
                    ? "it has no host name" : "'" + uri.getAuthority() + "' is not a valid host name and port"));
        }
    }

    private static void requireAtLeast(Duration value, Duration min, String field) {
        Objects.requireNonNull(value, field);
        if (value.compareTo(min) < 0) {
            throw new IllegalArgumentException(field + ": " + Durations.format(value) + " is shorter than the minimum of " + Durations.format(min));
        }
    }

    public static Builder builder(URI url) {
        return new Builder(url);
    }

    /** Builds a spec with the defaults an operator would expect; {@link #build()} validates. */
    public static final class Builder {
        private String name;
        private final URI url;
        private String method = "GET";
        private final List<Header> headers = new ArrayList<>();
        private Optional<String> body = Optional.empty();
        private Duration interval = DEFAULT_INTERVAL;
        private Duration timeout = DEFAULT_TIMEOUT;
        private StatusSet expect = StatusSet.SUCCESS;
        private final List<Assertion> assertions = new ArrayList<>();
        private Optional<Duration> maxResponseTime = Optional.empty();
        private boolean followRedirects = true;
        private int maxRedirects = DEFAULT_MAX_REDIRECTS;
        private boolean insecure;
        private Duration certificateWarning = DEFAULT_CERTIFICATE_WARNING;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private boolean cacheBust;

        private Builder(URI url) {
            this.url = url;
            this.name = url.toString();
        }

        public Builder name(String name) { this.name = name; return this; }
        public Builder method(String method) { this.method = method.toUpperCase(Locale.ROOT); return this; }
        public Builder header(Header header) { headers.add(header); return this; }
        public Builder body(String body) { this.body = Optional.ofNullable(body); return this; }
        public Builder interval(Duration interval) { this.interval = interval; return this; }
        public Builder timeout(Duration timeout) { this.timeout = timeout; return this; }
        public Builder expect(StatusSet expect) { this.expect = expect; return this; }
        public Builder assertion(Assertion assertion) { assertions.add(assertion); return this; }
        public Builder maxResponseTime(Duration max) { this.maxResponseTime = Optional.ofNullable(max); return this; }
        public Builder followRedirects(boolean follow) { this.followRedirects = follow; return this; }
        public Builder maxRedirects(int max) { this.maxRedirects = max; return this; }
        public Builder insecure(boolean insecure) { this.insecure = insecure; return this; }
        public Builder certificateWarning(Duration warning) { this.certificateWarning = warning; return this; }
        public Builder maxBodyBytes(long max) { this.maxBodyBytes = max; return this; }
        public Builder cacheBust(boolean bust) { this.cacheBust = bust; return this; }

        public MonitorSpec build() {
            return new MonitorSpec(name, url, method, headers, body, interval, timeout, expect, assertions,
                    maxResponseTime, followRedirects, maxRedirects, insecure, certificateWarning, maxBodyBytes, cacheBust);
        }
    }
}
