package dev.faultline.web.auth;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/** Renders the precompiled jte templates (HTML-escaped by default) of the sign-in and settings pages. */
final class Templates {

    // No script, no outside resource, no framing: these pages hold passwords and tokens.
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    void render(Context ctx, int status, String template, Object view) {
        StringOutput out = new StringOutput();
        engine.render(template, view, out);
        ctx.status(status)
                .header("Content-Security-Policy", POLICY)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .contentType("text/html; charset=utf-8")
                .result(out.toString());
    }
}
