package dev.faultline.config;

import java.util.List;

/**
 * Who may reach the server without signing in.
 *
 * @param apiTokens     tokens from the config file, for {@code Authorization: Bearer}
 * @param metricsPublic whether {@code /metrics} answers without a token (it names every monitor)
 */
public record AccessSettings(List<ApiTokenConfig> apiTokens, boolean metricsPublic) {

    public static final AccessSettings DEFAULT = new AccessSettings(List.of(), false);

    public AccessSettings {
        apiTokens = List.copyOf(apiTokens);
    }
}
