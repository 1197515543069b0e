package dev.faultline.store;

import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import dev.faultline.check.PhaseTimings;
import dev.faultline.check.Verdict;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process {@link CrashSafetyTest} kills: writes results numbered 0, 1, 2, … (the number in
 * the detail) about 3,000 a second until it is killed, and prints {@code flushed N} each time
 * everything before result N is known to be committed.
 */
final class CrashingWriter {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String monitor = args[1];
        Store store = Store.open(StoreSettings.sqlite(dir));
        AtomicLong submitted = new AtomicLong();
        Thread flusher = Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                long before = submitted.get();
                store.writer().flush();
                System.out.println("flushed " + before);
                System.out.flush();
                sleep(100);
            }
        });
        System.out.println("ready");
        System.out.flush();
        for (long n = 0; flusher.isAlive(); n++) {
            store.writer().submit(result(monitor, n));
            submitted.set(n + 1);
            if (n % 30 == 29) sleep(10);
        }
    }

    private static CheckResult result(String monitor, long n) {
        return new CheckResult(monitor, "local", URI.create("http://127.0.0.1/"), Instant.now().truncatedTo(ChronoUnit.MICROS),
                PhaseTimings.totalOnly(Duration.ofMillis(1 + n % 50)), 200, Map.of(), 2, "ab", List.of(), Verdict.of(Cause.OK),
                Optional.empty(), Optional.empty(), Long.toString(n));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
