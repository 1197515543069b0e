package dev.faultline.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MonitorSpecTest {

    private static final URI URL = URI.create("https://api.example.com/health");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "https://api.example.com/health     | https://api.example.com/health",
            "'  http://example.com  '           | http://example.com",
            "HTTPS://EXAMPLE.COM/               | HTTPS://EXAMPLE.COM/",
            "http://127.0.0.1:8080/status?full=1 | http://127.0.0.1:8080/status?full=1",
            "http://[::1]:8080/                 | http://[::1]:8080/",
    })
    void parseUrlAcceptsHttpAndHttpsUrls(String text, String url) {
        assertThat(MonitorSpec.parseUrl(text)).isEqualTo(URI.create(url));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "example.com/health    | invalid URL 'example.com/health': it has no scheme; start it with http:// or https://",
            "localhost:8080        | invalid URL 'localhost:8080': the scheme must be http or https, not 'localhost'",
            "ftp://files.example.com/x | invalid URL 'ftp://files.example.com/x': the scheme must be http or https, not 'ftp'",
            "mailto:ops@example.com | invalid URL 'mailto:ops@example.com': the scheme must be http or https, not 'mailto'",
            "http:///path          | invalid URL 'http:///path': it has no host name",
            "http:example.com      | invalid URL 'http:example.com': it has no host name",
            "http://my_service:8080/ | invalid URL 'http://my_service:8080/': 'my_service:8080' is not a valid host name and port",
            "http://               | invalid URL 'http://': Expected authority at index 7",
            "http://exa mple.com   | invalid URL 'http://exa mple.com': Illegal character in authority at index 10",
            "not a url             | invalid URL 'not a url': Illegal character in path at index 3",
    })
    void parseUrlRejectsWhatCannotBeCheckedSayingWhy(String text, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> MonitorSpec.parseUrl(text)).withMessage(message);
    }

    @Test
    void theBuilderFillsInTheDefaultsAnOperatorExpects() {
        MonitorSpec spec = MonitorSpec.builder(URL).build();

        assertThat(spec.name()).isEqualTo("https://api.example.com/health");
        assertThat(spec.url()).isEqualTo(URL);
        assertThat(spec.method()).isEqualTo("GET");
        assertThat(spec.headers()).isEmpty();
        assertThat(spec.body()).isEmpty();
        assertThat(spec.interval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(spec.expect()).isEqualTo(StatusSet.parse("2xx"));
        assertThat(spec.assertions()).isEmpty();
        assertThat(spec.maxResponseTime()).isEmpty();
        assertThat(spec.followRedirects()).isTrue();
        assertThat(spec.maxRedirects()).isEqualTo(10);
        assertThat(spec.insecure()).isFalse();
        assertThat(spec.certificateWarning()).isEqualTo(Duration.ofDays(14));
        assertThat(spec.maxBodyBytes()).isEqualTo(1_048_576L);
    }

    @Test
    void theBuilderSetsEveryField() {
        Header auth = Header.parse("Authorization: Bearer t0k3n");
        Assertion contains = new Assertion.BodyContains("ok");
        MonitorSpec spec = MonitorSpec.builder(URL).name("api").method("post").header(auth).body("{}")
                .interval(Duration.ofSeconds(30)).timeout(Duration.ofSeconds(5)).expect(StatusSet.parse("200,401"))
                .assertion(contains).maxResponseTime(Duration.ofSeconds(2)).followRedirects(false).maxRedirects(0)
                .insecure(true).certificateWarning(Duration.ofDays(30)).maxBodyBytes(4096).cacheBust(true).build();

        assertThat(spec).isEqualTo(new MonitorSpec("api", URL, "POST", List.of(auth), Optional.of("{}"),
                Duration.ofSeconds(30), Duration.ofSeconds(5), StatusSet.parse("200,401"), List.of(contains),
                Optional.of(Duration.ofSeconds(2)), false, 0, true, Duration.ofDays(30), 4096, true));
    }

    @Test
    void theSpecKeepsItsOwnCopiesOfItsLists() {
        List<Header> headers = new ArrayList<>(List.of(Header.parse("X-A: 1")));
        MonitorSpec spec = new MonitorSpec("api", URL, "GET", headers, Optional.empty(), Duration.ofSeconds(60),
                Duration.ofSeconds(10), StatusSet.SUCCESS, List.of(), Optional.empty(), true, 10, false,
                Duration.ofDays(14), 1024, false);

        headers.add(Header.parse("X-B: 2"));

        assertThat(spec.headers()).containsExactly(Header.parse("X-A: 1"));
    }

    @Test
    void anIntervalUnderOneSecondIsRejected() {
        assertThat(MonitorSpec.builder(URL).interval(Duration.ofSeconds(1)).build().interval()).isEqualTo(Duration.ofSeconds(1));
        assertThatIllegalArgumentException().isThrownBy(() -> MonitorSpec.builder(URL).interval(Duration.ofMillis(999)).build())
                .withMessage("interval: 999ms is shorter than the minimum of 1s");
    }

    @Test
    void aZeroTimeoutIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> MonitorSpec.builder(URL).timeout(Duration.ZERO).build())
                .withMessage("timeout: 0s is shorter than the minimum of 1ms");
    }

    @Test
    void aZeroMaximumResponseTimeIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> MonitorSpec.builder(URL).maxResponseTime(Duration.ZERO).build())
                .withMessage("max_response_time: 0s is shorter than the minimum of 1ms");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {-1, 51, 1000})
    void maxRedirectsStaysWithinZeroToFifty(int max) {
        assertThatIllegalArgumentException().isThrownBy(() -> MonitorSpec.builder(URL).maxRedirects(max).build())
                .withMessage("max_redirects: " + max + " is outside 0 to 50");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {0, 50})
    void maxRedirectsMayBeZeroOrFifty(int max) {
        assertThat(MonitorSpec.builder(URL).maxRedirects(max).build().maxRedirects()).isEqualTo(max);
    }

    @Test
    void theBuilderUpperCasesTheMethod() {
        assertThat(MonitorSpec.builder(URL).method("head").build().method()).isEqualTo("HEAD");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"get", "Get", "", "GET /", "G3T"})
    void theConstructorRejectsAnythingButAnUpperCaseMethod(String method) {
        assertThatIllegalArgumentException().isThrownBy(() -> new MonitorSpec("api", URL, method, List.of(),
                        Optional.empty(), Duration.ofSeconds(60), Duration.ofSeconds(10), StatusSet.SUCCESS, List.of(),
                        Optional.empty(), true, 10, false, Duration.ofDays(14), 1024, false))
                .withMessage("method: '" + method + "' is not an HTTP method such as GET or POST");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "  ", "\t"})
    void aBlankNameIsRejected(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> MonitorSpec.builder(URL).name(name).build())
                .withMessage("name: must not be empty");
    }

    @Test
    void aNegativeCertificateWarningIsRejectedButZeroTurnsItOff() {
        assertThat(MonitorSpec.builder(URL).certificateWarning(Duration.ZERO).build().certificateWarning()).isZero();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MonitorSpec.builder(URL).certificateWarning(Duration.ofDays(-1)).build())
                .withMessage("certificate_warning: must not be negative");
    }

    @Test
    void theBodyCapIsAtLeastOneByte() {
        assertThatIllegalArgumentException().isThrownBy(() -> MonitorSpec.builder(URL).maxBodyBytes(0).build())
                .withMessage("max_body_bytes: must be at least 1");
    }

    @Test
    void aUrlThatIsNotHttpIsRejectedWhenBuilt() {
        assertThatIllegalArgumentException().isThrownBy(() -> MonitorSpec.builder(URI.create("ftp://x/")).build())
                .withMessage("invalid URL 'ftp://x/': the scheme must be http or https, not 'ftp'");
    }
}
