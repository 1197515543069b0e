package dev.faultline.alert;

import java.net.URI;

/** How secrets appear in {@code toString()}, logs and answers: not at all. */
public final class Secrets {

    private Secrets() {
    }

    /** {@code ****} for any secret that is set, so one can still tell it is set. */
    public static String mask(String secret) {
        return secret == null || secret.isEmpty() ? "(unset)" : "****";
    }

    /**
     * Scheme, host and port, with everything after them masked: the path of a Slack, Discord
     * or Teams webhook URL is its secret.
     */
    public static String maskUrl(URI url) {
        if (url == null) return "(unset)";
        String origin = url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
        boolean more = (url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/"))
                || url.getRawQuery() != null;
        return more ? origin + "/****" : origin;
    }
}
