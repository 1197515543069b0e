package dev.faultline.config;

import dev.faultline.web.auth.Role;
import java.util.Objects;

/**
 * An API token given in the config file ({@code server.api_tokens}), for automation that cannot
 * click through the settings page. The token normally comes from the environment: {@code ${VAR}}.
 */
public record ApiTokenConfig(String name, String token, Role role) {

    /** Short tokens can be guessed: 20 characters of {@code openssl rand -hex 32} are 80 bits. */
    public static final int MIN_TOKEN_LENGTH = 20;

    public ApiTokenConfig {
        if (name == null || name.isBlank() || name.length() > 64) throw new IllegalArgumentException("name: give a name of 1 to 64 characters");
        if (token == null || token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("token: use at least " + MIN_TOKEN_LENGTH
                    + " characters (e.g. from openssl rand -hex 32), not a guessable word");
        }
        if (token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("token: use printable ASCII without spaces, as an HTTP header carries it");
        }
        Objects.requireNonNull(role, "role");
    }

    /** Never the token itself: config objects end up in logs and error messages. */
    @Override
    public String toString() {
        return "ApiTokenConfig[name=" + name + ", role=" + role.id() + "]";
    }
}
