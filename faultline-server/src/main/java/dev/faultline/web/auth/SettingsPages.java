package dev.faultline.web.auth;

import dev.faultline.store.ApiTokenRepository.StoredToken;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /settings/users} (add users, change roles, remove) and {@code /settings/tokens} (make a
 * token, shown once; list; revoke), for admins. Forms post back and the page is shown again
 * with the outcome, so that a reload never repeats a change it did not show.
 */
final class SettingsPages {

    private static final Logger log = LoggerFactory.getLogger(SettingsPages.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Accounts accounts;
    private final ApiTokens tokens;
    private final Templates templates;

    SettingsPages(Accounts accounts, ApiTokens tokens, Templates templates) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.templates = templates;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/settings/users", ctx -> users(ctx, 200, "", "viewer", Map.of(), ""));
        routes.post("/settings/users", this::addUser);
        routes.post("/settings/users/{name}/role", this::changeRole);
        routes.post("/settings/users/{name}/remove", this::removeUser);
        routes.get("/settings/tokens", ctx -> tokens(ctx, 200, "", "", "", Map.of(), ""));
        routes.post("/settings/tokens", this::createToken);
        routes.post("/settings/tokens/{id}/revoke", this::revokeToken);
    }

    private void addUser(Context ctx) {
        String name = ctx.formParam("username");
        String role = ctx.formParam("role");
        Map<String, String> errors = accounts.add(name, role, ctx.formParam("password"), ctx.formParam("password_confirm"));
        if (errors.isEmpty()) {
            log.info("{} added the user '{}' ({})", me(ctx), Accounts.normal(name), role);
            users(ctx, 200, "", "viewer", Map.of(), "Added " + Accounts.normal(name) + " as " + role + ".");
        } else {
            users(ctx, 422, name == null ? "" : name, role == null ? "viewer" : role, errors, "");
        }
    }

    private void changeRole(Context ctx) {
        String name = ctx.pathParam("name");
        String role = ctx.formParam("role");
        Optional<String> error = accounts.changeRole(name, role);
        error.ifPresentOrElse(e -> users(ctx, 409, "", "viewer", Map.of(), e), () -> {
            log.info("{} made '{}' a {}", me(ctx), name, role);
            users(ctx, 200, "", "viewer", Map.of(), name + " is now " + role + ".");
        });
    }

    private void removeUser(Context ctx) {
        String name = ctx.pathParam("name");
        Optional<String> error = accounts.remove(name);
        error.ifPresentOrElse(e -> users(ctx, 409, "", "viewer", Map.of(), e), () -> {
            log.info("{} removed the user '{}'", me(ctx), name);
            users(ctx, 200, "", "viewer", Map.of(), "Removed " + name + ".");
        });
    }

    private void createToken(Context ctx) {
        String name = ctx.formParam("name");
        Role role;
        String token;
        try {
            role = Role.parse(ctx.formParam("role") == null ? "" : ctx.formParam("role"));
            token = tokens.create(name, role, me(ctx));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            String field = message.startsWith("name: ") ? "name" : "role";
            tokens(ctx, 422, "", "", name == null ? "" : name, Map.of(field, message.substring(message.indexOf(": ") + 2)), "");
            return;
        }
        log.info("{} created the API token '{}' ({})", me(ctx), name.strip(), role.id());
        tokens(ctx, 200, token, name.strip(), "", Map.of(), "");
    }

    private void revokeToken(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            id = -1;
        }
        boolean revoked = id > 0 && tokens.revoke(id);
        if (revoked) log.info("{} revoked API token {}", me(ctx), id);
        tokens(ctx, revoked ? 200 : 404, "", "", "", Map.of(), revoked ? "Revoked; it no longer works." : "No such token.");
    }

    private void users(Context ctx, int status, String name, String role, Map<String, String> errors, String notice) {
        List<AuthViews.UserRow> rows = accounts.all().stream()
                .map(u -> new AuthViews.UserRow(u.name(), u.role(), time(u.createdAt()))).toList();
        templates.render(ctx, status, "auth/users.jte", new AuthViews.Users(Csrf.token(ctx), me(ctx), rows, name, role, errors, notice));
    }

    private void tokens(Context ctx, int status, String created, String createdName, String name, Map<String, String> errors,
                        String notice) {
        List<AuthViews.TokenRow> rows = new ArrayList<>();
        tokens.configured().forEach(c -> rows.add(new AuthViews.TokenRow(0, c.name(), c.role().id(), "config file", "", "")));
        for (StoredToken t : tokens.stored()) {
            rows.add(new AuthViews.TokenRow(t.id(), t.name(), t.role(), "made by " + t.createdBy(), time(t.createdAt()),
                    t.lastUsedAt().map(SettingsPages::time).orElse("never")));
        }
        templates.render(ctx, status, "auth/tokens.jte",
                new AuthViews.Tokens(Csrf.token(ctx), me(ctx), rows, created, createdName, name, errors, notice));
    }

    private static String me(Context ctx) {
        return Principal.of(ctx).map(Principal::name).orElse("?");
    }

    private static String time(Instant instant) {
        return TIME.format(instant);
    }
}
