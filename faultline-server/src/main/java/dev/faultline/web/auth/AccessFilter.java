package dev.faultline.web.auth;

import dev.faultline.web.Problem;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs before every matched route: finds the route's {@link Access}, works out who is asking
 * (an {@code Authorization: Bearer} token, else the session cookie), checks the CSRF token of a
 * state-changing request made with a cookie, and lets the request through with
 * {@link Principal#ATTRIBUTE} and {@link Csrf#ATTRIBUTE} set, or answers it: anonymous API
 * calls get 401 with {@code WWW-Authenticate: Bearer}, anonymous page views a redirect to the
 * sign-in page, everything else that is not allowed 403. Tokens are never logged.
 */
final class AccessFilter implements Handler {

    private static final Logger log = LoggerFactory.getLogger(AccessFilter.class);

    private final AccessRules rules;
    private final Sessions sessions;
    private final ApiTokens tokens;
    private final Templates templates;

    AccessFilter(AccessRules rules, Sessions sessions, ApiTokens tokens, Templates templates) {
        this.rules = rules;
        this.sessions = sessions;
        this.tokens = tokens;
        this.templates = templates;
    }

    @Override
    public void handle(Context ctx) {
        Optional<Access> access = rules.accessFor(ctx.path());
        if (access.isEmpty()) {
            log.error("{} {} has no access rule and is denied to everyone: add one to AccessRules", ctx.method(), ctx.path());
            deny(ctx, 403, "Forbidden", "this route has no access rule");
            return;
        }
        switch (access.get()) {
            case PUBLIC -> session(ctx).ifPresent(live -> admit(ctx, live.principal(), live.csrf()));
            case SIGN_IN -> signInForm(ctx);
            case SIGNED_IN, OWN_SESSION, ADMIN -> signedIn(ctx, access.get());
        }
    }

    /** Sign-in and setup: anyone, but a form must carry the token of the pre-session cookie it was served with. */
    private void signInForm(Context ctx) {
        Optional<Sessions.Live> live = session(ctx);
        live.ifPresent(l -> ctx.attribute(Principal.ATTRIBUTE, l.principal()));
        String cookie = ctx.cookie(Cookies.SIGN_IN);
        boolean valid = cookie != null && cookie.length() == 43;
        if (AccessRules.writes(ctx.method().name())) {
            if (!valid || !Secrets.same(cookie, sent(ctx))) {
                deny(ctx, 403, "Forbidden", "the form is out of date or came from another site: reload the page and send it again");
                return;
            }
        } else if (!valid) {
            cookie = Secrets.random();
            Cookies.signIn(ctx, cookie);
        }
        ctx.attribute(Csrf.ATTRIBUTE, cookie);
    }

    private void signedIn(Context ctx, Access access) {
        String authorization = ctx.header("Authorization");
        Principal principal;
        String csrf;
        if (authorization != null) {
            Optional<Principal> holder = authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? tokens.resolve(authorization.substring(7).strip()) : Optional.empty();
            if (holder.isEmpty()) {
                ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                deny(ctx, 401, "Unauthorized", "the bearer token is unknown or revoked");
                return;
            }
            principal = holder.get();
            csrf = null; // a token is sent by a program, not by a browser on another site's behalf: no CSRF to guard against
        } else {
            Optional<Sessions.Live> live = session(ctx);
            if (live.isEmpty()) {
                anonymous(ctx);
                return;
            }
            principal = live.get().principal();
            csrf = live.get().csrf();
        }
        boolean writes = AccessRules.writes(ctx.method().name());
        if (writes && csrf != null && !Secrets.same(csrf, sent(ctx))) {
            deny(ctx, 403, "Forbidden", "missing or wrong CSRF token: send the form again from a freshly loaded page");
            return;
        }
        boolean allowed = switch (access) {
            case ADMIN -> principal.role() == Role.ADMIN;
            case SIGNED_IN -> !writes || principal.canEdit();
            case OWN_SESSION -> true;
            case PUBLIC, SIGN_IN -> throw new IllegalStateException("not a signed-in access: " + access);
        };
        if (!allowed) {
            admit(ctx, principal, csrf == null ? "" : csrf); // the refusal page still offers to sign out
            deny(ctx, 403, "Forbidden", "'" + principal.name() + "' is a " + principal.role().id() + " and may not "
                    + (writes ? "change anything here" : "see this page"));
            return;
        }
        admit(ctx, principal, csrf == null ? "" : csrf);
    }

    private void anonymous(Context ctx) {
        if (api(ctx)) {
            ctx.header("WWW-Authenticate", "Bearer");
            deny(ctx, 401, "Unauthorized", "sign in, or send Authorization: Bearer <api token>");
            return;
        }
        String target = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        ctx.status(303).header("Location", "/login?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
        ctx.skipRemainingHandlers();
    }

    private Optional<Sessions.Live> session(Context ctx) {
        return sessions.resolve(ctx.cookie(Cookies.SESSION));
    }

    private static void admit(Context ctx, Principal principal, String csrf) {
        ctx.attribute(Principal.ATTRIBUTE, principal);
        ctx.attribute(Csrf.ATTRIBUTE, csrf);
    }

    /** The CSRF token a request carries: the header (scripts) or the form field (forms). */
    private static String sent(Context ctx) {
        String header = ctx.header(Csrf.HEADER);
        if (header != null) return header;
        String type = ctx.contentType();
        return type != null && type.startsWith("application/x-www-form-urlencoded") || type != null && type.startsWith("multipart/")
                ? ctx.formParam(Csrf.FIELD) : null;
    }

    private static boolean api(Context ctx) {
        return ctx.path().startsWith("/api/");
    }

    private void deny(Context ctx, int status, String title, String detail) {
        if (api(ctx)) {
            ctx.status(status).json(Problem.of(status, title, detail, ctx.path())).contentType(Problem.CONTENT_TYPE);
        } else {
            String me = Principal.of(ctx).map(Principal::name).orElse("");
            templates.render(ctx, status, "auth/denied.jte", new AuthViews.Denied(me.isEmpty() ? "" : Csrf.token(ctx), me, title, detail));
        }
        ctx.skipRemainingHandlers();
    }
}
