package dev.faultline.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.channels.ChannelRegistry;
import dev.faultline.metrics.MetricsEndpoint;
import dev.faultline.monitor.MonitorRegistry;
import dev.faultline.web.auth.Auth;
import dev.faultline.web.pages.Pages;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the server: {@code /healthz}, {@code /metrics} and the JSON API under
 * {@code /api/v1}, the dashboard pages and public status pages ({@link Pages}), on Jetty with
 * virtual threads. Every API error leaves as problem details. Every route passes the access
 * filter of {@link Auth} first, by the rules of its path.
 */
public final class WebServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private final Javalin app;

    private WebServer(Javalin app) {
        this.app = app;
    }

    /** The parts the routes serve. */
    public record Parts(MonitorApi monitors, ResultApi results, TrendApi trends, FindingApi findings, AlertApi alerts,
                        ChannelApi channels, IncidentApi incidents, MaintenanceApi maintenance, MetricsEndpoint metrics,
                        HealthCheck health, AnomalyApi anomalies, Auth auth, AgentApi agents, Pages pages) {
    }

    /** What {@code /healthz} reports; not ok answers 503 so that a load balancer takes the node out. */
    public interface HealthCheck {
        Map<String, Object> status();

        boolean ok();
    }

    public static WebServer start(String host, int port, Parts parts, ObjectMapper mapper) {
        String openApi = resource("/openapi.json");
        Javalin app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.jsonMapper(new JavalinJackson(mapper, true));
            config.http.defaultContentType = "application/json";
            config.startup.showJavalinBanner = false;
            parts.auth().install(config.routes); // first: the access filter runs before every route
            // Jetty reuses a connection's earlier header values when a new one differs only in case: a
            // bearer token that differs only in case would then be read as the earlier one.
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
            parts.pages().register(config.routes);
            config.routes.get("/healthz", ctx -> {
                ctx.status(parts.health().ok() ? 200 : 503).json(parts.health().status());
            });
            config.routes.get("/metrics", ctx -> ctx.contentType(MetricsEndpoint.CONTENT_TYPE).result(parts.metrics().scrape()));
            config.routes.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
            config.routes.get("/api/v1/monitors", parts.monitors()::list);
            config.routes.post("/api/v1/monitors", parts.monitors()::create);
            config.routes.get("/api/v1/monitors/{id}", parts.monitors()::get);
            config.routes.put("/api/v1/monitors/{id}", parts.monitors()::update);
            config.routes.delete("/api/v1/monitors/{id}", parts.monitors()::delete);
            config.routes.post("/api/v1/monitors/{id}/pause", parts.monitors()::pause);
            config.routes.post("/api/v1/monitors/{id}/resume", parts.monitors()::resume);
            config.routes.get("/api/v1/monitors/{id}/results", parts.results()::results);
            config.routes.get("/api/v1/monitors/{id}/uptime", parts.results()::uptime);
            config.routes.get("/api/v1/monitors/{id}/trends", parts.trends()::trends);
            config.routes.get("/api/v1/findings", parts.findings()::findings);
            config.routes.get("/api/v1/anomalies", parts.anomalies()::list);
            config.routes.get("/api/v1/alerts", parts.alerts()::list);
            config.routes.get("/api/v1/channels", parts.channels()::list);
            config.routes.post("/api/v1/channels", parts.channels()::create);
            config.routes.get("/api/v1/channels/{name}", parts.channels()::get);
            config.routes.put("/api/v1/channels/{name}", parts.channels()::update);
            config.routes.delete("/api/v1/channels/{name}", parts.channels()::delete);
            config.routes.post("/api/v1/channels/{name}/test", parts.channels()::test);
            config.routes.get("/api/v1/monitors/{id}/blips", parts.incidents()::blips);
            config.routes.get("/api/v1/incidents", parts.incidents()::list);
            config.routes.get("/api/v1/incidents/{id}", parts.incidents()::get);
            config.routes.post("/api/v1/incidents/{id}/ack", parts.incidents()::acknowledge);
            config.routes.get("/api/v1/maintenance", parts.maintenance()::list);
            config.routes.post("/api/v1/maintenance", parts.maintenance()::create);
            config.routes.delete("/api/v1/maintenance/{name}", parts.maintenance()::delete);
            config.routes.get("/api/v1/agents", parts.agents()::list);
            // Agents prove themselves with their region's token, checked by AgentApi itself.
            config.routes.get("/api/v1/agent/{region}/assignments", parts.agents()::assignments);
            config.routes.post("/api/v1/agent/{region}/results", parts.agents()::results);

            config.routes.exception(ApiRequestException.class, (e, ctx) -> problem(ctx, e.problem()));
            config.routes.exception(MonitorRegistry.Refused.class, (e, ctx) -> problem(ctx, switch (e.reason()) {
                case NOT_FOUND -> Problem.of(404, "Not found", e.getMessage(), ctx.path());
                case READ_ONLY -> Problem.of(409, "Defined in the config file", e.getMessage(), ctx.path());
                case DUPLICATE -> Problem.of(409, "Conflict", e.getMessage(), ctx.path());
                case STALE -> {
                    // The revision it is at now, so that the client can read it again and compare.
                    e.current().ifPresent(current -> ctx.header(EntityTags.ETAG, EntityTags.of(current)));
                    yield new Problem("urn:faultline:problem:monitor-changed", "Monitor changed since it was read", 412,
                            e.getMessage(), ctx.path(), java.util.List.of());
                }
            }));
            config.routes.exception(ChannelRegistry.Refused.class, (e, ctx) -> problem(ctx, switch (e.reason()) {
                case NOT_FOUND -> Problem.of(404, "Not found", e.getMessage(), ctx.path());
                case READ_ONLY -> Problem.of(409, "Defined in the config file", e.getMessage(), ctx.path());
                case DUPLICATE -> Problem.of(409, "Conflict", e.getMessage(), ctx.path());
                case IN_USE -> new Problem("urn:faultline:problem:channel-in-use", "Channel in use", 409, e.getMessage(), ctx.path(),
                        java.util.List.of());
            }));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                problem(ctx, Problem.of(500, "Internal error", "the server failed to handle this request; its log says why",
                        ctx.path()));
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    problem(ctx, Problem.of(404, "Not found", "no such endpoint: " + ctx.method() + " " + ctx.path(), ctx.path()));
                }
            });
            config.routes.error(405, ctx -> problem(ctx, Problem.of(405, "Method not allowed",
                    ctx.method() + " is not allowed on " + ctx.path(), ctx.path())));
        });
        app.start(host, port);
        log.info("listening on http://{}:{}", host, app.port());
        return new WebServer(app);
    }

    public int port() {
        return app.port();
    }

    /** Every HTTP route registered, as method and path pattern: what the access rules must cover. */
    public java.util.List<Route> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(e -> e.endpoint.method.isHttpMethod()) // not the before/after filters
                .map(e -> new Route(e.endpoint.method.name(), e.endpoint.path)).toList();
    }

    /** A registered route: its method and its path pattern ({@code /api/v1/monitors/{id}}). */
    public record Route(String method, String path) {
    }

    private static void problem(Context ctx, Problem problem) {
        ctx.status(HttpStatus.forStatus(problem.status())).json(problem).contentType(Problem.CONTENT_TYPE);
    }

    private static String resource(String name) {
        try (InputStream in = WebServer.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing from the jar");
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
