package dev.faultline.alert;

/** How a message should look, for channels that colour it: red, amber, green or neutral. */
public enum Tone {
    /** Something is down and people are needed. */
    PROBLEM,
    /** Worth knowing, not worth a page. */
    WARNING,
    /** It is over. */
    RESOLVED,
    /** Neither good nor bad news: a test. */
    NEUTRAL
}
