package dev.faultline.trend;

import dev.faultline.check.StatusSet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * One kind's codes counted over a recent window and over the baseline window before it: what
 * every detector starts from. Codes the monitor expects are never counted: a probe that expects
 * 401 is not refused when it gets one.
 */
record Comparison(IntPredicate counted, TimeWindow window, Rates recent, Share current, TimeWindow baselineWindow,
                  Share baseline) {

    static Comparison of(List<TrendBucket> series, Anomaly.Kind kind, StatusSet expected, Duration recent,
                         Duration baseline, Instant now) {
        IntPredicate counted = code -> kind.codes().contains(code) && !expected.contains(code);
        TimeWindow window = TimeWindow.ending(now, recent);
        TimeWindow baselineWindow = window.before(baseline);
        Rates recentRates = Rates.over(series, window);
        return new Comparison(counted, window, recentRates, recentRates.matching(counted), baselineWindow,
                Rates.over(series, baselineWindow).matching(counted));
    }

    /** Whether both windows hold enough checks to judge at all. */
    boolean hasSamples(long minRecent, long minBaseline) {
        return current.of() >= minRecent && baseline.of() >= minBaseline;
    }

    /** Whether the recent share is at least {@code factor} times the baseline's (always, over a zero baseline). */
    boolean risenBy(double factor) {
        return current.fraction() >= factor * baseline.fraction() * (1 - 1e-9);
    }

    /**
     * How many standard errors the recent share lies above the baseline's. The baseline is
     * smoothed by one imagined hit and one miss, so a baseline of zero still gives a finite score.
     */
    double zScore() {
        double p0 = (baseline.count() + 1.0) / (baseline.of() + 2.0);
        double standardError = Math.sqrt(p0 * (1 - p0) / current.of());
        return (current.fraction() - p0) / standardError;
    }

    /** The counted codes seen in the recent window, e.g. {@code 403} or {@code 401 and 403}. */
    String codesSeen() {
        List<String> codes = recent.byCode().entrySet().stream()
                .filter(e -> counted.test(e.getKey()) && e.getValue().count() > 0)
                .map(e -> Integer.toString(e.getKey())).toList();
        if (codes.size() <= 1) return String.join("", codes);
        return codes.subList(0, codes.size() - 1).stream().collect(Collectors.joining(", ")) + " and " + codes.getLast();
    }
}
