package dev.faultline.probe;

import static dev.faultline.probe.Probes.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import dev.faultline.testing.TlsServer;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** TLS: verified by default, recorded always, and judged for expiry. */
class TlsProbeTest {

    @Test
    void aSelfSignedCertificateIsATlsFailure() {
        try (TlsServer server = TlsServer.selfSigned()) {
            CheckResult result = Probes.check(spec(server.url("/")).build());

            assertThat(result.verdict().cause()).isEqualTo(Cause.TLS_FAILURE);
            assertThat(server.hits()).isZero();
        }
    }

    @Test
    void insecureAcceptsTheCertificateButStillRecordsItsExpiry() {
        try (TlsServer server = TlsServer.selfSigned()) {
            CheckResult result = Probes.check(spec(server.url("/")).insecure(true).build());

            assertThat(result.verdict().cause()).isEqualTo(Cause.OK);
            assertThat(result.timings().tls()).isPresent();
            assertThat(result.certificateNotAfter()).contains(server.notAfter().truncatedTo(ChronoUnit.SECONDS));
        }
    }

    @Test
    void aTrustedCertificateEndingWithinTheWarningIsDegraded() {
        try (TlsServer server = TlsServer.expiringIn(5)) {
            HttpProber prober = Probes.prober(ProbeClients.create(false, server.sslSocketFactory(), server.trustManager()));
            CheckResult result = prober.check("tls", spec(server.url("/")).build(), "local");

            assertThat(result.verdict().cause()).isEqualTo(Cause.CERTIFICATE_EXPIRING);
            assertThat(result.detail()).startsWith("certificate ends ");
        }
    }

    @Test
    void anExpiredOrWrongHostCertificateIsATlsFailureEvenFromATrustedIssuer() {
        try (TlsServer expired = TlsServer.expired(); TlsServer wrongHost = TlsServer.wrongHostname()) {
            for (TlsServer server : new TlsServer[] {expired, wrongHost}) {
                HttpProber prober = Probes.prober(ProbeClients.create(false, server.sslSocketFactory(), server.trustManager()));
                CheckResult result = prober.check("tls", spec(server.url("/")).build(), "local");

                assertThat(result.verdict().cause()).as(server.url("/").toString()).isEqualTo(Cause.TLS_FAILURE);
            }
        }
    }
}
