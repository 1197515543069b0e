package dev.faultline.cli;

import dev.faultline.check.CheckResult;
import dev.faultline.check.Diagnosis;
import dev.faultline.check.FailedAssertion;
import dev.faultline.check.Outcome;
import dev.faultline.check.PhaseTimings;
import java.time.Duration;
import java.util.Optional;

/** The human form of a check result: the verdict and the next step first, the evidence after. */
final class TextReport {

    private static final String RESET = "\u001B[0m";

    private TextReport() {
    }

    static String render(CheckResult result, boolean colour) {
        Diagnosis diagnosis = Diagnosis.of(result);
        Outcome outcome = result.verdict().outcome();
        StringBuilder out = new StringBuilder();
        String label = outcome.name();
        out.append(colour ? colourOf(outcome) + label + RESET : label)
                .append("  ").append(result.verdict().cause().id());
        if (outcome != Outcome.UP) {
            out.append(" · fault: ").append(result.verdict().fault().id())
                    .append(" · severity: ").append(result.verdict().severity().id());
        }
        out.append('\n');
        out.append("  ").append(diagnosis.summary()).append('\n');
        if (outcome != Outcome.UP) {
            out.append("  Whose fault: ").append(diagnosis.whose()).append('\n');
            out.append("  Next step:   ").append(diagnosis.nextStep()).append('\n');
            if (!diagnosis.likelyCauses().isEmpty()) {
                out.append("  Likely:      ").append(String.join("; ", diagnosis.likelyCauses())).append('\n');
            }
        }
        for (FailedAssertion failed : result.failedAssertions()) {
            out.append("  Failed:      ").append(failed.message()).append('\n');
        }
        out.append("  URL:         ").append(result.url());
        if (result.hasStatus()) out.append("  → HTTP ").append(result.status());
        out.append('\n');
        result.retryAfter().ifPresent(wait -> out.append("  Retry-After: ").append(wait.toSeconds()).append(" s\n"));
        result.certificateNotAfter().ifPresent(end -> out.append("  Certificate: valid until ").append(end).append('\n'));
        out.append("  Timings:     ").append(timings(result.timings())).append('\n');
        return out.toString();
    }

    private static String timings(PhaseTimings t) {
        return "dns " + ms(t.dns()) + " · connect " + ms(t.connect()) + " · tls " + ms(t.tls())
                + " · first byte " + ms(t.firstByte()) + " · total " + ms(Optional.of(t.total()));
    }

    private static String ms(Optional<Duration> duration) {
        return duration.map(d -> String.format(java.util.Locale.ROOT, "%.1f ms", d.toNanos() / 1e6)).orElse("-");
    }

    private static String colourOf(Outcome outcome) {
        return switch (outcome) {
            case UP -> "\u001B[1;32m";
            case DEGRADED -> "\u001B[1;33m";
            case DOWN -> "\u001B[1;31m";
        };
    }
}
