package dev.faultline.schedule;

import static dev.faultline.schedule.TestMonitors.T0;
import static dev.faultline.schedule.TestMonitors.monitor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.monitor.Monitor;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SchedulerLimitsTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void neverRunsMoreChecksAtOnceThanTheGlobalLimit() {
        Monitor[] monitors = IntStream.range(0, 20)
                .mapToObj(i -> monitor("m-" + i, URI.create("http://127.0.0.1:" + (10_000 + i) + "/"), SECOND))
                .toArray(Monitor[]::new);
        try (Harness harness = new Harness(new SchedulerLimits(4, 8, Duration.ofSeconds(5)), monitors)) {
            harness.runner.holdAll();
            harness.time.advance(SECOND);
            await().until(() -> harness.stats().running() == 4 && harness.stats().waiting() == 16);

            harness.runner.releaseAll();
            harness.awaitChecksOver();

            assertThat(harness.runner.runs()).hasSize(20);
            assertThat(harness.runner.maxRunning()).isEqualTo(4);
        }
    }

    @Test
    void neverRunsMoreChecksAtOnceAgainstOneHostThanThePerHostLimitAndOtherHostsGoOn() {
        List<Monitor> monitors = new ArrayList<>();
        IntStream.range(0, 12).forEach(i -> monitors.add(monitor("busy-" + i, URI.create("http://busy.example/p" + i), SECOND)));
        IntStream.range(0, 3).forEach(i -> monitors.add(monitor("quiet-" + i, URI.create("http://quiet.example/p" + i), SECOND)));
        try (Harness harness = new Harness(new SchedulerLimits(100, 2, Duration.ofSeconds(5)), monitors.toArray(Monitor[]::new))) {
            harness.runner.holdAll();
            harness.time.advance(SECOND);
            // Two checks run against each host; the busy host's queue does not hold up the quiet one.
            await().until(() -> harness.stats().running() == 4 && harness.stats().waiting() == 11);

            harness.runner.releaseAll();
            harness.awaitChecksOver();

            assertThat(harness.runner.runs()).hasSize(15);
            assertThat(harness.runner.maxRunningAgainst("busy.example:80")).isEqualTo(2);
            assertThat(harness.runner.maxRunningAgainst("quiet.example:80")).isEqualTo(2);
        }
    }

    @Test
    void aCheckHeldUpByItsHostStartsLateAndItsLagSaysSo() {
        Monitor a = monitor("a", URI.create("http://shared.example/a"), Duration.ofSeconds(10));
        Monitor b = monitor("b", URI.create("http://shared.example/b"), Duration.ofSeconds(10));
        Monitor first = TestMonitors.firstDue(a, T0).isBefore(TestMonitors.firstDue(b, T0)) ? a : b;
        Monitor second = first == a ? b : a;
        try (Harness harness = new Harness(new SchedulerLimits(100, 1, Duration.ofSeconds(5)), a, b)) {
            harness.runner.hold(first.id());
            harness.time.advanceTo(TestMonitors.firstDue(first, T0));
            await().until(() -> harness.runner.running() == 1);
            harness.time.advanceTo(TestMonitors.firstDue(second, T0).plusSeconds(2));

            harness.runner.release(first.id());
            harness.awaitChecksOver();

            assertThat(harness.stats().lag().maxMillis()).isEqualTo(2_000);
        }
    }
}
