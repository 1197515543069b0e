package dev.faultline.web.auth;

import io.javalin.http.Context;
import java.time.Duration;

/**
 * The two cookies: the session ({@code faultline_session}) and the pre-session anti-forgery
 * token of the sign-in and setup forms ({@code faultline_signin}). Both are HttpOnly (no script
 * reads them), Path=/, and Secure when the request came over HTTPS, directly or through a
 * proxy that says so in {@code X-Forwarded-Proto}: a Secure cookie is never sent back over
 * plain http://, which would make sign-in impossible on http://host:8080. The session is
 * SameSite=Lax, so that a link from an alert (Slack, e-mail) opens the dashboard signed in,
 * while forms from other sites carry no cookie and every form needs the CSRF token anyway;
 * the pre-session token is SameSite=Strict.
 */
final class Cookies {

    static final String SESSION = "faultline_session";
    static final String SIGN_IN = "faultline_signin";

    private Cookies() {
    }

    static void session(Context ctx, String value) {
        set(ctx, SESSION, value, Sessions.LIFETIME, "Lax");
    }

    static void signIn(Context ctx, String value) {
        set(ctx, SIGN_IN, value, Duration.ofHours(2), "Strict");
    }

    static void clear(Context ctx, String name) {
        set(ctx, name, "", Duration.ZERO, "Lax");
    }

    static boolean secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    private static void set(Context ctx, String name, String value, Duration maxAge, String sameSite) {
        // Written by hand: every attribute is visible here and in the tests, whatever the framework's defaults.
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=/; Max-Age=" + maxAge.toSeconds() + "; HttpOnly; SameSite="
                + sameSite + (secure(ctx) ? "; Secure" : ""));
    }
}
