package dev.faultline.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a notification announces. The ids are the {@code event} field of the webhook payload. */
public enum EventKind {
    /** An incident was confirmed (or escalated to critical). */
    INCIDENT_OPENED("incident.opened"),
    /** The open incident ended: channels that can close what they opened do so. */
    INCIDENT_RESOLVED("incident.resolved"),
    /** The incident is still open: a reminder for whoever has not acted yet. */
    INCIDENT_REMINDER("incident.reminder"),
    /** Something worth knowing that does not page: a client-side failure, an expiring certificate. */
    WARNING("warning"),
    /** Brief failures (blips) are frequent: something is brewing. */
    INSTABILITY("instability"),
    /** Incidents open and close too often; one alert stands for all of them. */
    FLAPPING("flapping"),
    /** A test send from the API or the UI, to see that the channel reaches people. */
    TEST("test"),
    /** The daily summary for the digest channels: incidents, blips, anomalies, worst uptime ({@link DigestText}). */
    DIGEST("digest");

    private final String id;

    EventKind(String id) {
        this.id = id;
    }

    /** The id used in payloads and headers, e.g. {@code incident.opened}. */
    public String id() {
        return id;
    }

    /** True for the event that closes an earlier opening. */
    public boolean resolves() {
        return this == INCIDENT_RESOLVED;
    }

    public static Optional<EventKind> fromId(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id.equals(id.toLowerCase(Locale.ROOT))).findFirst();
    }
}
