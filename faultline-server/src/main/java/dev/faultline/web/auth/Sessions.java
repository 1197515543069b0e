package dev.faultline.web.auth;

import dev.faultline.store.SessionRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Signed-in browsers. The cookie carries a random 256-bit id; the database keeps only its
 * digest. A session ends {@link #LIFETIME} after sign-in, or after {@link #IDLE} without a
 * request, or at sign-out.
 */
final class Sessions {

    static final Duration LIFETIME = Duration.ofDays(7);
    static final Duration IDLE = Duration.ofHours(24);
    // Recording every request's time would make every page view a write; this often is enough for the idle timeout.
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(5);

    /** A new session: the cookie's value and the session's CSRF token. */
    record Started(String cookie, String csrf) {
    }

    /** A live session's user and CSRF token. */
    record Live(Principal principal, String csrf) {
    }

    private final SessionRepository sessions;
    private final Clock clock;

    Sessions(SessionRepository sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Starts a session for the user; empty when the user was removed meanwhile. */
    Optional<Started> start(String userName) {
        String id = Secrets.random();
        String csrf = Secrets.random();
        Instant now = clock.instant();
        return sessions.create(Secrets.digest(id), userName, csrf, now, now.plus(LIFETIME))
                ? Optional.of(new Started(id, csrf)) : Optional.empty();
    }

    Optional<Live> resolve(String cookie) {
        if (cookie == null || cookie.isEmpty() || cookie.length() > 100) return Optional.empty();
        String idHash = Secrets.digest(cookie);
        Optional<SessionRepository.StoredSession> found = sessions.find(idHash);
        if (found.isEmpty()) return Optional.empty();
        SessionRepository.StoredSession session = found.get();
        Instant now = clock.instant();
        if (!now.isBefore(session.expiresAt()) || !now.isBefore(session.lastSeenAt().plus(IDLE))) {
            sessions.delete(idHash);
            return Optional.empty();
        }
        if (!now.isBefore(session.lastSeenAt().plus(TOUCH_EVERY))) sessions.touch(idHash, now);
        return Optional.of(new Live(new Principal(session.userName(), Role.parse(session.role())), session.csrfToken()));
    }

    void end(String cookie) {
        if (cookie != null && !cookie.isEmpty()) sessions.delete(Secrets.digest(cookie));
    }

    /** Forgets expired and idle sessions; the composition root calls it with the other housekeeping. */
    int prune() {
        Instant now = clock.instant();
        return sessions.prune(now, now.minus(IDLE));
    }
}
