package dev.faultline.config;

import java.util.regex.Pattern;

/** A remote probe agent allowed to check from a region, and the token it proves itself with. */
public record AgentConfig(String region, String token) {

    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    /** The region every server checks from itself. */
    public static final String LOCAL_REGION = "local";

    public AgentConfig {
        requireRegionName(region);
        if (token == null || token.isBlank()) throw new IllegalArgumentException("token: must not be empty");
    }

    /**
     * Checks a region name: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 63 long.
     *
     * @throws IllegalArgumentException saying what a region name may contain
     */
    public static String requireRegionName(String name) {
        if (name == null || !REGION.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid region name '" + name
                    + "': use letters, digits, '.', '_' and '-' (at most 63), starting with a letter or digit");
        }
        return name;
    }
}
