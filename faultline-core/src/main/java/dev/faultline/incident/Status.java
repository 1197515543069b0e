package dev.faultline.incident;

/** What the dashboard shows for a monitor. FLAPPING hides the up-and-down underneath it. */
public enum Status {
    UP, SUSPECT, DOWN, FLAPPING
}
