package dev.faultline.web.auth;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /login}, {@code /logout} and the first-run {@code /setup/{token}}. */
final class SignInPages {

    private static final Logger log = LoggerFactory.getLogger(SignInPages.class);
    private static final String FAILED = "Wrong user name or password.";

    private final Accounts accounts;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final Templates templates;

    SignInPages(Accounts accounts, Sessions sessions, LoginThrottle throttle, Templates templates) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
        this.templates = templates;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/login", this::loginForm);
        routes.post("/login", this::login);
        routes.post("/logout", this::logout);
        routes.get("/setup/{token}", this::setupForm);
        routes.post("/setup/{token}", this::setUp);
    }

    private void loginForm(Context ctx) {
        String next = next(ctx.queryParam("next"));
        if (Principal.of(ctx).isPresent()) {
            ctx.redirect(next);
            return;
        }
        templates.render(ctx, 200, "auth/login.jte",
                new AuthViews.Login(Csrf.token(ctx), "", next, "", accounts.setupToken().isPresent()));
    }

    private void login(Context ctx) {
        String name = Accounts.normal(ctx.formParam("username"));
        String next = next(ctx.formParam("next"));
        Optional<Duration> wait = throttle.retryAfter(ctx.ip(), name);
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds());
            ctx.header("Retry-After", Long.toString(seconds));
            templates.render(ctx, 429, "auth/login.jte", new AuthViews.Login(Csrf.token(ctx), name, next,
                    "Too many failed sign-ins. Try again in " + (seconds + 59) / 60 + " minute(s).", false));
            return;
        }
        Optional<Principal> user = accounts.verify(name, ctx.formParam("password"));
        if (user.isEmpty()) {
            throttle.failed(ctx.ip(), name);
            log.info("failed sign-in from {}", ctx.ip()); // not the name: people type their password there by mistake
            templates.render(ctx, 401, "auth/login.jte", new AuthViews.Login(Csrf.token(ctx), name, next, FAILED, false));
            return;
        }
        throttle.succeeded(name);
        signIn(ctx, user.get().name(), next);
    }

    private void logout(Context ctx) {
        sessions.end(ctx.cookie(Cookies.SESSION));
        Cookies.clear(ctx, Cookies.SESSION);
        ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void setupForm(Context ctx) {
        String token = ctx.pathParam("token");
        if (!accounts.setupValid(token)) {
            gone(ctx);
            return;
        }
        templates.render(ctx, 200, "auth/setup.jte", new AuthViews.Setup(Csrf.token(ctx), token, "", Map.of()));
    }

    private void setUp(Context ctx) {
        String token = ctx.pathParam("token");
        if (!accounts.setupValid(token)) {
            gone(ctx);
            return;
        }
        String name = ctx.formParam("username");
        Map<String, String> errors = accounts.setUp(token, name, ctx.formParam("password"), ctx.formParam("password_confirm"));
        if (errors.containsKey("token")) {
            gone(ctx);
        } else if (!errors.isEmpty()) {
            templates.render(ctx, 422, "auth/setup.jte", new AuthViews.Setup(Csrf.token(ctx), token,
                    name == null ? "" : name, errors));
        } else {
            log.info("the first admin, '{}', was created through the setup link; the link is no longer valid", Accounts.normal(name));
            signIn(ctx, Accounts.normal(name), "/");
        }
    }

    private void signIn(Context ctx, String name, String next) {
        Optional<Sessions.Started> started = sessions.start(name);
        if (started.isEmpty()) { // removed between the check and now
            templates.render(ctx, 401, "auth/login.jte", new AuthViews.Login(Csrf.token(ctx), name, next, FAILED, false));
            return;
        }
        Cookies.session(ctx, started.get().cookie());
        Cookies.clear(ctx, Cookies.SIGN_IN);
        ctx.redirect(next, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void gone(Context ctx) {
        templates.render(ctx, 404, "auth/setup_gone.jte", new AuthViews.Login(Csrf.token(ctx), "", "/", "", false));
    }

    /** Where to go after signing in: a path on this site only, never another site (an open redirect). */
    static String next(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return "/";
        }
        return next;
    }
}
