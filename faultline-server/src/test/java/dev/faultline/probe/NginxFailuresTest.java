package dev.faultline.probe;

import static dev.faultline.probe.Probes.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Diagnosis;
import dev.faultline.testing.HostileServer;
import dev.faultline.testing.NginxServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Real proxy failures from a real nginx, each with its verdict and next step. */
class NginxFailuresTest {

    @Test
    void aClosedUpstreamGivesARealBadGateway() {
        try (NginxServer nginx = NginxServer.badGateway()) {
            CheckResult result = Probes.check(spec(nginx.url("/")).build());

            assertThat(result.status()).isEqualTo(502);
            assertThat(result.verdict().cause()).isEqualTo(Cause.BAD_GATEWAY);
            assertThat(result.headers().get("Server")).startsWith("nginx");
            assertThat(Diagnosis.of(result).nextStep()).contains("application process is running");
        }
    }

    @Test
    void aHungUpstreamGivesARealGatewayTimeout() {
        try (HostileServer hung = HostileServer.acceptsAndHangs(); NginxServer nginx = NginxServer.gatewayTimeout(hung)) {
            CheckResult result = Probes.check(spec(nginx.url("/")).timeout(Duration.ofSeconds(5)).build());

            assertThat(result.status()).isEqualTo(504);
            assertThat(result.verdict().cause()).isEqualTo(Cause.GATEWAY_TIMEOUT);
            assertThat(Diagnosis.of(result).nextStep()).contains("slow queries");
        }
    }

    @Test
    void maintenanceGivesServiceUnavailableWithItsRetryAfter() {
        try (NginxServer nginx = NginxServer.maintenance(120)) {
            CheckResult result = Probes.check(spec(nginx.url("/")).build());

            assertThat(result.status()).isEqualTo(503);
            assertThat(result.verdict().cause()).isEqualTo(Cause.SERVICE_UNAVAILABLE);
            assertThat(result.retryAfter()).contains(Duration.ofSeconds(120));
            assertThat(Diagnosis.of(result).nextStep()).contains("back in 120 s");
        }
    }
}
