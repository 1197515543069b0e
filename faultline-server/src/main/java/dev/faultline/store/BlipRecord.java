package dev.faultline.store;

import dev.faultline.incident.Blip;
import java.util.Objects;

/** A stored blip of a monitor. */
public record BlipRecord(long id, String monitorId, Blip blip) {

    public BlipRecord {
        Objects.requireNonNull(monitorId, "monitorId");
        Objects.requireNonNull(blip, "blip");
    }
}
