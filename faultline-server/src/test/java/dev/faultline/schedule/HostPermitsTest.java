package dev.faultline.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HostPermitsTest {

    @ParameterizedTest
    @CsvSource({
            "http://Example.COM/health, example.com:80",
            "http://example.com:80/, example.com:80",
            "https://example.com/, example.com:443",
            "https://example.com:8443/x?y=1, example.com:8443",
            "http://127.0.0.1:9000, 127.0.0.1:9000",
    })
    void theLimitIsPerHostAndPort(String url, String key) {
        assertThat(HostPermits.hostKey(URI.create(url))).isEqualTo(key);
    }

    @Test
    void monitorsOfOneHostShareOneSemaphoreUntilTheHostIsForgotten() {
        HostPermits permits = new HostPermits(3);
        var first = permits.forUrl(URI.create("http://example.com/a"));
        assertThat(permits.forUrl(URI.create("http://EXAMPLE.com:80/b"))).isSameAs(first);
        assertThat(first.availablePermits()).isEqualTo(3);
        permits.retainOnly(Set.of("other.example:80"));
        assertThat(permits.size()).isZero();
        assertThat(permits.forUrl(URI.create("http://example.com/a"))).isNotSameAs(first);
    }
}
