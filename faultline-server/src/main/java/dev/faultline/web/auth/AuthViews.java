package dev.faultline.web.auth;

import java.util.List;
import java.util.Map;

/**
 * What the sign-in, setup and settings templates ({@code src/main/jte/auth/}) show. Public only
 * because the generated template classes live in another package. Text fields are never null.
 */
public final class AuthViews {

    private AuthViews() {
    }

    /** The sign-in form; {@code error} is empty or says why the last attempt failed. */
    public record Login(String csrf, String username, String next, String error, boolean setupPending) {
    }

    /** The first-run form; {@code errors} by field name ({@code username}, {@code password}, {@code password_confirm}, {@code token}). */
    public record Setup(String csrf, String token, String username, Map<String, String> errors) {
        public String error(String field) {
            return errors.getOrDefault(field, "");
        }
    }

    /** The users page; {@code notice} is empty or the outcome of the last change. */
    public record Users(String csrf, String me, List<UserRow> users, String username, String role, Map<String, String> errors,
                        String notice) {
        public String error(String field) {
            return errors.getOrDefault(field, "");
        }
    }

    public record UserRow(String name, String role, String created) {
    }

    /** The API tokens page; {@code created} is empty or the token just made, shown this once. */
    public record Tokens(String csrf, String me, List<TokenRow> tokens, String created, String createdName, String name,
                         Map<String, String> errors, String notice) {
        public String error(String field) {
            return errors.getOrDefault(field, "");
        }
    }

    /** A refusal: 403 to a signed-in user (who can still sign out from it), or a stale sign-in form. */
    public record Denied(String csrf, String me, String title, String detail) {
    }

    /** A token in the list; {@code id} is 0 for one from the config file, which cannot be revoked here. */
    public record TokenRow(long id, String name, String role, String source, String created, String lastUsed) {
    }
}
