package dev.faultline.web.pages;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/** Renders the precompiled jte templates (HTML content type: every value is escaped unless a template says otherwise). */
final class Views {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    void render(Context ctx, String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        engine.render(template, params, out);
        ctx.contentType("text/html; charset=utf-8").result(out.toString());
    }

    /** The not-found page, with a 404. */
    void notFound(Context ctx, String message) {
        ctx.status(404);
        render(ctx, "pages/not_found.jte", Map.of("layout", Layout.of(ctx, "Not found", ""), "message", message));
    }

    String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        engine.render(template, params, out);
        return out.toString();
    }
}
