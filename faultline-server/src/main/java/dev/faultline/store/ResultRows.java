package dev.faultline.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import dev.faultline.check.FailedAssertion;
import dev.faultline.check.PhaseTimings;
import dev.faultline.check.Verdict;
import dev.faultline.json.Json;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a {@link CheckResult} maps to a row of {@code results} and back. Times keep microseconds,
 * Retry-After whole seconds (as the header gives it). Text is stored as given, except U+0000,
 * which PostgreSQL cannot store and which becomes U+FFFD in both databases.
 */
final class ResultRows {

    static final String COLUMNS = "id, monitor_id, region, started_at_us, url, cause, status, dns_us, connect_us, tls_us,"
            + " first_byte_us, total_us, body_bytes, body_sha256, headers, failed_assertions, retry_after_s,"
            + " certificate_not_after_us, detail";

    private static final ObjectMapper JSON = Json.mapper();
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };
    private static final TypeReference<List<FailedRow>> FAILED = new TypeReference<>() {
    };

    /** A failed assertion as stored: the cause by its id. */
    record FailedRow(String assertion, String cause, String message) {
    }

    private ResultRows() {
    }

    static String insert(Dialect dialect) {
        return "INSERT INTO results (monitor_id, region, started_at_us, url, cause, status, dns_us, connect_us, tls_us,"
                + " first_byte_us, total_us, body_bytes, body_sha256, headers, failed_assertions, retry_after_s,"
                + " certificate_not_after_us, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + dialect.json("?")
                + ", " + dialect.json("?") + ", ?, ?, ?)";
    }

    /** Binds a result to {@link #insert}'s parameters and adds it to the statement's batch. */
    static void addTo(PreparedStatement insert, CheckResult r) throws SQLException {
        PhaseTimings t = r.timings();
        Parameters p = new Parameters(insert);
        p.text(clean(r.monitor()));
        p.text(clean(r.region()));
        p.number(Micros.of(r.startedAt()));
        p.text(clean(r.url().toString()));
        p.text(r.verdict().cause().id());
        p.number(r.hasStatus() ? Long.valueOf(r.status()) : null);
        p.number(micros(t.dns()));
        p.number(micros(t.connect()));
        p.number(micros(t.tls()));
        p.number(micros(t.firstByte()));
        p.number(Micros.of(t.total()));
        p.number(r.bodyBytes());
        p.text(clean(r.bodyDigest()));
        p.text(r.headers().isEmpty() ? null : json(headers(r.headers())));
        p.text(r.failedAssertions().isEmpty() ? null : json(failed(r.failedAssertions())));
        p.number(r.retryAfter().map(Duration::toSeconds).orElse(null));
        p.number(r.certificateNotAfter().map(Micros::of).orElse(null));
        p.text(clean(r.detail()));
        insert.addBatch();
    }

    static CheckResult read(ResultSet rs) throws SQLException {
        String causeId = rs.getString("cause");
        Cause cause = Cause.fromId(causeId)
                .orElseThrow(() -> new IllegalStateException("unknown cause '" + causeId + "' in the results table"));
        int status = rs.getInt("status"); // NULL reads as 0: no answer
        PhaseTimings timings = new PhaseTimings(duration(rs, "dns_us"), duration(rs, "connect_us"),
                duration(rs, "tls_us"), duration(rs, "first_byte_us"), Micros.duration(rs.getLong("total_us")));
        return new CheckResult(
                rs.getString("monitor_id"),
                rs.getString("region"),
                URI.create(rs.getString("url")),
                Micros.instant(rs.getLong("started_at_us")),
                timings,
                status,
                parse(rs.getString("headers"), HEADERS, Map.of()),
                rs.getLong("body_bytes"),
                rs.getString("body_sha256"),
                parse(rs.getString("failed_assertions"), FAILED, List.<FailedRow>of()).stream()
                        .map(ResultRows::failedAssertion).toList(),
                Verdict.of(cause),
                optionalLong(rs, "retry_after_s").map(Duration::ofSeconds),
                optionalLong(rs, "certificate_not_after_us").map(Micros::instant),
                rs.getString("detail"));
    }

    static ResultCursor cursor(ResultSet rs) throws SQLException {
        return new ResultCursor(Micros.instant(rs.getLong("started_at_us")), rs.getLong("id"));
    }

    private static FailedAssertion failedAssertion(FailedRow row) {
        Cause cause = Cause.fromId(row.cause())
                .orElseThrow(() -> new IllegalStateException("unknown cause '" + row.cause() + "' in a failed assertion"));
        return new FailedAssertion(row.assertion(), cause, row.message());
    }

    private static Map<String, String> headers(Map<String, String> headers) {
        Map<String, String> clean = new LinkedHashMap<>();
        headers.forEach((name, value) -> clean.put(clean(name), clean(value)));
        return clean;
    }

    private static List<FailedRow> failed(List<FailedAssertion> failed) {
        return failed.stream().map(f -> new FailedRow(clean(f.assertion()), f.cause().id(), clean(f.message()))).toList();
    }

    private static Long micros(Optional<Duration> duration) {
        return duration.map(Micros::of).orElse(null);
    }

    private static Optional<Duration> duration(ResultSet rs, String column) throws SQLException {
        return optionalLong(rs, column).map(Micros::duration);
    }

    private static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    static String clean(String text) {
        return text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static <T> T parse(String text, TypeReference<T> type, T absent) {
        if (text == null) return absent;
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON in the results table: " + text, e);
        }
    }
}
