package dev.faultline.incidents;

import dev.faultline.store.IncidentRepository;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Until the alert outbox takes notifications, they are written into the timeline of the incident
 * they are about, so that what would have been sent, and when, is on record. A warning about the
 * monitor itself (instability) has no incident: it is logged.
 */
public final class TimelineNotifications implements Notifications {

    static final String VIA = "timeline";
    private static final Logger log = LoggerFactory.getLogger(TimelineNotifications.class);

    private final IncidentRepository incidents;

    public TimelineNotifications(IncidentRepository incidents) {
        this.incidents = incidents;
    }

    @Override
    public void notify(Handle handle, NotifyRequest request) {
        request.incidentId().ifPresentOrElse(id -> incidents.append(handle, id, Timeline.notification(request, VIA)),
                () -> log.info("{} {}: {} (no incident; not sent until alert channels are wired)", request.severity().id(),
                        request.transition().name().toLowerCase(java.util.Locale.ROOT), request.monitor().id()));
    }
}
