package dev.faultline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class TlsServerTest {

    @Test
    void selfSignedCertificateIsRejectedByTheDefaultTrustStore() {
        try (var server = TlsServer.selfSigned()) {
            var request = HttpRequest.newBuilder(server.url("/")).timeout(Duration.ofSeconds(5)).build();

            assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);
            assertThat(server.hits()).isZero();
        }
    }

    @Test
    void clientThatTrustsTheCertificateGetsOkAndSeesTheExpiry() throws Exception {
        try (var server = TlsServer.expiringIn(5)) {
            var client = HttpClient.newBuilder().sslContext(server.sslContext()).build();

            var response = client.send(HttpRequest.newBuilder(server.url("/")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ok");
            var peer = (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
            assertThat(peer.getNotAfter().toInstant()).isEqualTo(server.notAfter());
            assertThat(server.notAfter()).isCloseTo(Instant.now().plus(5, ChronoUnit.DAYS), within(1, ChronoUnit.MINUTES));
        }
    }

    @Test
    void expiredCertificateFailsTheHandshakeEvenWhenItsIssuerIsTrusted() {
        try (var server = TlsServer.expired()) {
            assertThat(server.notAfter()).isBefore(Instant.now().minus(23, ChronoUnit.HOURS));
            var client = HttpClient.newBuilder().sslContext(server.sslContext()).build();
            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(server.url("/")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void wrongHostnameFailsHostnameVerificationEvenWhenTrusted() {
        try (var server = TlsServer.wrongHostname()) {
            var client = HttpClient.newBuilder().sslContext(server.sslContext()).build();

            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(server.url("/")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
        }
    }
}
