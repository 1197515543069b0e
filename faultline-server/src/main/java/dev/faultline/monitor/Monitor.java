package dev.faultline.monitor;

import dev.faultline.check.MonitorSpec;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A monitor as the server runs it: the check spec plus where it runs and whom it tells.
 *
 * @param id      stable, URL-safe, derived from the name ({@link #idFor(String)}); the key in the
 *                store, the API and the metrics
 * @param regions the probe regions that check it ({@code local} is the server's own probe)
 * @param source  where it was defined: config-file monitors are read-only through the API
 */
public record Monitor(String id, MonitorSpec spec, List<String> regions, List<String> channels,
                      List<String> tags, Source source) {

    public enum Source { CONFIG, API }

    public Monitor {
        Objects.requireNonNull(spec, "spec");
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,99}")) {
            throw new IllegalArgumentException("invalid monitor id '" + id + "'");
        }
        regions = List.copyOf(regions);
        if (regions.isEmpty()) throw new IllegalArgumentException("regions: a monitor needs at least one region");
        channels = List.copyOf(channels);
        tags = List.copyOf(tags);
        Objects.requireNonNull(source, "source");
    }

    public String name() {
        return spec.name();
    }

    /** The same monitor sending these request headers. */
    public Monitor withHeaders(List<dev.faultline.check.Header> headers) {
        MonitorSpec s = spec;
        return new Monitor(id, new MonitorSpec(s.name(), s.url(), s.method(), headers, s.body(), s.interval(), s.timeout(),
                s.expect(), s.assertions(), s.maxResponseTime(), s.followRedirects(), s.maxRedirects(), s.insecure(),
                s.certificateWarning(), s.maxBodyBytes(), s.cacheBust()), regions, channels, tags, source);
    }

    /** The id a name gets: lower case, runs of anything but letters and digits become one dash. */
    public static String idFor(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.isEmpty()) slug = "monitor";
        return slug.length() > 100 ? slug.substring(0, 100).replaceAll("-+$", "") : slug;
    }
}
