package dev.faultline.probe;

import static dev.faultline.probe.Probes.check;
import static dev.faultline.probe.Probes.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.Assertion;
import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Header;
import dev.faultline.check.Outcome;
import dev.faultline.check.StatusSet;
import dev.faultline.testing.ClosedPort;
import dev.faultline.testing.HostileServer;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The probe against real local servers that behave well, and some that do not. */
class HttpProberTest {

    /**
     * What a loaded machine (two shared cores, parallel builds) may add to a deadline before the
     * probe's own thread runs again. A deadline that is not enforced never ends at all here.
     */
    private static final Duration LOAD_SLACK = Duration.ofSeconds(5);

    @Test
    void aHealthyPageIsUpWithItsPhaseTimings() {
        try (HostileServer server = HostileServer.status(200, Map.of("Content-Type", "text/plain"), "all good")) {
            CheckResult result = check(spec(server.url("/health")).build());

            assertThat(result.verdict().cause()).isEqualTo(Cause.OK);
            assertThat(result.status()).isEqualTo(200);
            assertThat(result.bodyBytes()).isEqualTo(8);
            assertThat(result.bodyDigest()).hasSize(64);
            assertThat(result.timings().connect()).isPresent();
            assertThat(result.timings().firstByte()).isPresent();
            // An IP literal needs no lookup, and plain HTTP has no handshake.
            assertThat(result.timings().dns()).isEmpty();
            assertThat(result.timings().tls()).isEmpty();
            assertThat(result.timings().total()).isGreaterThanOrEqualTo(result.timings().firstByte().orElseThrow());
        }
    }

    @Test
    void everyCheckOpensAFreshConnectionAndSaysWhoItIs() {
        try (HostileServer server = HostileServer.status(200, Map.of(), "ok")) {
            check(spec(server.url("/")).build());
            check(spec(server.url("/")).build());

            assertThat(server.hits()).isEqualTo(2);
            assertThat(server.connections()).isEqualTo(2);
            assertThat(server.lastRequestHeaders()).containsEntry("User-Agent", Probes.USER_AGENT);
        }
    }

    @Test
    void sendsTheMethodHeadersAndBodyOfTheSpec() {
        try (HostileServer server = HostileServer.status(201, Map.of(), "created")) {
            CheckResult result = check(spec(server.url("/items")).method("POST")
                    .header(new Header("X-Token", "s3cret")).body("{\"a\":1}").build());

            assertThat(result.verdict().outcome()).isEqualTo(Outcome.UP);
            assertThat(server.lastRequest().orElseThrow().method()).isEqualTo("POST");
            assertThat(server.lastRequestHeaders()).containsEntry("X-Token", "s3cret")
                    .containsEntry("Content-Type", "application/json; charset=utf-8");
        }
    }

    @Test
    void cacheBustingAsksPastEveryCache() {
        try (HostileServer server = HostileServer.status(200, Map.of(), "ok")) {
            check(spec(server.url("/page?x=1")).cacheBust(true).build());
            String first = server.lastRequest().orElseThrow().target();
            check(spec(server.url("/page?x=1")).cacheBust(true).build());
            String second = server.lastRequest().orElseThrow().target();

            assertThat(first).startsWith("/page?x=1&faultline-nocache=");
            assertThat(second).isNotEqualTo(first);
            assertThat(server.lastRequestHeaders()).containsEntry("Cache-Control", "no-cache");
        }
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersIsAReadTimeoutOnTime() {
        try (HostileServer server = HostileServer.acceptsAndHangs()) {
            long start = System.nanoTime();
            CheckResult result = check(spec(server.url("/")).timeout(Duration.ofMillis(800)).build());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(result.verdict().cause()).isEqualTo(Cause.READ_TIMEOUT);
            assertThat(took).isBetween(Duration.ofMillis(700), Duration.ofMillis(800).plus(LOAD_SLACK));
        }
    }

    @Test
    void aBodyTrickledOneByteASecondStillEndsAtTheDeadline() {
        try (HostileServer server = HostileServer.tricklesBody(1)) {
            long start = System.nanoTime();
            CheckResult result = check(spec(server.url("/")).timeout(Duration.ofMillis(1500)).build());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(result.verdict().cause()).isEqualTo(Cause.READ_TIMEOUT);
            assertThat(result.detail()).contains("did not finish");
            assertThat(took).isBetween(Duration.ofMillis(1400), Duration.ofMillis(1500).plus(LOAD_SLACK));
        }
    }

    @Test
    void anEndlessBodyIsReadUpToTheCapAndNoFurther() {
        int cap = 256 * 1024;
        var sockets = new CountingSockets();
        try (HostileServer server = HostileServer.endlessBody()) {
            CheckResult result = check(spec(server.url("/")).maxBodyBytes(cap).timeout(Duration.ofSeconds(30))
                    .assertion(new Assertion.BodyContains("never there")).build(), ProbeClients.create(false, sockets));

            // The assertions judge what was read; the body never ends, so the check must not either way
            // (a READ_TIMEOUT would mean it ran on to the deadline).
            assertThat(result.bodyBytes()).isEqualTo(cap);
            assertThat(result.verdict().cause()).isEqualTo(Cause.BODY_MISMATCH);
            assertThat(result.failedAssertions().get(0).message()).contains("only the first 262144 bytes");
            // Counted on the client's socket: what the server got written also counts what loopback's
            // kernel buffers absorbed, which no client controls. Past the cap the probe reads ahead at
            // most one okio segment (8 KiB) and the chunk framing; a close() that drained the rest, as
            // OkHttp's does for up to 100 ms to keep the connection, reads tens of MB.
            assertThat(sockets.bytesRead()).isBetween((long) cap, cap + 64L * 1024);
            assertThat(sockets.allClosed()).as("the connection is closed, not kept for its unread body").isTrue();
        }
    }

    @Test
    void anEndlessBodyBehindA200IsSimplyUp() {
        try (HostileServer server = HostileServer.endlessBody()) {
            CheckResult result = check(spec(server.url("/")).build());

            assertThat(result.verdict().cause()).isEqualTo(Cause.OK);
            assertThat(result.bodyBytes()).isEqualTo(1024 * 1024);
        }
    }

    @Test
    void bytesThatAreNotHttpAreAProtocolError() {
        try (HostileServer server = HostileServer.garbage()) {
            CheckResult result = check(spec(server.url("/")).build());

            assertThat(result.verdict().cause()).isEqualTo(Cause.PROTOCOL_ERROR);
            assertThat(result.status()).isZero();
        }
    }

    @Test
    void aRedirectToItselfIsALoop() {
        try (HostileServer server = HostileServer.redirectsToItself()) {
            CheckResult result = check(spec(server.url("/loop")).build());

            assertThat(result.verdict().cause()).isEqualTo(Cause.REDIRECT_LOOP);
            assertThat(server.hits()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void aShortRedirectChainIsFollowedToThePage() {
        try (HostileServer server = HostileServer.redirectChain(3)) {
            CheckResult result = check(spec(server.url("/r/1")).assertion(new Assertion.BodyContains("done")).build());

            assertThat(result.verdict().cause()).isEqualTo(Cause.OK);
            assertThat(server.hits()).isEqualTo(4);
        }
    }

    @Test
    void aRedirectWhoseBodyNeverEndsIsFollowedWithoutReadingThatBody() {
        var sockets = new CountingSockets();
        try (HostileServer server = HostileServer.redirectsWithEndlessBody()) {
            CheckResult result = check(spec(server.url("/")).timeout(Duration.ofSeconds(30))
                    .assertion(new Assertion.BodyContains("done")).build(), ProbeClients.create(false, sockets));

            assertThat(result.verdict().cause()).isEqualTo(Cause.OK);
            assertThat(result.status()).isEqualTo(200);
            assertThat(server.hits()).isEqualTo(2);
            // Two heads, "done" and whatever arrived with the 302's head: nowhere near the megabytes
            // that closing the 302 would drain.
            assertThat(sockets.bytesRead()).isLessThan(256L * 1024);
            assertThat(sockets.allClosed()).isTrue();
        }
    }

    @Test
    void aRedirectsShortBodyIsDrainedSoAReusedConnectionSurvivesIt() throws Exception {
        // With connection reuse on, a 301 with the usual short body must not cost the next hop a new connection.
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestURI().getPath().equals("/done") ? "done".getBytes() : "Moved Permanently".getBytes();
            if (!exchange.getRequestURI().getPath().equals("/done")) exchange.getResponseHeaders().add("Location", "/done");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/done") ? 200 : 301, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        var sockets = new CountingSockets();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/old");
            CheckResult result = check(spec(url).assertion(new Assertion.BodyContains("done")).build(),
                    ProbeClients.create(true, sockets));

            assertThat(result.verdict().cause()).isEqualTo(Cause.OK);
            assertThat(sockets.opened()).isEqualTo(1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void moreRedirectsThanTheLimitIsALoop() {
        try (HostileServer server = HostileServer.redirectChain(4)) {
            CheckResult result = check(spec(server.url("/r/1")).maxRedirects(3).build());

            assertThat(result.verdict().cause()).isEqualTo(Cause.REDIRECT_LOOP);
            assertThat(result.detail()).contains("more than 3 redirects");
        }
    }

    @Test
    void withoutFollowingRedirectsA302IsAnUnexpectedStatusUnlessExpected() {
        try (HostileServer server = HostileServer.redirectChain(1)) {
            CheckResult unexpected = check(spec(server.url("/r/1")).followRedirects(false).build());
            CheckResult expected = check(spec(server.url("/r/1")).followRedirects(false)
                    .expect(StatusSet.parse("200-399")).build());

            assertThat(unexpected.verdict().cause()).isEqualTo(Cause.UNEXPECTED_STATUS);
            assertThat(unexpected.headers()).containsKey("Location");
            assertThat(expected.verdict().cause()).isEqualTo(Cause.OK);
        }
    }

    @Test
    void aClosedPortIsConnectionRefused() {
        CheckResult result = check(spec(ClosedPort.pick().url("/")).build());

        assertThat(result.verdict().cause()).isEqualTo(Cause.CONNECTION_REFUSED);
        assertThat(result.verdict().fault().id()).isEqualTo("server");
    }

    @Test
    void aNameThatDoesNotResolveIsADnsFailure() {
        // .invalid never resolves (RFC 6761): the probe answers without sending a query.
        CheckResult result = check(spec(URI.create("http://faultline-test.invalid/")).build());

        assertThat(result.verdict().cause()).isEqualTo(Cause.DNS_FAILURE);
        assertThat(result.verdict().fault().id()).isEqualTo("network");
        assertThat(result.timings().dns()).as("the failed lookup's time").isPresent();
        assertThat(result.timings().connect()).isEmpty();
    }

    @Test
    void a429WithRetryAfterIsRateLimitedAndKeepsTheDelay() {
        try (HostileServer server = HostileServer.status(429, Map.of("Retry-After", "120"), "slow down")) {
            CheckResult result = check(spec(server.url("/")).build());

            assertThat(result.verdict().cause()).isEqualTo(Cause.RATE_LIMITED);
            assertThat(result.retryAfter()).contains(Duration.ofSeconds(120));
            assertThat(result.headers()).containsEntry("Retry-After", "120");
        }
    }

    @Test
    void aJsonPathIsReadFromTheRealBody() {
        try (HostileServer server = HostileServer.status(200, Map.of("Content-Type", "application/json"),
                "{\"status\":\"degraded\",\"checks\":[{\"db\":\"ok\"}]}")) {
            CheckResult passing = check(spec(server.url("/")).assertion(Assertion.JsonPathEquals.parse("$.checks[0].db=ok")).build());
            CheckResult failing = check(spec(server.url("/")).assertion(Assertion.JsonPathEquals.parse("$.status=ok")).build());

            assertThat(passing.verdict().cause()).isEqualTo(Cause.OK);
            assertThat(failing.verdict().cause()).isEqualTo(Cause.BODY_MISMATCH);
            assertThat(failing.detail()).isEqualTo("$.status is \"degraded\", expected \"ok\"");
        }
    }

    @Test
    void aBodyThatNeverFinishesIsAReadTimeoutNotMerelySlow() {
        try (HostileServer server = HostileServer.tricklesBody(1)) {
            CheckResult result = check(spec(server.url("/")).timeout(Duration.ofMillis(300))
                    .maxResponseTime(Duration.ofMillis(1)).build());

            assertThat(result.verdict().cause()).isEqualTo(Cause.READ_TIMEOUT);
        }
    }

    @Test
    void anAnswerSlowerThanTheLimitIsDegraded() throws Exception {
        HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slow.createContext("/", exchange -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        slow.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + slow.getAddress().getPort() + "/");
            CheckResult result = check(spec(url).maxResponseTime(Duration.ofMillis(100)).build());

            assertThat(result.verdict().cause()).isEqualTo(Cause.SLOW_RESPONSE);
            assertThat(result.verdict().outcome()).isEqualTo(Outcome.DEGRADED);
            assertThat(result.detail()).endsWith("over the limit of 100 ms");
        } finally {
            slow.stop(0);
        }
    }
}
