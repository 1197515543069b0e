package dev.faultline.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The cause table of DESIGN.md §7, written out literally: changing the contract must break this test. */
class CauseContractTest {

    record Row(Cause cause, String id, Fault fault, Outcome outcome) {
    }

    static final List<Row> CONTRACT = List.of(
            new Row(Cause.OK, "ok", Fault.NONE, Outcome.UP),
            new Row(Cause.SLOW_RESPONSE, "slow_response", Fault.NONE, Outcome.DEGRADED),
            new Row(Cause.CERTIFICATE_EXPIRING, "certificate_expiring", Fault.NONE, Outcome.DEGRADED),
            new Row(Cause.INTERNAL_SERVER_ERROR, "internal_server_error", Fault.SERVER, Outcome.DOWN),
            new Row(Cause.BAD_GATEWAY, "bad_gateway", Fault.SERVER, Outcome.DOWN),
            new Row(Cause.SERVICE_UNAVAILABLE, "service_unavailable", Fault.SERVER, Outcome.DOWN),
            new Row(Cause.GATEWAY_TIMEOUT, "gateway_timeout", Fault.SERVER, Outcome.DOWN),
            new Row(Cause.OTHER_5XX, "other_5xx", Fault.SERVER, Outcome.DOWN),
            new Row(Cause.UNAUTHORIZED, "unauthorized", Fault.CLIENT, Outcome.DOWN),
            new Row(Cause.FORBIDDEN, "forbidden", Fault.CLIENT, Outcome.DOWN),
            new Row(Cause.NOT_FOUND, "not_found", Fault.CLIENT, Outcome.DOWN),
            new Row(Cause.RATE_LIMITED, "rate_limited", Fault.CLIENT, Outcome.DOWN),
            new Row(Cause.OTHER_4XX, "other_4xx", Fault.CLIENT, Outcome.DOWN),
            new Row(Cause.UNEXPECTED_STATUS, "unexpected_status", Fault.SERVER, Outcome.DOWN),
            new Row(Cause.CONNECTION_REFUSED, "connection_refused", Fault.SERVER, Outcome.DOWN),
            new Row(Cause.READ_TIMEOUT, "read_timeout", Fault.SERVER, Outcome.DOWN),
            new Row(Cause.TLS_FAILURE, "tls_failure", Fault.SERVER, Outcome.DOWN),
            new Row(Cause.PROTOCOL_ERROR, "protocol_error", Fault.SERVER, Outcome.DOWN),
            new Row(Cause.REDIRECT_LOOP, "redirect_loop", Fault.SERVER, Outcome.DOWN),
            new Row(Cause.DNS_FAILURE, "dns_failure", Fault.NETWORK, Outcome.DOWN),
            new Row(Cause.CONNECT_TIMEOUT, "connect_timeout", Fault.NETWORK, Outcome.DOWN),
            new Row(Cause.BODY_MISMATCH, "body_mismatch", Fault.CONTENT, Outcome.DOWN),
            new Row(Cause.HEADER_MISMATCH, "header_mismatch", Fault.CONTENT, Outcome.DOWN));

    static Stream<Arguments> contract() {
        return CONTRACT.stream().map(row -> Arguments.of(row.cause(), row.id(), row.fault(), row.outcome()));
    }

    @Test
    void theContractNamesEveryCauseExactlyOnce() {
        assertThat(CONTRACT).extracting(Row::cause).containsExactlyInAnyOrder(Cause.values());
    }

    @ParameterizedTest(name = "{1} is {2}, {3}")
    @MethodSource("contract")
    void eachCauseHasTheIdFaultAndOutcomeOfTheContract(Cause cause, String id, Fault fault, Outcome outcome) {
        assertThat(cause.id()).isEqualTo(id);
        assertThat(cause.fault()).isEqualTo(fault);
        assertThat(cause.outcome()).isEqualTo(outcome);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Cause.class)
    void fromIdRoundTripsEveryCause(Cause cause) {
        assertThat(Cause.fromId(cause.id())).contains(cause);
    }

    @Test
    void fromIdKnowsNothingButTheSnakeCaseIds() {
        assertThat(Cause.fromId("BAD_GATEWAY")).isEmpty();
        assertThat(Cause.fromId("bad-gateway")).isEmpty();
        assertThat(Cause.fromId("")).isEmpty();
        assertThat(Cause.fromId("timeout")).isEmpty();
    }

    @Test
    void faultOutcomeAndSeverityIdsAreTheJsonWords() {
        assertThat(Arrays.stream(Fault.values()).map(Fault::id))
                .containsExactly("none", "client", "server", "network", "content");
        assertThat(Arrays.stream(Outcome.values()).map(Outcome::id)).containsExactly("up", "degraded", "down");
        assertThat(Arrays.stream(Severity.values()).map(Severity::id))
                .containsExactly("none", "info", "warning", "critical");
    }
}
