package dev.faultline.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a writing process with SIGKILL, three times over, and checks the SQLite store after each
 * kill: it opens, passes SQLite's integrity check, holds every result reported flushed and lost
 * at most the last second's, and its rollups count exactly the results it kept.
 */
class CrashSafetyTest {

    private static final Logger LOG = LoggerFactory.getLogger(CrashSafetyTest.class);

    @TempDir
    Path dir;

    @Test
    void aKilledWriterLeavesAnIntactStoreMissingAtMostTheLastSecond() throws Exception {
        for (int round = 1; round <= 3; round++) {
            String monitor = "crash-" + round;
            Duration after = Duration.ofMillis(1_500 + ThreadLocalRandom.current().nextInt(1_000));
            Run run = runAndKill(monitor, after);

            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteDialect.FILE_NAME))) {
                assertThat(text(db, "PRAGMA integrity_check")).isEqualTo("ok");
                List<Long> kept = numbers(db, "SELECT detail FROM results WHERE monitor_id = '" + monitor + "' ORDER BY id");
                // Batches commit in order: what survives is every result up to some point, and nothing after.
                assertThat(kept).isEqualTo(java.util.stream.LongStream.range(0, kept.size()).boxed().toList());
                assertThat((long) kept.size()).as("results reported flushed").isGreaterThanOrEqualTo(run.flushed());
                Instant lastKept = Instant.ofEpochSecond(0, 1_000 * number(db,
                        "SELECT MAX(started_at_us) FROM results WHERE monitor_id = '" + monitor + "'"));
                assertThat(lastKept).as("newest result kept").isAfter(run.killedAt().minus(Duration.ofSeconds(1)));
                assertThat(number(db, "SELECT SUM(checks) FROM rollup_minute WHERE monitor_id = '" + monitor + "'"))
                        .isEqualTo(kept.size());
                assertThat(number(db, "SELECT SUM(checks) FROM rollup_hour WHERE monitor_id = '" + monitor + "'"))
                        .isEqualTo(kept.size());
                LOG.info("round {}: killed after {} ms; {} results kept, {} reported flushed, the newest kept started {} ms"
                        + " before the kill", round, after.toMillis(), kept.size(), run.flushed(),
                        Duration.between(lastKept, run.killedAt()).toMillis());
            }
            try (Store reopened = Store.open(StoreSettings.sqlite(dir))) {
                assertThat(reopened.results().latest(monitor)).isPresent();
            }
        }
    }

    private record Run(long flushed, Instant killedAt) {
    }

    private Run runAndKill(String monitor, Duration after) throws Exception {
        Path log = dir.resolve(monitor + ".log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), CrashingWriter.class.getName(), dir.toString(), monitor)
                .redirectError(log.toFile())
                .start();
        CountDownLatch ready = new CountDownLatch(1);
        AtomicLong flushed = new AtomicLong(-1);
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.equals("ready")) ready.countDown();
                    if (line.startsWith("flushed ")) flushed.set(Long.parseLong(line.substring(8)));
                }
            } catch (IOException endOfProcess) {
                // the process was killed
            }
        });
        try {
            assertThat(ready.await(60, TimeUnit.SECONDS)).as("child ready; its log: " + Files.readString(log)).isTrue();
            Thread.sleep(after.toMillis());
            long reported = flushed.get(); // reported before the kill, so committed before it
            Instant killedAt = Instant.now();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(5_000);
            assertThat(reported).as("the child reported flushes").isPositive();
            return new Run(reported, killedAt);
        } finally {
            child.destroyForcibly();
        }
    }

    private static String text(Connection db, String sql) throws Exception {
        try (var statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long number(Connection db, String sql) throws Exception {
        return Long.parseLong(text(db, sql));
    }

    private static List<Long> numbers(Connection db, String sql) throws Exception {
        List<Long> numbers = new ArrayList<>();
        try (var statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) numbers.add(Long.parseLong(rs.getString(1)));
        }
        return numbers;
    }
}
