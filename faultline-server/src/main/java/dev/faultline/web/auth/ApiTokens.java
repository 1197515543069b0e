package dev.faultline.web.auth;

import dev.faultline.config.ApiTokenConfig;
import dev.faultline.store.ApiTokenRepository;
import dev.faultline.store.ApiTokenRepository.StoredToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Tokens for {@code Authorization: Bearer}: those made in the settings page (stored as digests,
 * shown once when made) and those given in the config file ({@code server.api_tokens}).
 */
final class ApiTokens {

    /** What a made token starts with, so that a leaked one is recognisable in logs and scanners. */
    static final String PREFIX = "fl_";
    private static final Duration RECORD_USE_EVERY = Duration.ofMinutes(1);

    private final ApiTokenRepository stored;
    private final Supplier<List<ApiTokenConfig>> configured;
    private final Clock clock;

    /** @param configured the config file's tokens as they are now: a token removed from the file stops working at the reload */
    ApiTokens(ApiTokenRepository stored, Supplier<List<ApiTokenConfig>> configured, Clock clock) {
        this.stored = stored;
        this.configured = configured;
        this.clock = clock;
    }

    /**
     * Makes a token and returns it: the only time it is seen.
     *
     * @throws IllegalArgumentException when the name is taken or not allowed
     */
    String create(String name, Role role, String createdBy) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 64) throw new IllegalArgumentException("name: give a name of 1 to 64 characters");
        if (configured.get().stream().anyMatch(c -> c.name().equals(clean))) {
            throw new IllegalArgumentException("name: '" + clean + "' is a token of the config file");
        }
        String token = PREFIX + Secrets.random();
        if (!stored.insert(clean, role.id(), Secrets.digest(token), createdBy, clock.instant())) {
            throw new IllegalArgumentException("name: a token named '" + clean + "' exists already");
        }
        return token;
    }

    /** Who holds this token; empty when it is unknown or revoked. */
    Optional<Principal> resolve(String token) {
        if (token == null || token.isEmpty() || token.length() > 200) return Optional.empty();
        // Every configured token is compared, each in constant time, so the time says nothing about which nearly matched.
        Optional<Principal> fromConfig = Optional.empty();
        for (ApiTokenConfig c : configured.get()) {
            if (Secrets.same(c.token(), token) && fromConfig.isEmpty()) fromConfig = Optional.of(new Principal(c.name(), c.role()));
        }
        if (fromConfig.isPresent()) return fromConfig;
        // A lookup by digest: the digest of a guess says nothing about the stored tokens' digests.
        Optional<StoredToken> found = stored.findByHash(Secrets.digest(token));
        found.ifPresent(this::recordUse);
        return found.map(t -> new Principal(t.name(), Role.parse(t.role())));
    }

    List<StoredToken> stored() {
        return stored.all();
    }

    List<ApiTokenConfig> configured() {
        return configured.get();
    }

    boolean revoke(long id) {
        return stored.delete(id);
    }

    private void recordUse(StoredToken token) {
        Instant now = clock.instant();
        if (token.lastUsedAt().map(t -> !now.isBefore(t.plus(RECORD_USE_EVERY))).orElse(true)) stored.used(token.id(), now);
    }
}
