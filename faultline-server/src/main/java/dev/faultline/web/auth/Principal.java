package dev.faultline.web.auth;

import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is making a request: a signed-in user or the holder of an API token. The access filter
 * puts it on the request; pages and handlers read it from there to decide what to show.
 *
 * @param name the user's name, or the token's label
 */
public record Principal(String name, Role role) {

    /** The request attribute the access filter sets. */
    public static final String ATTRIBUTE = "faultline.principal";

    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    /** The principal of this request, empty when nobody signed in (a public page). */
    public static Optional<Principal> of(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }

    public boolean canEdit() {
        return role.canEdit();
    }
}
