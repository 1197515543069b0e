package dev.faultline.json;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.faultline.check.Assertion;
import dev.faultline.check.Durations;
import dev.faultline.check.Header;
import dev.faultline.check.MonitorSpec;
import dev.faultline.check.StatusSet;
import dev.faultline.config.ByteSizes;
import dev.faultline.monitor.Monitor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The JSON shape of a monitor: the keys and value forms of a monitor in {@code faultline.yaml}
 * ({@code interval: 30s}, {@code expect: {status: "200-299", body_contains: [ok]}}, {@code max_body: 512KiB}),
 * so that a monitor posted to the API reads like one in the config file. The store keeps API
 * monitors in this form too.
 *
 * <p>Absent keys take the defaults of {@link MonitorSpec.Builder}. Assertions are kept grouped by
 * kind, in the order the config file reads them; within a kind their order is kept.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonitorJson(
        String id,
        String name,
        String url,
        String method,
        Map<String, String> headers,
        String body,
        String interval,
        String timeout,
        Expect expect,
        Boolean followRedirects,
        Integer maxRedirects,
        Boolean insecure,
        String certificateWarning,
        String maxBody,
        Boolean cacheBust,
        List<String> regions,
        List<String> channels,
        List<String> tags,
        String source) {

    /** The {@code expect} section; a text list also accepts a single text, as in YAML. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Expect(
            String status,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> bodyContains,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> bodyNotContains,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> bodyRegex,
            Map<String, String> jsonPath,
            Map<String, String> headers,
            Map<String, String> headerMatches,
            String maxResponseTime) {
    }

    /** A monitor field that cannot be read, with its path in this shape (e.g. {@code expect.status}). */
    public static final class InvalidField extends IllegalArgumentException {
        private final String field;

        InvalidField(String field, String message) {
            super(field + ": " + message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public static MonitorJson of(Monitor monitor) {
        MonitorSpec spec = monitor.spec();
        Map<String, String> headers = new LinkedHashMap<>();
        spec.headers().forEach(h -> headers.put(h.name(), h.value()));
        return new MonitorJson(monitor.id(), spec.name(), spec.url().toString(), spec.method(), headers,
                spec.body().orElse(null), Durations.format(spec.interval()), Durations.format(spec.timeout()),
                expect(spec), spec.followRedirects(), spec.maxRedirects(), spec.insecure(),
                Durations.format(spec.certificateWarning()), formatSize(spec.maxBodyBytes()), spec.cacheBust(),
                monitor.regions(), monitor.channels(), monitor.tags(), monitor.source().name().toLowerCase(Locale.ROOT));
    }

    private static Expect expect(MonitorSpec spec) {
        List<String> contains = new ArrayList<>();
        List<String> notContains = new ArrayList<>();
        List<String> regex = new ArrayList<>();
        Map<String, String> jsonPath = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> headerMatches = new LinkedHashMap<>();
        for (Assertion assertion : spec.assertions()) {
            switch (assertion) {
                case Assertion.BodyContains a -> contains.add(a.text());
                case Assertion.BodyNotContains a -> notContains.add(a.text());
                case Assertion.BodyMatches a -> regex.add(a.pattern().pattern());
                case Assertion.JsonPathEquals a -> jsonPath.put(a.path(), a.expected());
                case Assertion.HeaderEquals a -> headers.put(a.name(), a.value());
                case Assertion.HeaderMatches a -> headerMatches.put(a.name(), a.pattern().pattern());
            }
        }
        return new Expect(spec.expect().toString(), contains, notContains, regex, jsonPath, headers, headerMatches,
                spec.maxResponseTime().map(Durations::format).orElse(null));
    }

    /**
     * The monitor this JSON describes, checked as the config file's monitors are.
     *
     * @param source where the monitor comes from; the {@code source} key is output only
     * @throws InvalidField naming the first field that is wrong and why
     */
    public Monitor toMonitor(Monitor.Source source) {
        if (url == null) throw new InvalidField("url", "is required");
        if (name == null || name.isBlank()) throw new InvalidField("name", "is required");
        MonitorSpec.Builder spec = MonitorSpec.builder(field("url", url, MonitorSpec::parseUrl)).name(name);
        if (method != null) spec.method(method);
        if (headers != null) {
            headers.forEach((key, value) -> spec.header(field("headers." + key, key,
                    k -> new Header(k, value == null ? "" : value))));
        }
        if (body != null) spec.body(body);
        if (interval != null) spec.interval(field("interval", interval, Durations::parse));
        if (timeout != null) spec.timeout(field("timeout", timeout, Durations::parse));
        if (expect != null) readExpect(spec);
        if (followRedirects != null) spec.followRedirects(followRedirects);
        if (maxRedirects != null) spec.maxRedirects(maxRedirects);
        if (insecure != null) spec.insecure(insecure);
        if (certificateWarning != null) {
            spec.certificateWarning(field("certificate_warning", certificateWarning, Durations::parse));
        }
        if (maxBody != null) spec.maxBodyBytes(field("max_body", maxBody, ByteSizes::parse));
        if (cacheBust != null) spec.cacheBust(cacheBust);
        MonitorSpec built = field(null, spec, MonitorSpec.Builder::build);
        String monitorId = id != null ? id : Monitor.idFor(name);
        return field(null, built, s -> new Monitor(monitorId, s, regions == null ? List.of("local") : regions,
                orEmpty(channels), orEmpty(tags), source));
    }

    private void readExpect(MonitorSpec.Builder spec) {
        if (expect.status() != null) spec.expect(field("expect.status", expect.status(), StatusSet::parse));
        orEmpty(expect.bodyContains()).forEach(t -> spec.assertion(field("expect.body_contains", t, Assertion.BodyContains::new)));
        orEmpty(expect.bodyNotContains()).forEach(t -> spec.assertion(field("expect.body_not_contains", t, Assertion.BodyNotContains::new)));
        orEmpty(expect.bodyRegex()).forEach(t -> spec.assertion(field("expect.body_regex", t, Assertion.BodyMatches::parse)));
        // As in YAML, a JSON path expected to be null is written with a null value.
        orEmpty(expect.jsonPath()).forEach((path, value) -> spec.assertion(field("expect.json_path." + path, path,
                p -> new Assertion.JsonPathEquals(p, value == null ? "null" : value))));
        orEmpty(expect.headers()).forEach((header, value) -> spec.assertion(field("expect.headers." + header, header,
                h -> new Assertion.HeaderEquals(h, value == null ? "" : value))));
        orEmpty(expect.headerMatches()).forEach((header, regex) -> spec.assertion(field("expect.header_matches." + header,
                regex, r -> Assertion.HeaderMatches.parse(header, r))));
        if (expect.maxResponseTime() != null) {
            spec.maxResponseTime(field("expect.max_response_time", expect.maxResponseTime(), Durations::parse));
        }
    }

    /**
     * Applies a parser, naming the field when it rejects the value. Without a field, the name is
     * taken from the message: the spec's and the monitor's own checks start it with the field.
     */
    private static <T, R> R field(String field, T value, Function<T, R> parse) {
        try {
            return parse.apply(value);
        } catch (InvalidField e) {
            throw e;
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            if (field != null) throw new InvalidField(field, message);
            if (message.startsWith("invalid monitor id")) throw new InvalidField("id", message);
            int colon = message.indexOf(": ");
            String named = colon > 0 ? message.substring(0, colon) : "";
            if (!named.matches("[a-z_]+")) throw new InvalidField("monitor", message);
            throw new InvalidField(SPEC_FIELDS.getOrDefault(named, named), message.substring(colon + 2));
        }
    }

    // Where the spec's field names differ from this shape's keys.
    private static final Map<String, String> SPEC_FIELDS =
            Map.of("max_body_bytes", "max_body", "max_response_time", "expect.max_response_time");

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    /** The size as the config file writes it: {@code 1MiB}, {@code 512KiB}, or bytes. */
    static String formatSize(long bytes) {
        for (String unit : new String[] {"GiB", "MiB", "KiB"}) {
            long size = ByteSizes.parse("1" + unit);
            if (bytes % size == 0) return bytes / size + unit;
        }
        return Long.toString(bytes);
    }
}
