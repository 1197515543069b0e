package dev.faultline.trend;

import java.time.Duration;
import java.util.List;

/**
 * What each anomaly usually means and what to do first, in the same voice as the diagnosis of
 * a single check. One exhaustive switch, so a new kind cannot ship without advice.
 */
record TrendAdvice(String headline, List<String> likelyCauses, String nextStep) {

    static TrendAdvice of(Anomaly.Kind kind) {
        return switch (kind) {
            case RISING_NOT_FOUND -> new TrendAdvice("More checks find nothing at the URL",
                    List.of("the page or route moved and a link or redirect still points at the old place",
                            "a redirect or rewrite rule stopped working in a recent change",
                            "some servers behind the load balancer run a release without the route"),
                    "Follow the URL's redirects by hand and compare with the last deploy; then restore the route or the redirect, or point the monitor at the new URL.");
            case AUTH_SPIKE -> new TrendAdvice("The server suddenly refuses the monitor far more often than usual",
                    List.of("a key or password was rotated and the monitor still sends the old one",
                            "a token expired and nothing renewed it",
                            "a new WAF, IP allow-list or geo rule blocks the probe's address"),
                    "Check that the monitor's credentials are still valid and when they were last rotated; if they are, look for a firewall or allow-list change that now blocks the probe. If the endpoint is meant to refuse, add the code to the expected status codes.");
            case RATE_LIMITED -> new TrendAdvice("The server keeps rate-limiting the monitor",
                    List.of("the monitor checks more often than the server's limit allows",
                            "other clients behind the same address or key use up the shared quota",
                            "the server's limit was lowered"),
                    "Lengthen the monitor's interval, or have the probe exempted from the limit or given its own key; Faultline already waits as long as Retry-After asks.");
            case FREQUENT_SERVER_ERRORS -> new TrendAdvice("Brief server errors keep coming back",
                    List.of("deploys or restarts that drop requests while they roll out",
                            "memory, CPU, worker or connection limits reached at busy moments",
                            "a flaky dependency such as a database, a cache or an upstream API"),
                    "Treat it as an outage in the making: line the episodes up with deploys, restarts and traffic peaks, and look at resource limits and dependency errors at those moments.");
        };
    }

    /** "403 on 24 of 60 checks (40%) in the last 1 h, against 1 of 1000 (0.1%) in the 7 d before". */
    static String compared(String codes, Comparison seen) {
        return codes + " on " + seen.current().count() + " of " + seen.current().of() + " checks (" + seen.current().percent()
                + ") in the last " + span(seen.window().length()) + ", against " + seen.baseline().count() + " of "
                + seen.baseline().of() + " (" + seen.baseline().percent() + ") in the " + span(seen.baselineWindow().length())
                + " before";
    }

    /** A span as people say it: {@code 7 d}, {@code 24 h}, {@code 15 min}, {@code 40 s}. */
    static String span(Duration length) {
        if (length.toDays() >= 2 && length.toHoursPart() == 0 && length.toMinutesPart() == 0 && length.toSecondsPart() == 0) {
            return length.toDays() + " d";
        }
        if (length.toHours() >= 1 && length.toMinutesPart() == 0 && length.toSecondsPart() == 0) return length.toHours() + " h";
        if (length.toMinutes() >= 1) return length.toMinutes() + " min";
        return length.toSeconds() + " s";
    }
}
