package dev.faultline.store;

import static dev.faultline.store.SampleResults.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.CheckResult;
import dev.faultline.check.PhaseTimings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

class ResultRoundTripTest {

    @DatabaseTest
    void degradedResultWithEveryFieldReadsBackAsWritten(TestDatabase db) {
        CheckResult written = SampleResults.full("api", NOW);

        assertThat(writeAndReadBack(db, written)).isEqualTo(written);
    }

    @DatabaseTest
    void failureWithoutAnAnswerReadsBackWithoutStatusOrMissingPhases(TestDatabase db) {
        CheckResult written = SampleResults.refused("api", NOW);

        CheckResult read = writeAndReadBack(db, written);

        assertThat(read).isEqualTo(written);
        assertThat(read.hasStatus()).isFalse();
        assertThat(read.timings().connect()).isEmpty();
    }

    @DatabaseTest
    void failedAssertionsReadBackWithTheirCausesInOrder(TestDatabase db) {
        CheckResult written = SampleResults.failedAssertions("shop", NOW);

        assertThat(writeAndReadBack(db, written)).isEqualTo(written);
    }

    @DatabaseTest
    void timesAreKeptToTheMicrosecond(TestDatabase db) {
        CheckResult written = withTimes(SampleResults.up("api", Instant.parse("2026-03-01T12:00:00.123456789Z"),
                Duration.ofNanos(1_234_567_891)));

        CheckResult read = writeAndReadBack(db, written);

        assertThat(read.startedAt()).isEqualTo(Instant.parse("2026-03-01T12:00:00.123456Z"));
        assertThat(read.timings().total()).isEqualTo(Duration.ofNanos(1_234_567_000));
    }

    @DatabaseTest
    void nulCharactersFromHostileServersAreStoredAsReplacementCharacters(TestDatabase db) {
        CheckResult refused = SampleResults.refused("api", NOW);
        CheckResult written = new CheckResult(refused.monitor(), refused.region(), refused.url(), refused.startedAt(),
                refused.timings(), 0, Map.of("Server", "x\0y"), 0, "", refused.failedAssertions(), refused.verdict(),
                Optional.empty(), Optional.empty(), "Unexpected status line: \0\0\u0001HTTP");

        CheckResult read = writeAndReadBack(db, written);

        assertThat(read.detail()).isEqualTo("Unexpected status line: \uFFFD\uFFFD\u0001HTTP");
        assertThat(read.headers()).containsEntry("Server", "x\uFFFDy");
    }

    private static CheckResult withTimes(CheckResult r) {
        return new CheckResult(r.monitor(), r.region(), r.url(), r.startedAt(), PhaseTimings.totalOnly(r.timings().total()),
                r.status(), r.headers(), r.bodyBytes(), r.bodyDigest(), r.failedAssertions(), r.verdict(), r.retryAfter(),
                r.certificateNotAfter(), r.detail());
    }

    private static CheckResult writeAndReadBack(TestDatabase db, CheckResult written) {
        Store store = db.open();
        store.writer().submit(written);
        store.writer().flush();
        return store.results().latest(written.monitor()).orElseThrow();
    }
}
