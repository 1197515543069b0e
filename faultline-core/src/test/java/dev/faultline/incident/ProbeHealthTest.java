package dev.faultline.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.Cause;
import dev.faultline.check.Verdict;
import dev.faultline.incident.Event.RegionResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * When region {@code a} is judged to have lost its own connectivity. Monitors are written
 * {@code N*region=result region=result}, separated by {@code ;}; results are {@code ok}, {@code 500}
 * (an answer), {@code dns}, {@code timeout}, {@code refused} (no answer), and {@code old-…} for a
 * result older than the policy's freshness. Default policy: 10 monitors, 80 % to fall, under 50 % to recover.
 */
class ProbeHealthTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # case                                                            | canaries      | monitors                                  | unhealthy | current | verdict
        no evidence at all: healthy                                       | -             | -                                         | -         | -       | -
        every canary fails without an answer                              | dns,timeout   | -                                         | -         | -       | CANARIES_FAILED
        one canary of two answers: healthy                                | dns,ok        | -                                         | -         | -       | -
        a canary answering 500 still has connectivity                     | 500           | -                                         | -         | -       | -
        a stale failed canary is no evidence                              | old-dns       | -                                         | -         | -       | -
        canaries pass: a lone monitor failing to resolve is the target's  | ok            | 1*a=dns                                   | -         | -       | -
        without other regions a lone DNS failure is the target's          | -             | 1*a=dns                                   | -         | -       | -
        ten monitors failing alone without an answer                      | -             | 10*a=timeout b=ok                         | -         | -       | MOST_MONITORS_FAILED
        eight of ten failing alone is most                                | -             | 8*a=timeout b=ok; 2*a=ok b=ok             | -         | -       | MOST_MONITORS_FAILED
        seven of ten is not                                               | -             | 7*a=timeout b=ok; 3*a=ok b=ok             | -         | -       | -
        nine monitors are too few for the signal                          | -             | 9*a=dns b=ok                              | -         | -       | -
        failures with an answer are the targets'                          | -             | 10*a=500 b=ok                             | -         | -       | -
        failing everywhere is the targets' outage, not the probe's        | -             | 10*a=refused b=refused                    | -         | -       | -
        up only in an unhealthy region vouches for nothing                | -             | 10*a=timeout b=ok                         | b         | -       | -
        stale results are not counted                                     | -             | 10*a=old-timeout b=ok                     | -         | -       | -
        a fallen region stays fallen at 60 %                              | -             | 6*a=timeout b=ok; 4*a=ok b=ok             | -         | MOST_MONITORS_FAILED | MOST_MONITORS_FAILED
        a fallen region recovers under 50 %                               | -             | 4*a=timeout b=ok; 6*a=ok b=ok             | -         | MOST_MONITORS_FAILED | -
        canaries back: a canary-fallen region recovers                    | ok            | -                                         | -         | CANARIES_FAILED | -
        canaries outrank monitors                                         | refused       | 10*a=timeout b=ok                         | -         | -       | CANARIES_FAILED
        """)
    void judgesRegionA(String name, String canaries, String monitors, String unhealthy, String current, String verdict) {
        Optional<ProbeHealth.Reason> judged = ProbeHealth.judge("a", ProbeHealth.Policy.DEFAULT, canaries(canaries),
                monitors(monitors), unhealthy == null ? Set.of() : Set.of(unhealthy.split(",")),
                Optional.ofNullable(current).map(ProbeHealth.Reason::valueOf), NOW);

        assertThat(judged).isEqualTo(Optional.ofNullable(verdict).map(ProbeHealth.Reason::valueOf));
    }

    private static List<RegionResult> canaries(String text) {
        if (text == null) return List.of();
        return Arrays.stream(text.split(",")).map(r -> result("a", r)).toList();
    }

    private static Map<String, Map<String, RegionResult>> monitors(String text) {
        Map<String, Map<String, RegionResult>> latest = new HashMap<>();
        if (text == null) return latest;
        int id = 0;
        for (String group : text.split(";")) {
            String[] parts = group.strip().split("\\*", 2);
            for (int i = 0; i < Integer.parseInt(parts[0]); i++) {
                Map<String, RegionResult> byRegion = new HashMap<>();
                for (String regionResult : parts[1].strip().split(" ")) {
                    String[] kv = regionResult.split("=");
                    byRegion.put(kv[0], result(kv[0], kv[1]));
                }
                latest.put("m" + id++, byRegion);
            }
        }
        return latest;
    }

    private static RegionResult result(String region, String text) {
        boolean old = text.startsWith("old-");
        String kind = old ? text.substring(4) : text;
        Instant at = old ? NOW.minus(Duration.ofMinutes(10)) : NOW.minusSeconds(5);
        return switch (kind) {
            case "ok" -> new RegionResult(region, at, new Verdict.Up(), 200);
            case "500" -> new RegionResult(region, at, new Verdict.Down(Cause.INTERNAL_SERVER_ERROR), 500);
            case "dns" -> new RegionResult(region, at, new Verdict.Down(Cause.DNS_FAILURE), 0);
            case "timeout" -> new RegionResult(region, at, new Verdict.Down(Cause.CONNECT_TIMEOUT), 0);
            case "refused" -> new RegionResult(region, at, new Verdict.Down(Cause.CONNECTION_REFUSED), 0);
            default -> throw new IllegalArgumentException(text);
        };
    }

}
