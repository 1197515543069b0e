package dev.faultline.store;

import static dev.faultline.store.SampleResults.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

class UptimeTest {

    @DatabaseTest
    void windowsCountEveryCheckSinceTheirStartToTheMinute(TestDatabase db) {
        Store store = db.open();
        List<CheckResult> written = new ArrayList<>();
        // Every 17 min 7 s from 91 days back, from two regions, with more failures in the last day.
        Instant first = NOW.minus(Duration.ofDays(91));
        Duration step = Duration.ofMinutes(17).plusSeconds(7);
        int i = 0;
        for (Instant at = first; !at.isAfter(NOW); at = at.plus(step), i++) {
            boolean lastDay = at.isAfter(NOW.minus(Duration.ofDays(1)));
            Cause cause = i % 10 == 0 || (lastDay && i % 3 == 0) ? Cause.BAD_GATEWAY : i % 7 == 0 ? Cause.SLOW_RESPONSE : Cause.OK;
            CheckResult r = SampleResults.of("api", i % 2 == 0 ? "eu-west" : "us-east", at, cause,
                    cause == Cause.BAD_GATEWAY ? 502 : 200, Duration.ofMillis(40));
            written.add(r);
            store.writer().submit(r);
        }
        store.writer().submit(SampleResults.up("other", NOW, Duration.ofMillis(5)));
        store.writer().flush();

        Uptime uptime = store.rollups().uptime("api", NOW);

        assertThat(uptime.asOf()).isEqualTo(NOW);
        assertThat(uptime.last24h()).isEqualTo(expected(written, Duration.ofHours(24)));
        assertThat(uptime.last7d()).isEqualTo(expected(written, Duration.ofDays(7)));
        assertThat(uptime.last30d()).isEqualTo(expected(written, Duration.ofDays(30)));
        assertThat(uptime.last90d()).isEqualTo(expected(written, Duration.ofDays(90)));
        assertThat(uptime.last24h().percent().orElseThrow()).isLessThan(uptime.last90d().percent().orElseThrow());
    }

    @DatabaseTest
    void checksAfterNowDoNotCount(TestDatabase db) {
        Store store = db.open();
        store.writer().submit(SampleResults.up("api", NOW.minus(Duration.ofHours(2)), Duration.ofMillis(5)));
        store.writer().submit(SampleResults.of("api", "local", NOW.plus(Duration.ofMinutes(5)), Cause.BAD_GATEWAY, 502,
                Duration.ofMillis(5)));
        store.writer().submit(SampleResults.of("api", "local", NOW.plus(Duration.ofHours(3)), Cause.BAD_GATEWAY, 502,
                Duration.ofMillis(5)));
        store.writer().flush();

        assertThat(store.rollups().uptime("api", NOW).last24h()).isEqualTo(new Uptime.Availability(1, 1));
    }

    @DatabaseTest
    void noChecksMeansNoPercentage(TestDatabase db) {
        Store store = db.open();

        Uptime uptime = store.rollups().uptime("api", NOW);

        assertThat(List.of(uptime.last24h(), uptime.last7d(), uptime.last30d(), uptime.last90d()))
                .allSatisfy(window -> {
                    assertThat(window.checks()).isZero();
                    assertThat(window.percent()).isEmpty();
                });
    }

    @org.junit.jupiter.api.Test
    void percentIsTheShareOfAvailableChecks() {
        assertThat(new Uptime.Availability(8, 6).percent()).hasValue(75.0);
        assertThat(new Uptime.Availability(0, 0).percent()).isEmpty();
    }

    /** What the rollups must say: the checks from the minute the window starts in, up to now. */
    private static Uptime.Availability expected(List<CheckResult> results, Duration window) {
        Instant from = NOW.minus(window).truncatedTo(ChronoUnit.MINUTES);
        List<CheckResult> in = results.stream().filter(r -> !r.startedAt().isBefore(from) && !r.startedAt().isAfter(NOW)).toList();
        return new Uptime.Availability(in.size(), in.stream().filter(r -> r.verdict().outcome() != Outcome.DOWN).count());
    }
}
