package dev.faultline.web.auth;

import dev.faultline.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.store.Store;
import dev.faultline.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How long a session lives and how long a locked-out sign-in waits, with a clock moved by hand. */
class SessionsAndThrottleTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));

    @Test
    void aSessionEndsAfterTheIdleTimeoutButNotWhileUsed(@TempDir Path dir) {
        try (Store store = Store.open(StoreSettings.sqlite(dir))) {
            store.users().insert("bob", "viewer", "h", clock.instant());
            Sessions sessions = new Sessions(store.sessions(), clock);
            Sessions.Started used = sessions.start("bob").orElseThrow();
            Sessions.Started idle = sessions.start("bob").orElseThrow();

            for (int hour = 0; hour < 30; hour++) {
                clock.advance(Duration.ofHours(1));
                assertThat(sessions.resolve(used.cookie())).as("used every hour, hour %d", hour).isPresent();
            }
            assertThat(sessions.resolve(idle.cookie())).as("idle for 30 hours").isEmpty();
            Sessions.Live live = sessions.resolve(used.cookie()).orElseThrow();
            assertThat(live.principal()).isEqualTo(new Principal("bob", Role.VIEWER));
            assertThat(live.csrf()).isEqualTo(used.csrf());
        }
    }

    @Test
    void aSessionEndsAtItsLifetimeHowEverMuchItIsUsed(@TempDir Path dir) {
        try (Store store = Store.open(StoreSettings.sqlite(dir))) {
            store.users().insert("bob", "viewer", "h", clock.instant());
            Sessions sessions = new Sessions(store.sessions(), clock);
            Sessions.Started started = sessions.start("bob").orElseThrow();

            while (clock.instant().isBefore(Instant.parse("2026-12-04T09:59:00Z"))) {
                clock.advance(Duration.ofHours(6));
                if (clock.instant().isBefore(Instant.parse("2026-12-04T10:00:00Z"))) {
                    assertThat(sessions.resolve(started.cookie())).as(clock.instant().toString()).isPresent();
                }
            }
            clock.advance(Duration.ofHours(6));
            assertThat(sessions.resolve(started.cookie())).isEmpty();
            assertThat(sessions.resolve("made-up")).isEmpty();
            assertThat(sessions.resolve(null)).isEmpty();
        }
    }

    @Test
    void aLockoutLastsUntilTheOldestFailureLeavesTheWindow() {
        LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(5), clock);
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.retryAfter("10.0.0.1", "alice")).isEmpty();
            throttle.failed("10.0.0.1", "alice");
            clock.advance(Duration.ofSeconds(30));
        }
        // Failures at 0:00, 0:30 … 2:00; now 2:30: the first leaves the window at 5:00.
        assertThat(throttle.retryAfter("10.0.0.1", "bob")).contains(Duration.ofSeconds(150));
        assertThat(throttle.retryAfter("10.0.0.2", "alice")).contains(Duration.ofSeconds(150));
        assertThat(throttle.retryAfter("10.0.0.2", "bob")).isEmpty();

        clock.advance(Duration.ofSeconds(150));
        assertThat(throttle.retryAfter("10.0.0.1", "alice")).isEmpty();
        throttle.failed("10.0.0.1", "alice");
        assertThat(throttle.retryAfter("10.0.0.1", "alice")).as("five in the window again").isPresent();
        throttle.succeeded("alice");
        assertThat(throttle.retryAfter("10.0.0.2", "alice")).as("a correct password clears the name").isEmpty();
        assertThat(throttle.retryAfter("10.0.0.1", "carol")).as("but not the address").isPresent();
    }
}
