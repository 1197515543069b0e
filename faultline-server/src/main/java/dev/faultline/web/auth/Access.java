package dev.faultline.web.auth;

/** Who may use a route, as the access rules give it; a request reads, or writes (any method but GET, HEAD and OPTIONS). */
public enum Access {
    /** Anyone, signed in or not: health, status pages, assets, and the agents' endpoints (which check agents' own tokens). */
    PUBLIC,
    /** Anyone, but a form sent here must carry the pre-session anti-forgery token: sign-in and first-run setup. */
    SIGN_IN,
    /** Any signed-in user or API token reads; only admins write. */
    SIGNED_IN,
    /** Any signed-in user, writes included: signing out. */
    OWN_SESSION,
    /** Admins only, reads included: users and API tokens. */
    ADMIN
}
