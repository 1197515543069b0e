package dev.faultline.alert;

import dev.faultline.check.Cause;
import dev.faultline.check.Durations;
import dev.faultline.check.Fault;
import dev.faultline.check.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The words of every notification, in one place, so that a page on a phone, a Slack message and
 * an e-mail say the same thing in the same order: whose fault it is, the cause, the next step,
 * the regions that confirmed it, the server's Retry-After, and how long it has been down. Channels
 * only choose how to lay these out (and escape them for their markup).
 */
public final class MessageText {

    /** One labelled line, e.g. {@code Next step: check the application logs}. */
    public record Fact(String label, String value) {
    }

    private final Notification n;

    private MessageText(Notification n) {
        this.n = n;
    }

    public static MessageText of(Notification notification) {
        return new MessageText(notification);
    }

    /** One line that says what happened and whose fault it is, e.g. {@code api is down: the server is at fault (bad gateway, HTTP 502)}. */
    public String title() {
        String name = n.monitorName();
        return switch (n.event()) {
            case INCIDENT_OPENED -> name + " is down: " + atFault() + " (" + causeInWords() + ")";
            case INCIDENT_REMINDER -> name + " is still down" + n.downFor().map(d -> " after " + duration(d)).orElse("")
                    + " (reminder " + n.reminder() + ", not acknowledged): " + atFault() + " (" + causeInWords() + ")";
            case INCIDENT_RESOLVED -> n.reason().orElse(ResolutionReason.RECOVERED) == ResolutionReason.MONITOR_REMOVED
                    // Not "up again": nobody knows, and nobody will be told if it stays down.
                    ? name + ": monitor removed while down — no longer watched"
                    : name + " is up again" + n.downFor().map(d -> " after " + duration(d)).orElse("");
            case WARNING -> "Warning for " + name + ": " + atFault() + " (" + causeInWords() + ")";
            case INSTABILITY -> name + " is unstable: brief failures are frequent (" + causeInWords() + ")";
            case FLAPPING -> name + " is flapping: incidents open and close too often (" + causeInWords() + ")";
            case TEST -> "Test from Faultline: this channel works";
            case DIGEST -> DigestText.parse(n.summary()).headline();
        };
    }

    /** The labelled lines under the title, most important first; lines without a value are left out. */
    public List<Fact> facts() {
        if (n.event() == EventKind.DIGEST) {
            return DigestText.parse(n.summary()).sections().stream()
                    .map(s -> new Fact(s.title(), String.join("\n", s.lines()))).toList();
        }
        List<Fact> facts = new ArrayList<>();
        boolean over = n.event().resolves();
        if (n.fault() != Fault.NONE) facts.add(new Fact(over ? "Was the fault of" : "Fault", faultInWords(n.fault())));
        if (n.cause() != Cause.OK) facts.add(new Fact(over ? "Cause was" : "Cause", causeWithStatus()));
        if (!over && !n.nextStep().isBlank()) facts.add(new Fact("Next step", n.nextStep()));
        if (!n.regions().isEmpty()) facts.add(new Fact(over ? "Regions" : "Confirmed by", String.join(", ", n.regions())));
        n.retryAfter().ifPresent(wait -> facts.add(new Fact("Retry-After", wait.toSeconds() + " s")));
        n.downFor().ifPresent(down -> facts.add(new Fact(over ? "Was down for" : "Down for", duration(down))));
        if (!n.summary().isBlank()) facts.add(new Fact("What happened", n.summary()));
        if (n.event() != EventKind.TEST) facts.add(new Fact("Monitor", n.monitorUrl().toString()));
        return List.copyOf(facts);
    }

    /** Title, facts and link as plain text: the body of an e-mail, or of any channel without markup. */
    public String plainText() {
        StringBuilder text = new StringBuilder(title()).append("\n\n");
        for (Fact fact : facts()) {
            // A value of several lines (a digest's section) goes under its label.
            if (fact.value().contains("\n")) {
                text.append(fact.label()).append(":\n").append(fact.value()).append("\n\n");
            } else {
                text.append(fact.label()).append(": ").append(fact.value()).append('\n');
            }
        }
        return text.append('\n').append(footer()).append('\n').toString();
    }

    /** Where it comes from and where to look: {@code Faultline, 2026-11-02T10:00:00Z: https://…}. */
    public String footer() {
        return "Faultline, " + n.time() + ": " + n.link();
    }

    /**
     * The title, the next step, the confirming regions, Retry-After and how long it has been down,
     * in that order, in at most {@code maxChars}, for an SMS or a provider's short field; the link
     * is kept at the end when it fits.
     */
    public String brief(int maxChars) {
        // Most important first: whatever does not fit is cut from the end.
        List<String> parts = new ArrayList<>(List.of(title()));
        if (!n.nextStep().isBlank() && !n.event().resolves()) parts.add("Next step: " + n.nextStep());
        if (!n.regions().isEmpty() && !n.event().resolves()) parts.add("Confirmed by " + String.join(", ", n.regions()));
        n.retryAfter().ifPresent(wait -> parts.add("Retry-After " + wait.toSeconds() + " s"));
        // A reminder's and a resolution's title says how long already.
        if (n.event() != EventKind.INCIDENT_REMINDER && !n.event().resolves()) {
            n.downFor().ifPresent(down -> parts.add("Down for " + duration(down)));
        }
        StringBuilder brief = new StringBuilder();
        for (String part : parts) {
            if (!brief.isEmpty()) brief.append(brief.charAt(brief.length() - 1) == '.' ? " " : ". ");
            brief.append(part);
        }
        String text = brief.toString();
        String link = " " + n.link();
        if (link.length() * 2 > maxChars) return truncate(text, maxChars);
        return truncate(text, maxChars - link.length()) + link;
    }

    /** How the message should look. */
    public Tone tone() {
        if (n.event() == EventKind.INCIDENT_RESOLVED) return Tone.RESOLVED;
        if (n.event() == EventKind.TEST || n.event() == EventKind.DIGEST) return Tone.NEUTRAL;
        return n.severity() == Severity.CRITICAL ? Tone.PROBLEM : Tone.WARNING;
    }

    /** The text cut to at most {@code max} characters, ending in an ellipsis when cut. */
    public static String truncate(String text, int max) {
        if (max < 1) throw new IllegalArgumentException("max: at least 1");
        if (text.length() <= max) return text;
        int end = max - 1;
        // Never split a surrogate pair: half an emoji is not a character.
        if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
        return text.substring(0, end) + "…";
    }

    private String atFault() {
        return switch (n.fault()) {
            case NONE -> "no fault found";
            case SERVER -> "the server is at fault";
            case CLIENT -> "the client side is at fault";
            case NETWORK -> "the network is at fault";
            case CONTENT -> "the server is at fault (wrong content)";
        };
    }

    private static String faultInWords(Fault fault) {
        return switch (fault) {
            case NONE -> "nobody";
            case SERVER -> "the server: it is failing its users";
            case CLIENT -> "the client side: the server refused the monitor's request and is otherwise healthy";
            case NETWORK -> "the network path to the server";
            case CONTENT -> "the server: it answers, but with the wrong content";
        };
    }

    private String causeInWords() {
        return n.cause().id().replace('_', ' ') + (n.status() > 0 ? ", HTTP " + n.status() : "");
    }

    private String causeWithStatus() {
        return n.cause().id() + (n.status() > 0 ? " (HTTP " + n.status() + ")" : "");
    }

    private static String duration(Duration duration) {
        // Whole seconds: "12m30s", not "12m30s450ms".
        return Durations.format(Duration.ofSeconds(duration.toSeconds()));
    }
}
