package dev.faultline.check;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a verdict means for the person on call: how urgent it is, whose fault it is in words,
 * a one-line summary, the likely causes and the next step. Derived from the result alone.
 */
public record Diagnosis(Severity severity, Fault fault, String whose, String summary,
                        List<String> likelyCauses, String nextStep) {

    public Diagnosis {
        likelyCauses = List.copyOf(likelyCauses);
    }

    public static Diagnosis of(CheckResult result) {
        Verdict verdict = result.verdict();
        Advice advice = Advice.of(verdict.cause());
        String summary = summary(result, advice);
        String nextStep = advice.nextStep() + retryAfterNote(result.retryAfter(), verdict.cause());
        return new Diagnosis(verdict.severity(), verdict.fault(), whose(verdict.fault()), summary,
                advice.likelyCauses(), nextStep);
    }

    private static String summary(CheckResult result, Advice advice) {
        StringBuilder text = new StringBuilder(advice.headline());
        // Every answer names its status, up ones too: "Up (HTTP 204 No Content)" is worth knowing.
        if (result.hasStatus()) {
            text.append(" (HTTP ").append(result.status()).append(StatusNames.reason(result.status())
                    .map(r -> " " + r).orElse("")).append(")");
        }
        if (!result.detail().isEmpty()) {
            text.append(": ").append(result.detail());
        }
        return text.toString();
    }

    private static String retryAfterNote(Optional<Duration> retryAfter, Cause cause) {
        if (retryAfter.isEmpty()) return "";
        long seconds = retryAfter.get().toSeconds();
        return switch (cause) {
            case RATE_LIMITED -> " The server asked for " + seconds + " s between requests (Retry-After).";
            case SERVICE_UNAVAILABLE -> " The server expects to be back in " + seconds + " s (Retry-After).";
            default -> "";
        };
    }

    private static String whose(Fault fault) {
        return switch (fault) {
            case NONE -> "nobody: the check passed";
            case SERVER -> "the server: it failed its users";
            case CLIENT -> "the client side: the server refused the monitor's request and is otherwise healthy";
            case NETWORK -> "the network path to the server";
            case CONTENT -> "the server: it answered, but with the wrong content";
        };
    }
}
