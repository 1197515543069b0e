package dev.faultline.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Waits while the JIT compilers are still busy with the code under load: at least {@code min},
 * then until a whole second passes with under 50 ms of compilation, or {@code max}. On a busy
 * machine C2 can still be compiling after 15 s, and its threads' CPU would be counted as the
 * engine's.
 */
final class JitWarmup {

    private static final long QUIET_MILLIS_PER_SECOND = 50;

    private JitWarmup() {
    }

    /** Returns how long it waited. */
    static Duration await(Duration min, Duration max) throws InterruptedException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        Thread.sleep(min);
        long last = jit.getTotalCompilationTime();
        while (System.nanoTime() - start < max.toNanos()) {
            Thread.sleep(1_000);
            long now = jit.getTotalCompilationTime();
            if (now - last < QUIET_MILLIS_PER_SECOND) break;
            last = now;
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
