package dev.faultline.alert;

import dev.faultline.check.Cause;
import dev.faultline.check.Severity;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Notifications as the outbox will hand them to channels, one per event kind the tests use. */
public final class SampleNotifications {

    public static final Instant TIME = Instant.parse("2026-11-02T10:15:30Z");
    public static final URI LINK = URI.create("https://faultline.example/monitors/checkout-api");
    public static final String DEDUP_KEY = "faultline/checkout-api/incident-42";

    private SampleNotifications() {
    }

    /** An outage opened: a 503 with Retry-After, confirmed by two regions, down for 12m30s. */
    public static Notification opened() {
        return outage(EventKind.INCIDENT_OPENED);
    }

    public static Notification resolved() {
        return outage(EventKind.INCIDENT_RESOLVED);
    }

    /** The second reminder of the opened outage. */
    public static Notification reminder() {
        return opened().asReminder(2, TIME, Optional.of(Duration.ofSeconds(750)));
    }

    /** A client-side warning: the monitor is being rate limited. */
    public static Notification warning() {
        return new Notification(EventKind.WARNING, "checkout-api", "checkout-api",
                URI.create("https://checkout.example.com/health"), Severity.WARNING, Cause.RATE_LIMITED, 429,
                Optional.of(Duration.ofSeconds(30)), "Rate limited (HTTP 429 Too Many Requests)",
                "The monitor checks too often: lower its frequency. The server asked for 30 s between requests (Retry-After).",
                List.of("eu-west"), Optional.empty(), "faultline/checkout-api/warning-7", TIME, Optional.empty(), LINK);
    }

    public static Notification test() {
        return Notification.test("ops", URI.create("https://faultline.example/"), TIME);
    }

    /** The four the channel tests go through: opened, resolved, warning, test. */
    public static List<Notification> everyKind() {
        return List.of(opened(), resolved(), warning(), test());
    }

    /** An opened incident on a monitor with this name (for escaping tests). */
    public static Notification openedFor(String monitorName) {
        Notification n = opened();
        return new Notification(n.event(), n.monitorId(), monitorName, n.monitorUrl(), n.severity(), n.cause(),
                n.status(), n.retryAfter(), n.summary(), n.nextStep(), n.regions(), n.incidentId(), n.dedupKey(),
                n.time(), n.downFor(), n.link());
    }

    private static Notification outage(EventKind event) {
        return new Notification(event, "checkout-api", "checkout-api", URI.create("https://checkout.example.com/health"),
                Severity.CRITICAL, Cause.SERVICE_UNAVAILABLE, 503, Optional.of(Duration.ofSeconds(120)),
                "Service unavailable (HTTP 503 Service Unavailable)",
                "Check load and maintenance. The server expects to be back in 120 s (Retry-After).",
                List.of("eu-west", "us-east"), Optional.of("42"), DEDUP_KEY, TIME,
                Optional.of(Duration.ofSeconds(750)), LINK);
    }
}
