package dev.faultline.web.pages;

import dev.faultline.web.auth.Csrf;
import dev.faultline.web.auth.Principal;
import io.javalin.http.Context;

/**
 * What every page's frame needs: its title, the active section, the anti-forgery token for
 * forms and htmx, and whether to show edit controls. {@link #of} is the one place that decides
 * {@code canEdit}.
 *
 * @param nav  the active section: overview, incidents, manage or status
 * @param user the signed-in user's name, empty on public pages
 */
public record Layout(String title, String nav, String csrf, String user, boolean canEdit, boolean publicPage) {

    static Layout of(Context ctx, String title, String nav) {
        var principal = Principal.of(ctx);
        return new Layout(title, nav, Csrf.token(ctx), principal.map(Principal::name).orElse(""),
                principal.map(Principal::canEdit).orElse(false), false);
    }

    /** A status page: no navigation, no forms, nobody signed in as far as the page cares. */
    static Layout publicPage(String title) {
        return new Layout(title, "status", "", "", false, true);
    }

    /** The htmx header carrying the token, as the value of {@code hx-headers}. */
    public String htmxHeaders() {
        return "{\"" + Csrf.HEADER + "\": \"" + csrf.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    public String csrfField() {
        return Csrf.FIELD;
    }
}
