package dev.faultline.incident;

import dev.faultline.check.Cause;
import dev.faultline.check.Verdict;
import dev.faultline.incident.Event.ConfirmationDeadline;
import dev.faultline.incident.Event.MaintenanceEnded;
import dev.faultline.incident.Event.MaintenanceStarted;
import dev.faultline.incident.Event.RegionHealthChanged;
import dev.faultline.incident.Event.RegionResult;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Events written as text, times in seconds from {@link #T0}, separated by semicolons:
 * {@code a 500 @0} (a result: a status code, or ok, slow, dns, refused), {@code deadline @30},
 * {@code maintenance on @5}, {@code maintenance off @9}, {@code c unhealthy @0}, {@code c healthy @7}.
 */
final class Script {

    static final Instant T0 = Instant.parse("2026-11-01T12:00:00Z");

    private Script() {
    }

    static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    static List<Event> parse(String script) {
        List<Event> events = new ArrayList<>();
        for (String line : script.split(";")) {
            if (!line.isBlank()) events.add(event(line.strip()));
        }
        return events;
    }

    private static Event event(String line) {
        String[] words = line.split("\\s+");
        if (!words[words.length - 1].startsWith("@")) throw new IllegalArgumentException("no @time in '" + line + "'");
        Instant at = at(Double.parseDouble(words[words.length - 1].substring(1)));
        List<String> what = Arrays.asList(words).subList(0, words.length - 1);
        return switch (String.join(" ", what)) {
            case "deadline" -> new ConfirmationDeadline(at);
            case "maintenance on" -> new MaintenanceStarted(at);
            case "maintenance off" -> new MaintenanceEnded(at);
            default -> regionEvent(what, at, line);
        };
    }

    private static Event regionEvent(List<String> what, Instant at, String line) {
        if (what.size() != 2) throw new IllegalArgumentException("cannot read '" + line + "'");
        String region = what.get(0);
        return switch (what.get(1)) {
            case "unhealthy" -> new RegionHealthChanged(region, false, at);
            case "healthy" -> new RegionHealthChanged(region, true, at);
            case "ok" -> new RegionResult(region, at, new Verdict.Up(), 200);
            case "slow" -> new RegionResult(region, at, new Verdict.Degraded(Cause.SLOW_RESPONSE), 200);
            case "dns" -> new RegionResult(region, at, new Verdict.Down(Cause.DNS_FAILURE), 0);
            case "refused" -> new RegionResult(region, at, new Verdict.Down(Cause.CONNECTION_REFUSED), 0);
            default -> {
                int status = Integer.parseInt(what.get(1));
                yield new RegionResult(region, at, status < 400 ? new Verdict.Up() : new Verdict.Down(Cause.ofUnexpectedStatus(status)), status);
            }
        };
    }

    /** Seconds since {@link #T0}, as short as they go: {@code 30}, {@code 0.5}. */
    static String seconds(Instant at) {
        return seconds(Duration.between(T0, at));
    }

    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }
}
