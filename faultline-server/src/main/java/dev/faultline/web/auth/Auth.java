package dev.faultline.web.auth;

import dev.faultline.config.AccessSettings;
import dev.faultline.store.Store;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sign-in and access, put together: the access filter in front of every route, the sign-in,
 * setup and settings pages, and the one-time setup link while there is no user.
 */
public final class Auth {

    /** Failed sign-ins allowed per client address and per user name within {@link #THROTTLE_WINDOW}. */
    public static final int MAX_FAILURES = 5;
    public static final Duration THROTTLE_WINDOW = Duration.ofMinutes(5);

    private final AccessRules rules;
    private final Accounts accounts;
    private final Sessions sessions;
    private final AccessFilter filter;
    private final SignInPages signIn;
    private final SettingsPages settings;

    private Auth(Store store, Supplier<AccessSettings> access, Clock clock) {
        this.rules = AccessRules.standard(access.get().metricsPublic());
        this.accounts = new Accounts(store.users(), new PasswordHasher(), clock);
        this.sessions = new Sessions(store.sessions(), clock);
        ApiTokens tokens = new ApiTokens(store.apiTokens(), () -> access.get().apiTokens(), clock);
        Templates templates = new Templates();
        this.filter = new AccessFilter(rules, sessions, tokens, templates);
        this.signIn = new SignInPages(accounts, sessions, new LoginThrottle(MAX_FAILURES, THROTTLE_WINDOW, clock), templates);
        this.settings = new SettingsPages(accounts, tokens, templates);
    }

    /**
     * @param access the config file's access settings as they are now: API tokens follow a reloaded
     *               file at once; {@code metrics_public} is read at the start
     */
    public static Auth create(Store store, Supplier<AccessSettings> access, Clock clock) {
        return new Auth(store, access, clock);
    }

    /** Puts the access filter in front of every route and adds the sign-in, setup and settings routes. */
    public void install(JavalinDefaultRoutingApi routes) {
        routes.beforeMatched(filter);
        signIn.register(routes);
        settings.register(routes);
    }

    /** {@code /setup/<token>} while nobody can sign in yet; empty once the first admin exists. */
    public Optional<String> setupPath() {
        return accounts.setupToken().map(token -> "/setup/" + token);
    }

    /**
     * Adds a user straight to the store (the command line's {@code faultline user add}); the
     * errors by field, empty on success.
     */
    public static java.util.Map<String, String> addUser(Store store, String name, String role, String password) {
        return new Accounts(store.users(), new PasswordHasher(), Clock.systemUTC()).add(name, role, password, password);
    }

    public AccessRules rules() {
        return rules;
    }

    /** Forgets expired sessions; returns how many. */
    public int prune() {
        return sessions.prune();
    }
}
