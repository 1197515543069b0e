package dev.faultline.trend;

import static dev.faultline.trend.Buckets.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Severity;
import dev.faultline.check.Verdict;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskedOutageTest {

    private static final MaskedOutage DETECTOR = MaskedOutage.DEFAULT;

    /** A result with this cause, and the status a server would have sent for it (0 below HTTP). */
    private static CheckResult result(Cause cause, int status) {
        return Results.at(NOW).status(status).verdict(Verdict.of(cause)).digest(status == 0 ? "" : "d1").build();
    }

    @ParameterizedTest(name = "origin {0} ({1}), edge {2} ({3}): masked {4}")
    @CsvSource({
            // origin cause,       status, edge cause,         status, masked
            "ok,                    200,    ok,                 200,    false",
            "ok,                    200,    bad_gateway,        502,    false",
            "bad_gateway,           502,    ok,                 200,    true",
            "bad_gateway,           502,    slow_response,      200,    true",
            "bad_gateway,           502,    certificate_expiring, 200,  true",
            "bad_gateway,           502,    bad_gateway,        502,    false",
            "bad_gateway,           502,    forbidden,          403,    false",
            "bad_gateway,           502,    connect_timeout,    0,      false",
            "internal_server_error, 500,    ok,                 200,    true",
            "service_unavailable,   503,    ok,                 200,    true",
            "gateway_timeout,       504,    ok,                 200,    true",
            "other_5xx,             599,    ok,                 200,    true",
            "unexpected_status,     302,    ok,                 200,    true",
            "connection_refused,    0,      ok,                 200,    true",
            "read_timeout,          0,      ok,                 200,    true",
            "tls_failure,           0,      ok,                 200,    true",
            "dns_failure,           0,      ok,                 200,    true",
            "connect_timeout,       0,      ok,                 200,    true",
            "unauthorized,          401,    ok,                 200,    false",
            "forbidden,             403,    ok,                 200,    false",
            "not_found,             404,    ok,                 200,    false",
            "rate_limited,          429,    ok,                 200,    false",
            "other_4xx,             400,    ok,                 200,    false",
            "body_mismatch,         200,    ok,                 200,    false",
            "slow_response,         200,    ok,                 200,    false",
            "certificate_expiring,  200,    ok,                 200,    false",
    })
    void onlyAServerOrNetworkFailureAtTheOriginBehindAWorkingEdgeIsMasked(String originCause, int originStatus,
                                                                          String edgeCause, int edgeStatus, boolean masked) {
        CheckResult origin = result(Cause.fromId(originCause).orElseThrow(), originStatus);
        CheckResult edge = result(Cause.fromId(edgeCause).orElseThrow(), edgeStatus);

        assertThat(DETECTOR.detect("shop-origin", origin, "shop", edge).isPresent()).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0} s apart: compared {1}")
    @CsvSource({"-300, true", "300, true", "301, false", "-301, false", "0, true"})
    void resultsTooFarApartAreNotCompared(long secondsApart, boolean compared) {
        CheckResult origin = result(Cause.BAD_GATEWAY, 502);
        CheckResult edge = Results.at(NOW.plusSeconds(secondsApart)).build();

        assertThat(DETECTOR.detect("shop-origin", origin, "shop", edge).isPresent()).isEqualTo(compared);
    }

    @Test
    void theFindingIsCriticalAndNamesBothMonitors() {
        CheckResult origin = Results.at(NOW).status(502).build();
        CheckResult edge = Results.at(NOW.plusSeconds(20)).header("CF-Cache-Status", "STALE").header("Age", "340").build();

        CdnFinding finding = DETECTOR.detect("shop-origin", origin, "shop", edge).orElseThrow();

        assertThat(finding.kind()).isEqualTo(CdnFinding.Kind.MASKED_OUTAGE);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.edge()).isEqualTo("shop");
        assertThat(finding.origin()).contains("shop-origin");
        assertThat(finding.at()).isEqualTo(NOW.plusSeconds(20));
        assertThat(finding.summary()).isEqualTo("Outage masked by the CDN: origin 'shop-origin' is down (bad_gateway, HTTP 502)"
                + " while edge 'shop' still answers (HTTP 200, from its cache, Age 340 s)");
        assertThat(finding.likelyCauses()).anySatisfy(c -> assertThat(c).contains("stale-if-error"))
                .noneSatisfy(c -> assertThat(c).contains("probe cannot reach"));
        assertThat(finding.nextStep()).startsWith("Treat it as an outage").contains("not cache");
    }

    @Test
    void anUnreachableOriginMayOnlyBeClosedToTheProbe() {
        CheckResult origin = Results.at(NOW).failed(Cause.CONNECT_TIMEOUT).build();
        CheckResult edge = Results.at(NOW).build();

        CdnFinding finding = DETECTOR.detect("shop-origin", origin, "shop", edge).orElseThrow();

        assertThat(finding.summary()).contains("is down (connect_timeout)").contains("(HTTP 200)");
        assertThat(finding.likelyCauses()).anySatisfy(c -> assertThat(c).contains("only the CDN's addresses"));
    }

    @Test
    void theMaximumDistanceIsConfigurable() {
        CheckResult origin = Results.at(NOW).status(500).build();
        CheckResult edge = Results.at(NOW.plus(Duration.ofMinutes(20))).build();

        assertThat(new MaskedOutage(Duration.ofMinutes(30)).detect("o", origin, "e", edge)).isPresent();
        assertThat(DETECTOR.detect("o", origin, "e", edge)).isEqualTo(Optional.empty());
    }
}
