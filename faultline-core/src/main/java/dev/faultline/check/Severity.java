package dev.faultline.check;

import java.util.Locale;

/** How urgently a verdict needs a person: critical pages, warning informs, info is for trends. */
public enum Severity {
    NONE, INFO, WARNING, CRITICAL;

    /** The lower-case name used in JSON, config and messages. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
