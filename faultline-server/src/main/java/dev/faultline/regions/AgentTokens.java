package dev.faultline.regions;

import dev.faultline.config.AgentConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells whether a request comes from the agent of the region it claims. Tokens are kept as
 * SHA-256 digests and compared with {@link MessageDigest#isEqual}, which takes the same time
 * wherever the digests differ; an unknown region is compared against a stand-in, so that its
 * answer takes as long as a wrong token's. A token is bound to its region: the token of {@code eu}
 * does not let anyone speak for {@code us}.
 */
public final class AgentTokens {

    private static final byte[] NO_REGION = sha256("\0no such agent\0");

    private final Map<String, byte[]> digests = new HashMap<>();

    public AgentTokens(List<AgentConfig> agents) {
        agents.forEach(agent -> digests.put(agent.region(), sha256(agent.token())));
    }

    /** Whether {@code authorization} (the whole header, {@code Bearer <token>}) is the token of {@code region}. */
    public boolean admits(String region, Optional<String> authorization) {
        byte[] expected = digests.getOrDefault(region, NO_REGION);
        String token = authorization.filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).map(h -> h.substring(7).strip())
                .orElse("");
        boolean matches = MessageDigest.isEqual(expected, sha256(token));
        return matches && !token.isEmpty() && digests.containsKey(region);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
