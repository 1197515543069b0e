package dev.faultline.incident;

/**
 * What a notification tells people. {@link #RESOLVED} and {@link #STABLE} close what an earlier
 * notification opened, and carry its severity so that they reach the same channels.
 */
public enum Transition {
    /** An incident was confirmed. */
    OPENED,
    /** An open client-side (warning) incident became a critical one. */
    ESCALATED,
    /** An open incident ended after the recovery rounds. */
    RESOLVED,
    /** Incidents open and resolve too often: one "unstable" alert stands for all of them. */
    FLAPPING,
    /** Flapping is over: no incident transition for a whole flapping span. */
    STABLE,
    /** Blips are frequent: a warning that something is brewing, never a page. */
    INSTABILITY,
    /** A notification was held back because the monitor is in maintenance (info only). */
    MAINTENANCE_SUPPRESSED
}
