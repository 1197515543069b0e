package dev.faultline.secret;

import java.util.Locale;
import java.util.Optional;

/**
 * How a credential is shown in an answer: never in full. {@code ****abcd} keeps the last four
 * characters of a long one, so that people can tell which credential is set; a short one shows
 * none. A client that sends the mask back means "keep the stored value" ({@link #keeps}).
 */
public final class Masks {

    static final String STARS = "****";
    private static final int SHOWN = 4;
    private static final int LONG_ENOUGH_TO_SHOW = 12;

    private Masks() {
    }

    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) return "";
        return secret.length() < LONG_ENOUGH_TO_SHOW ? STARS : STARS + secret.substring(secret.length() - SHOWN);
    }

    /** True when {@code sent} is the mask of {@code stored}: the client sent back what it was shown. */
    public static boolean keeps(String sent, String stored) {
        return sent != null && stored != null && sent.startsWith(STARS) && sent.equals(mask(stored));
    }

    /** The stored value when the client sent its mask back, else what it sent. */
    public static Optional<String> resolve(Optional<String> sent, Optional<String> stored) {
        if (sent.isPresent() && stored.isPresent() && keeps(sent.get(), stored.get())) return stored;
        return sent;
    }

    /**
     * Request headers that carry credentials: shown masked. Every header of an API monitor is
     * stored encrypted; these are also never shown in full.
     */
    public static boolean sensitiveHeader(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("authorization") || n.equals("proxy-authorization") || n.equals("cookie")
                || n.contains("token") || n.contains("key") || n.contains("secret") || n.contains("auth")
                || n.contains("session") || n.contains("password") || n.contains("signature");
    }
}
