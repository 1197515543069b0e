package dev.faultline.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of an incident's timeline.
 *
 * @param kind    what happened, e.g. {@code check}, {@code opened}, {@code notification}, {@code resolved}
 * @param details a JSON object whose fields depend on the kind
 */
public record TimelineEntry(Instant at, String kind, String details) {

    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(details, "details");
    }
}
