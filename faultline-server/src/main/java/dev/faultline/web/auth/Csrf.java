package dev.faultline.web.auth;

import io.javalin.http.Context;

/**
 * Where a page finds the anti-forgery token to put in its forms. The access filter issues the
 * token with the session and checks it on every state-changing request; forms send it as the
 * field {@link #FIELD}, scripts (htmx) as the header {@link #HEADER}.
 */
public final class Csrf {

    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    /** The request attribute the access filter sets to the session's token. */
    public static final String ATTRIBUTE = "faultline.csrf";

    private Csrf() {
    }

    /** The session's token, or an empty string for a request without a session. */
    public static String token(Context ctx) {
        String token = ctx.attribute(ATTRIBUTE);
        return token == null ? "" : token;
    }
}
