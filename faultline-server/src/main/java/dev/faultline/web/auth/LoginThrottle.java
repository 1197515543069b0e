package dev.faultline.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code maxFailures} failed sign-ins within {@code window}, from
 * one client address or for one user name, further attempts from it or for it are refused until
 * the oldest failure leaves the window. Kept in memory: a restart forgets, which costs an
 * attacker a restart they cannot cause.
 */
final class LoginThrottle {

    private static final int MAX_KEYS = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(int maxFailures, Duration window, Clock clock) {
        if (maxFailures < 1) throw new IllegalArgumentException("maxFailures: must be at least 1");
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** How long until an attempt from this address for this user may be made; empty: now. */
    Optional<Duration> retryAfter(String address, String user) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : new String[] {"ip " + address, "user " + user}) {
            Deque<Instant> times = failures.get(key);
            if (times == null) continue;
            synchronized (times) {
                drop(times, now);
                if (times.size() >= maxFailures) {
                    Duration left = Duration.between(now, times.peekFirst().plus(window));
                    if (left.compareTo(wait) > 0) wait = left;
                }
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    void failed(String address, String user) {
        if (failures.size() > MAX_KEYS) forgetOld();
        Instant now = clock.instant();
        for (String key : new String[] {"ip " + address, "user " + user}) {
            Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (times) {
                drop(times, now);
                times.addLast(now);
            }
        }
    }

    /** A correct password clears the user's failures (not the address's: one known password must not unlock guessing at others). */
    void succeeded(String user) {
        failures.remove("user " + user);
    }

    private void drop(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) times.removeFirst();
    }

    private void forgetOld() {
        Instant now = clock.instant();
        failures.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                drop(e.getValue(), now);
                return e.getValue().isEmpty();
            }
        });
    }
}
