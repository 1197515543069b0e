package dev.faultline.trend;

import dev.faultline.check.Severity;
import dev.faultline.check.StatusSet;

import java.util.List;
import java.util.Objects;

/**
 * A pattern in a monitor's rates that no single check shows: for the dashboard and the digest,
 * at info or warning severity. An anomaly never opens an incident and never pages.
 *
 * @param window         the recent window that was judged
 * @param current        the share of checks with the kind's codes in that window
 * @param baselineWindow the window before it
 * @param baseline       the same share there: what a rise or spike was compared with, and
 *                       context for the kinds judged against a fixed share
 * @param summary        the finding with its figures, in one sentence (no closing full stop, as in a diagnosis)
 * @param nextStep       the first thing to do
 */
public record Anomaly(Kind kind, Severity severity, TimeWindow window, Share current, TimeWindow baselineWindow,
                      Share baseline, String summary, List<String> likelyCauses, String nextStep) {

    public Anomaly {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(baselineWindow, "baselineWindow");
        Objects.requireNonNull(baseline, "baseline");
        if (severity != Severity.INFO && severity != Severity.WARNING) {
            throw new IllegalArgumentException("an anomaly is info or warning, never " + severity);
        }
        likelyCauses = List.copyOf(likelyCauses);
    }

    /** The patterns the detectors look for, each with its severity and the codes it counts. */
    public enum Kind {
        /**
         * More checks than before find nothing at the URL. A warning: people following links to
         * it find nothing either.
         */
        RISING_NOT_FOUND("rising_404", Severity.WARNING, "404"),
        /** Far more 401/403 refusals than the monitor usually gets. */
        AUTH_SPIKE("auth_spike", Severity.WARNING, "401,403"),
        /** The server keeps answering 429 Too Many Requests (Faultline already backs off as told). */
        RATE_LIMITED("rate_limited", Severity.INFO, "429"),
        /** 5xx answers keep coming back in short bursts: instability before an outage. */
        FREQUENT_SERVER_ERRORS("instability", Severity.WARNING, "5xx");

        private final String id;
        private final Severity severity;
        private final StatusSet codes;

        Kind(String id, Severity severity, String codes) {
            this.id = id;
            this.severity = severity;
            this.codes = StatusSet.parse(codes);
        }

        /** The kind with this {@link #id()}, e.g. {@code rising_404}. */
        public static java.util.Optional<Kind> fromId(String id) {
            return java.util.Arrays.stream(values()).filter(kind -> kind.id.equals(id)).findFirst();
        }

        public Severity severity() {
            return severity;
        }

        /** The status codes this kind counts (less any the monitor expects). */
        public StatusSet codes() {
            return codes;
        }

        /** The snake_case name used in JSON, config and messages, e.g. {@code auth_spike}. */
        public String id() {
            return id;
        }
    }

    /** The same finding at another severity: the {@code trends} config may raise or lower a kind's. */
    public Anomaly withSeverity(Severity severity) {
        return new Anomaly(kind, severity, window, current, baselineWindow, baseline, summary, likelyCauses, nextStep);
    }

    static Anomaly of(Kind kind, Comparison seen, String facts) {
        TrendAdvice advice = TrendAdvice.of(kind);
        return new Anomaly(kind, kind.severity(), seen.window(), seen.current(), seen.baselineWindow(), seen.baseline(),
                advice.headline() + ": " + facts, advice.likelyCauses(), advice.nextStep());
    }
}
