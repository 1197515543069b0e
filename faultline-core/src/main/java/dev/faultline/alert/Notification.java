package dev.faultline.alert;

import dev.faultline.check.Cause;
import dev.faultline.check.Fault;
import dev.faultline.check.Severity;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One message for people, complete in itself: what happened to which monitor, whose fault it is,
 * the cause, the next step and how to find out more. Every channel renders the same values (the
 * words come from {@link MessageText}); the alert outbox can store it as it is.
 *
 * @param event      what is announced
 * @param monitorId  the monitor's stable id (as in the API and the metrics)
 * @param severity   the severity the routing sent it at; a resolution carries its opening's
 * @param cause      the cause of the failure, or of the failure that ended for a resolution;
 *                   {@link Cause#OK} when there is none (a test)
 * @param status     the HTTP status behind the cause, 0 when there was none (a timeout, a test)
 * @param retryAfter how long the server asked clients to wait (its {@code Retry-After}), if it did
 * @param summary    the diagnosis in one line
 * @param nextStep   what to do now; empty when there is nothing to do
 * @param regions    the probe regions that confirmed the failure
 * @param incidentId the incident this is about, when there is one
 * @param dedupKey   the same for every notification about one incident (or one warning), so that
 *                   providers show it once and a resolution closes what the opening opened.
 *                   Visible ASCII, at most 255 characters (PagerDuty's limit), so it fits in a
 *                   header too.
 * @param time       when it happened
 * @param downFor    how long the monitor has been down (or was, for a resolution), when known
 * @param link       the monitor's page in Faultline
 * @param reminder   which reminder this is (1, 2, …) for {@link EventKind#INCIDENT_REMINDER}; 0 for every other event
 * @param reason     why a {@link EventKind#INCIDENT_RESOLVED} is sent; empty for every other event
 */
public record Notification(EventKind event, String monitorId, String monitorName, URI monitorUrl,
                           Severity severity, Cause cause, int status, Optional<Duration> retryAfter,
                           String summary, String nextStep, List<String> regions, Optional<String> incidentId,
                           String dedupKey, Instant time, Optional<Duration> downFor, URI link, int reminder,
                           Optional<ResolutionReason> reason) {

    /** A notification with the usual reason for its event: a resolution is a recovery. */
    public Notification(EventKind event, String monitorId, String monitorName, URI monitorUrl,
                        Severity severity, Cause cause, int status, Optional<Duration> retryAfter,
                        String summary, String nextStep, List<String> regions, Optional<String> incidentId,
                        String dedupKey, Instant time, Optional<Duration> downFor, URI link, int reminder) {
        this(event, monitorId, monitorName, monitorUrl, severity, cause, status, retryAfter, summary, nextStep, regions,
                incidentId, dedupKey, time, downFor, link, reminder,
                event == EventKind.INCIDENT_RESOLVED ? Optional.of(ResolutionReason.RECOVERED) : Optional.empty());
    }

    /** A notification that is not a reminder. */
    public Notification(EventKind event, String monitorId, String monitorName, URI monitorUrl,
                        Severity severity, Cause cause, int status, Optional<Duration> retryAfter,
                        String summary, String nextStep, List<String> regions, Optional<String> incidentId,
                        String dedupKey, Instant time, Optional<Duration> downFor, URI link) {
        this(event, monitorId, monitorName, monitorUrl, severity, cause, status, retryAfter, summary, nextStep, regions,
                incidentId, dedupKey, time, downFor, link, 0);
    }

    private static final Pattern DEDUP_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    public Notification {
        Objects.requireNonNull(event, "event");
        if (monitorId == null || monitorId.isBlank()) throw new IllegalArgumentException("monitorId: must not be empty");
        if (monitorName == null || monitorName.isBlank()) throw new IllegalArgumentException("monitorName: must not be empty");
        Objects.requireNonNull(monitorUrl, "monitorUrl");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(cause, "cause");
        if (status != 0 && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("status: " + status + " is not an HTTP status (0 for none)");
        }
        requireNotNegative(retryAfter, "retryAfter");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(nextStep, "nextStep");
        regions = List.copyOf(regions);
        Objects.requireNonNull(incidentId, "incidentId");
        if (dedupKey == null || !DEDUP_KEY.matcher(dedupKey).matches()) {
            throw new IllegalArgumentException("dedupKey: 1 to 255 visible ASCII characters, got '" + dedupKey + "'");
        }
        Objects.requireNonNull(time, "time");
        requireNotNegative(downFor, "downFor");
        Objects.requireNonNull(link, "link");
        if (event == EventKind.INCIDENT_REMINDER ? reminder < 1 : reminder != 0) {
            throw new IllegalArgumentException("reminder: " + reminder + " for " + event.id()
                    + " (1 or more for a reminder, 0 for anything else)");
        }
        Objects.requireNonNull(reason, "reason");
        if (reason.isPresent() != (event == EventKind.INCIDENT_RESOLVED)) {
            throw new IllegalArgumentException("reason: " + reason.map(ResolutionReason::id).orElse("none") + " for "
                    + event.id() + " (a resolution has one, nothing else does)");
        }
    }

    /**
     * The reminder {@code number} of this incident's opening: the same alert, said again at
     * {@code at}, when it has been down for {@code downFor}.
     */
    public Notification asReminder(int number, Instant at, Optional<Duration> downFor) {
        return new Notification(EventKind.INCIDENT_REMINDER, monitorId, monitorName, monitorUrl, severity, cause, status,
                retryAfter, summary, nextStep, regions, incidentId, dedupKey, at, downFor, link, number);
    }

    /** The same opening, said again at {@code at} (to the escalation channels), down for {@code downFor}. */
    public Notification openingAgain(Instant at, Optional<Duration> downFor) {
        if (event != EventKind.INCIDENT_OPENED) throw new IllegalStateException("only an opening is said again as one");
        return new Notification(event, monitorId, monitorName, monitorUrl, severity, cause, status, retryAfter, summary,
                nextStep, regions, incidentId, dedupKey, at, downFor, link, 0);
    }

    /** Whose fault it is: the cause's, fixed in {@link Cause}. */
    public Fault fault() {
        return cause.fault();
    }

    /**
     * What a test send carries: no monitor is down, and the message says so.
     *
     * @param channelName the channel under test, named in the message
     * @param link        Faultline's own page, where the test was started
     */
    public static Notification test(String channelName, URI link, Instant time) {
        return new Notification(EventKind.TEST, "faultline-test", "Faultline test", link, Severity.INFO, Cause.OK, 0,
                Optional.empty(), "A test message for the channel '" + channelName + "': no monitor is down.", "",
                List.of(), Optional.empty(), "faultline-test-" + time.toEpochMilli(), time, Optional.empty(), link);
    }

    private static void requireNotNegative(Optional<Duration> duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isPresent() && duration.get().isNegative()) {
            throw new IllegalArgumentException(name + ": must not be negative");
        }
    }
}
