package dev.faultline.web;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The query parameters every list takes: {@code limit} (1–1000, default 100) and an opaque {@code cursor}. */
record Paging(int limit, Optional<String> cursor) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    static Paging of(Context ctx) {
        String limitText = ctx.queryParam("limit");
        int limit = DEFAULT_LIMIT;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                throw ApiRequestException.badParameter("limit", "'" + limitText + "' is not a whole number", ctx.path());
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ApiRequestException.badParameter("limit", limit + " is outside 1 to " + MAX_LIMIT, ctx.path());
            }
        }
        String cursor = ctx.queryParam("cursor");
        return new Paging(limit, Optional.ofNullable(cursor).filter(c -> !c.isBlank()));
    }

    /** An ISO-8601 instant such as {@code 2026-11-27T08:00:00Z}, from the named query parameter. */
    static Optional<Instant> instant(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) return Optional.empty();
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw ApiRequestException.badParameter(name, "'" + text + "' is not an ISO-8601 instant such as 2026-11-27T08:00:00Z",
                    ctx.path());
        }
    }

    /** Tells the client where the next page starts, when there is one: the same query, another cursor. */
    static void next(Context ctx, Optional<String> next) {
        next.ifPresent(cursor -> {
            StringBuilder link = new StringBuilder(ctx.path()).append('?');
            ctx.queryParamMap().forEach((name, values) -> {
                if (name.equals("cursor")) return;
                values.forEach(value -> link.append(encode(name)).append('=').append(encode(value)).append('&'));
            });
            link.append("cursor=").append(encode(cursor));
            ctx.header("X-Next-Cursor", cursor);
            ctx.header("Link", "<" + link + ">; rel=\"next\"");
        });
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
