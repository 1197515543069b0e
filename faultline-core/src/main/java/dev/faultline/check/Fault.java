package dev.faultline.check;

import java.util.Locale;

/** Whose fault a failed check is. {@link #NONE} for checks that did not fail. */
public enum Fault {
    /** Nothing failed. */
    NONE,
    /** The request was refused (4xx): the monitor or its caller sent something the server rightly declined. */
    CLIENT,
    /** The service failed its users: a 5xx, a refused or dropped connection, a bad certificate. */
    SERVER,
    /** The path to the service failed: the name does not resolve, or nothing answers the TCP handshake. */
    NETWORK,
    /** The service answered, but not with what it should: a body or header assertion failed. */
    CONTENT;

    /** The lower-case name used in JSON, config and messages. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
