package dev.faultline.web.pages;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code /assets/{file}}: the pages' stylesheet and script and htmx, read from the jar once at
 * start. A fixed list: no path from the request ever reaches the class path.
 */
final class Assets {

    static final String HTMX = "htmx-2.0.4.min.js";

    private record Asset(byte[] bytes, String type) {
    }

    private final Map<String, Asset> files = Map.of(
            "app.css", new Asset(read("/assets/app.css"), "text/css; charset=utf-8"),
            "app.js", new Asset(read("/assets/app.js"), "text/javascript; charset=utf-8"),
            HTMX, new Asset(read("/META-INF/resources/webjars/htmx.org/2.0.4/dist/htmx.min.js"), "text/javascript; charset=utf-8"));

    void serve(Context ctx) {
        Asset asset = files.get(ctx.pathParam("file"));
        if (asset == null) {
            ctx.status(404).contentType("text/plain").result("no such asset");
            return;
        }
        // Short: a new version's stylesheet is picked up within minutes.
        ctx.header("Cache-Control", "public, max-age=300").contentType(asset.type()).result(asset.bytes());
    }

    private static byte[] read(String name) {
        try (InputStream in = Assets.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing from the jar");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
