package dev.faultline.schedule;

import static dev.faultline.schedule.TestMonitors.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.CheckResult;
import dev.faultline.monitor.Monitor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The scale the scheduler is built for, on fake time: no timing assertions, only counts. */
class FiftyThousandMonitorsTest {

    private static final Logger log = LoggerFactory.getLogger(FiftyThousandMonitorsTest.class);
    private static final int MONITORS = 50_000;
    private static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final Duration STEP = Duration.ofMillis(10);

    @Test
    void fiftyThousandMonitorsEachRunOncePerIntervalSpreadEvenlyOverIt() {
        List<Monitor> monitors = IntStream.range(0, MONITORS)
                .mapToObj(i -> TestMonitors.monitor("m-" + i, URI.create("http://host-" + i % 500 + ".example/check/" + i), INTERVAL))
                .toList();
        FakeTime time = new FakeTime(T0);
        AtomicIntegerArray runs = new AtomicIntegerArray(MONITORS);
        AtomicIntegerArray startsPerSecond = new AtomicIntegerArray(120);
        CheckResult result = TestMonitors.up(monitors.getFirst(), "local", T0);
        CheckRunner noOp = (monitor, region) -> {
            runs.incrementAndGet(Integer.parseInt(monitor.id(), 2, monitor.id().length(), 10));
            startsPerSecond.incrementAndGet((int) Duration.between(T0, time.instant()).toSeconds());
            return result;
        };
        try (Scheduler scheduler = new Scheduler(time, time, noOp, r -> { }, SchedulerLimits.DEFAULTS)) {
            scheduler.replaceAll(monitors);
            scheduler.start();
            time.awaitDispatcherAsleep();
            awaitChecksOver(scheduler);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpuBefore = threads.getThreadCpuTime(time.sleeper().threadId());
            long wallBefore = System.nanoTime();

            runThrough(time, scheduler, T0.plus(INTERVAL));
            assertThat(IntStream.range(0, MONITORS).map(runs::get).boxed().toList()).allMatch(count -> count == 1);
            runThrough(time, scheduler, T0.plus(INTERVAL.multipliedBy(2)));
            assertThat(IntStream.range(0, MONITORS).map(runs::get).boxed().toList()).allMatch(count -> count == 2);

            long cpu = threads.getThreadCpuTime(time.sleeper().threadId()) - cpuBefore;
            log.info("{} monitors over two simulated intervals: {} checks, dispatcher CPU {} ms, wall {} ms",
                    MONITORS, scheduler.stats().started(), cpu / 1_000_000, (System.nanoTime() - wallBefore) / 1_000_000);

            int average = 2 * MONITORS / 120;
            assertThat(IntStream.range(0, 120).map(startsPerSecond::get).boxed().toList())
                    .allSatisfy(count -> assertThat(count).isBetween(average / 3, average * 3));
            SchedulerStats stats = scheduler.stats();
            assertThat(stats.skipped()).isZero();
            assertThat(stats.lag().count()).isEqualTo(2L * MONITORS);
            assertThat(stats.lag().maxMillis()).isLessThan(STEP.toMillis());
        }
    }

    /** Moves time in steps up to just before {@code end}, letting every check end before the next step. */
    private static void runThrough(FakeTime time, Scheduler scheduler, Instant end) {
        Instant last = end.minusMillis(1);
        while (time.instant().isBefore(last)) {
            Instant next = time.instant().plus(STEP);
            time.advanceTo(next.isAfter(last) ? last : next);
            awaitChecksOver(scheduler);
        }
    }

    /** Lets the checks started read the clock before it moves on, so that their lag stays below a step. */
    private static void awaitChecksOver(Scheduler scheduler) {
        while (scheduler.stats().inFlight() > 0) {
            Thread.onSpinWait();
        }
    }
}
