package dev.faultline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import dev.faultline.check.FailedAssertion;
import dev.faultline.check.PhaseTimings;
import dev.faultline.check.Verdict;
import dev.faultline.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's on-disk buffer: exact round trips, batches by size, crash recovery and the bound. */
class ResultBufferTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00.123456Z");

    @TempDir
    Path dir;

    @Test
    void aSealedBatchReadsBackExactlyWhatWasKept() throws IOException {
        List<CheckResult> kept = List.of(result(0, Cause.OK, 200), result(1, Cause.BAD_GATEWAY, 502), failedAssertion(2));
        try (ResultBuffer buffer = ResultBuffer.open(dir, 1 << 20, 500, Json.mapper())) {
            kept.forEach(buffer::append);
            assertThat(buffer.oldest()).isEmpty(); // still open
            buffer.seal();

            ResultBuffer.Segment segment = buffer.oldest().orElseThrow();
            assertThat(segment.results()).isEqualTo(3);
            assertThat(buffer.results(segment)).isEqualTo(kept);
            buffer.sent(segment);
            assertThat(buffer.oldest()).isEmpty();
            assertThat(buffer.waiting()).isZero();
        }
        assertThat(segmentFiles()).isEmpty();
    }

    @Test
    void aFullBatchIsSealedAtOnceAndEveryBatchHasItsOwnId() throws IOException {
        try (ResultBuffer buffer = ResultBuffer.open(dir, 1 << 20, 2, Json.mapper())) {
            for (int i = 0; i < 5; i++) buffer.append(result(i, Cause.OK, 200));

            ResultBuffer.Segment first = buffer.oldest().orElseThrow();
            assertThat(buffer.results(first)).extracting(CheckResult::startedAt).containsExactly(T0, T0.plusSeconds(1));
            buffer.sent(first);
            ResultBuffer.Segment second = buffer.oldest().orElseThrow();
            assertThat(second.batchId()).isNotEqualTo(first.batchId());
            assertThat(buffer.waiting()).isEqualTo(3); // two sealed, one open
        }
    }

    @Test
    void whatACrashLeftOpenIsSentAfterTheRestartAndATornLastLineIsSkipped() throws IOException {
        ResultBuffer crashed = ResultBuffer.open(dir, 1 << 20, 500, Json.mapper());
        crashed.append(result(0, Cause.OK, 200));
        crashed.append(result(1, Cause.OK, 200));
        // Killed mid-write: the open segment ends in half a line, and close() never ran.
        Path open = segmentFiles().getFirst();
        assertThat(open.toString()).endsWith(".open");
        Files.writeString(open, "{\"monitor\":\"m\",\"regi", StandardOpenOption.APPEND);

        try (ResultBuffer restarted = ResultBuffer.open(dir, 1 << 20, 500, Json.mapper())) {
            ResultBuffer.Segment segment = restarted.oldest().orElseThrow();
            assertThat(restarted.results(segment)).extracting(CheckResult::startedAt).containsExactly(T0, T0.plusSeconds(1));
            restarted.append(result(2, Cause.OK, 200));
            restarted.seal();
            restarted.sent(segment);
            // New segments come after the old ones, so batches still go oldest first.
            assertThat(restarted.results(restarted.oldest().orElseThrow())).extracting(CheckResult::startedAt)
                    .containsExactly(T0.plusSeconds(2));
        }
    }

    @Test
    void whenTheBoundIsReachedTheOldestBatchesAreDroppedAndCounted() throws IOException {
        long oneLine = Json.mapper().writeValueAsString(dev.faultline.json.ResultJson.of(result(0, Cause.OK, 200))).length() + 1;
        long bound = oneLine * 10;
        try (ResultBuffer buffer = ResultBuffer.open(dir, bound, 2, Json.mapper())) {
            for (int i = 0; i < 30; i++) buffer.append(result(i, Cause.OK, 200));

            assertThat(buffer.dropped()).isPositive();
            assertThat(buffer.waiting() + buffer.dropped()).isEqualTo(30);
            long onDisk = 0;
            for (Path file : segmentFiles()) onDisk += Files.size(file);
            assertThat(onDisk).isLessThanOrEqualTo(bound + oneLine);
            // What is kept is the newest.
            List<Instant> kept = new ArrayList<>();
            while (buffer.oldest().isPresent()) {
                ResultBuffer.Segment segment = buffer.oldest().get();
                buffer.results(segment).forEach(r -> kept.add(r.startedAt()));
                buffer.sent(segment);
            }
            assertThat(kept).last().isEqualTo(T0.plusSeconds(29));
            assertThat(kept).isSorted();
        }
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".seg") || f.toString().endsWith(".open")).sorted().toList();
        }
    }

    private static CheckResult result(int second, Cause cause, int status) {
        return new CheckResult("m", "eu", URI.create("https://m.example.com/health"), T0.plusSeconds(second),
                new PhaseTimings(Optional.of(Duration.ofNanos(412_000)), Optional.of(Duration.ofNanos(230_000)), Optional.empty(),
                        Optional.of(Duration.ofNanos(3_100_000)), Duration.ofNanos(3_500_000)),
                status, Map.of("Server", "nginx", "Retry-After", "120"), 17, "abc123", List.of(), Verdict.of(cause),
                status == 503 ? Optional.of(Duration.ofSeconds(120)) : Optional.empty(),
                Optional.of(Instant.parse("2027-01-01T00:00:00Z")), status == 200 ? "" : "HTTP " + status);
    }

    private static CheckResult failedAssertion(int second) {
        CheckResult base = result(second, Cause.BODY_MISMATCH, 200);
        return new CheckResult(base.monitor(), base.region(), base.url(), base.startedAt(), base.timings(), 200, base.headers(),
                base.bodyBytes(), base.bodyDigest(), List.of(new FailedAssertion("body contains 'ok'", Cause.BODY_MISMATCH,
                "not found in 17 bytes")), base.verdict(), Optional.empty(), Optional.empty(), "");
    }
}
