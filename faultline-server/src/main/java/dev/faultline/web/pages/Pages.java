package dev.faultline.web.pages;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.channels.ChannelPayloads;
import dev.faultline.channels.ChannelRegistry;
import dev.faultline.channels.ChannelUsers;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.incidents.AckOutcome;
import dev.faultline.incidents.IncidentService;
import dev.faultline.monitor.LatestResults;
import dev.faultline.monitor.MaintenanceRegistry;
import dev.faultline.monitor.Monitor;
import dev.faultline.monitor.MonitorRegistry;
import dev.faultline.monitor.Revised;
import dev.faultline.store.Store;
import dev.faultline.trend.CdnFinding;
import dev.faultline.trend.TrendThresholds;
import io.javalin.config.RoutesConfig;
import dev.faultline.web.auth.Principal;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The server-rendered dashboard and the public status pages: each page's handler, and the one
 * place their routes are registered (their addresses are in {@link PageRoutes}). Every change
 * is a POST from a form; who may make it is the access filter's to decide, and the pages hide
 * the controls from those who may not ({@link Layout#canEdit()}).
 */
public final class Pages {

    private final Views views = new Views();
    private final Assets assets = new Assets();
    private final MonitorRegistry registry;
    private final Overview overview;
    private final MonitorPage monitorPage;
    private final IncidentPages incidents;
    private final StatusPages statusPages;
    private final ManagePages manage;
    private final ChannelPages channels;
    private final IncidentService incidentService;

    /** What the pages read and change. */
    public record Sources(MonitorRegistry registry, LatestResults latest, MaintenanceRegistry maintenance, Store store,
                          ConfigLoader loader, Supplier<FaultlineConfig> config, ChannelRegistry channels,
                          ChannelPayloads channelPayloads, ObjectMapper mapper,
                          Clock clock, IncidentService incidentService, Supplier<List<CdnFinding>> cdnFindings) {
    }

    public Pages(Sources s) {
        this.registry = s.registry();
        this.overview = new Overview(s.registry(), s.latest(), s.maintenance(), s.store(), s.clock(), s.cdnFindings());
        this.monitorPage = new MonitorPage(s.registry(), s.latest(), s.maintenance(), s.store(), s.clock(), TrendThresholds.DEFAULTS,
                s.cdnFindings());
        this.incidents = new IncidentPages(s.store(), s.clock());
        this.statusPages = new StatusPages(s.config(), s.registry(), s.latest(), s.maintenance(), s.store(), s.clock());
        this.manage = new ManagePages(s.registry(), s.channels(), s.maintenance(), s.loader(), s.config(), s.mapper());
        this.channels = new ChannelPages(s.channels(), new ChannelUsers(s.registry()::all), s.channelPayloads(), s.mapper(), s.clock(),
                views);
        this.incidentService = s.incidentService();
    }

    public void register(RoutesConfig routes) {
        routes.get(PageRoutes.ASSET, assets::serve);
        routes.get(PageRoutes.STATUS_PAGE, this::statusPage);
        routes.get(PageRoutes.OVERVIEW, this::overview);
        routes.get(PageRoutes.OVERVIEW_LIST, this::overviewList);
        routes.get(PageRoutes.MONITOR, this::monitor);
        routes.get(PageRoutes.INCIDENTS, this::incidentList);
        routes.get(PageRoutes.INCIDENT, this::incident);
        routes.post(PageRoutes.ACKNOWLEDGE_INCIDENT, this::acknowledge);
        routes.get(PageRoutes.NEW_MONITOR, ctx -> monitorForm(ctx, MonitorForm.empty(), null, null, 200));
        routes.post(PageRoutes.CREATE_MONITOR, ctx -> saveMonitor(ctx, null));
        routes.get(PageRoutes.EDIT_MONITOR, this::editMonitor);
        routes.post(PageRoutes.EDIT_MONITOR, ctx -> saveMonitor(ctx, monitorOr404(ctx).map(r -> r.monitor().id()).orElse(null)));
        routes.post(PageRoutes.DELETE_MONITOR, this::deleteMonitor);
        routes.post(PageRoutes.PAUSE_MONITOR, ctx -> pause(ctx, true));
        routes.post(PageRoutes.RESUME_MONITOR, ctx -> pause(ctx, false));
        routes.get(PageRoutes.CHANNELS, channels::list);
        routes.post(PageRoutes.CHANNELS, channels::create);
        routes.get(PageRoutes.NEW_CHANNEL, channels::newForm);
        routes.get(PageRoutes.EDIT_CHANNEL, channels::editForm);
        routes.post(PageRoutes.EDIT_CHANNEL, channels::save);
        routes.get(PageRoutes.DELETE_CHANNEL, channels::confirmDelete);
        routes.post(PageRoutes.DELETE_CHANNEL, channels::delete);
        routes.post(PageRoutes.TEST_CHANNEL, channels::test);
        routes.get(PageRoutes.MAINTENANCE, ctx -> maintenancePage(ctx, Map.of(), Map.of(), 200));
        routes.post(PageRoutes.MAINTENANCE, this::addWindow);
        routes.post(PageRoutes.DELETE_MAINTENANCE, this::deleteWindow);
    }

    private void overview(Context ctx) {
        views.render(ctx, "pages/overview.jte", Map.of("layout", Layout.of(ctx, "Overview", "overview"),
                "model", overview.build(Overview.Filter.of(ctx))));
    }

    private void overviewList(Context ctx) {
        Overview.Model model = overview.build(Overview.Filter.of(ctx));
        // A change of filters goes into the address bar (htmx pushes it), so a reload or a shared link keeps them.
        if ("filters".equals(ctx.header("HX-Trigger"))) ctx.header("HX-Push-Url", "/" + model.listQuery());
        views.render(ctx, "pages/overview_list.jte", Map.of("model", model));
    }

    private void monitor(Context ctx) {
        monitorOr404(ctx).ifPresent(m -> monitorPage(ctx, m, "", 200));
    }

    /** The monitor's page, with a notice above it when there is one (e.g. why a delete was not made). */
    private void monitorPage(Context ctx, Revised monitor, String notice, int status) {
        ctx.status(status);
        views.render(ctx, "pages/monitor.jte", Map.of("layout", Layout.of(ctx, monitor.monitor().name(), "overview"),
                "model", monitorPage.build(monitor, Optional.ofNullable(ctx.queryParam("range"))), "notice", notice));
    }

    private void incidentList(Context ctx) {
        views.render(ctx, "pages/incidents.jte", Map.of("layout", Layout.of(ctx, "Incidents", "incidents"), "incidents", incidents.list()));
    }

    private void incident(Context ctx) {
        incidents.detail(ctx.pathParam("id")).ifPresentOrElse(
                d -> views.render(ctx, "pages/incident.jte", Map.of("layout", Layout.of(ctx, "Incident #" + d.incident().id(), "incidents"),
                        "detail", d)),
                () -> notFound(ctx, "No incident with id '" + ctx.pathParam("id") + "'."));
    }

    // The signed-in user takes the incident on; the page then shows who and when (a second click changes nothing).
    private void acknowledge(Context ctx) {
        String text = ctx.pathParam("id");
        long id;
        try {
            id = Long.parseLong(text);
        } catch (NumberFormatException e) {
            notFound(ctx, "No incident with id '" + text + "'.");
            return;
        }
        String by = Principal.of(ctx).map(Principal::name).orElseThrow(); // the access filter lets nobody else post here
        Optional<String> note = Optional.ofNullable(ctx.formParam("note")).map(String::strip).filter(n -> !n.isEmpty());
        if (note.isPresent() && note.get().length() > IncidentService.MAX_ACK_NOTE) {
            note = Optional.of(note.get().substring(0, IncidentService.MAX_ACK_NOTE));
        }
        switch (incidentService.acknowledge(id, by, note)) {
            case AckOutcome.NotFound notFound -> notFound(ctx, "No incident with id '" + text + "'.");
            case AckOutcome.Acknowledged acknowledged -> ctx.redirect("/incidents/" + id, HttpStatus.SEE_OTHER);
            case AckOutcome.AlreadyResolved resolved -> ctx.redirect("/incidents/" + id, HttpStatus.SEE_OTHER);
        }
    }

    private void statusPage(Context ctx) {
        statusPages.build(ctx.pathParam("slug")).ifPresentOrElse(
                m -> views.render(ctx, "pages/status.jte", Map.of("layout", Layout.publicPage(m.title()), "model", m)),
                () -> {
                    ctx.status(404);
                    views.render(ctx, "pages/not_found.jte", Map.of("layout", Layout.publicPage("Not found"),
                            "message", "There is no status page here."));
                });
    }

    private void editMonitor(Context ctx) {
        monitorOr404(ctx).ifPresent(m -> monitorForm(ctx, MonitorForm.of(m), m.monitor(), null, 200));
    }

    /** @param current the monitor as saved now, when the form is shown again because it changed since it was opened */
    private void monitorForm(Context ctx, MonitorForm form, Monitor existing, MonitorForm current, int status) {
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.of(ctx, existing == null ? "Add monitor" : "Edit " + existing.name(), "overview"));
        params.put("form", form);
        params.put("id", existing == null ? "" : existing.id());
        params.put("readOnly", existing != null && existing.source() == Monitor.Source.CONFIG);
        params.put("changes", current == null ? List.of() : form.differencesFrom(current));
        params.put("changed", current != null);
        ctx.status(status);
        views.render(ctx, "pages/monitor_form.jte", params);
    }

    private void saveMonitor(Context ctx, String existingId) {
        if (ctx.statusCode() == 404) return;
        switch (manage.save(MonitorForm.of(ctx), existingId)) {
            case ManagePages.Saved.Done done -> ctx.redirect("/monitors/" + done.monitor().id(), io.javalin.http.HttpStatus.SEE_OTHER);
            case ManagePages.Saved.Invalid invalid ->
                    monitorForm(ctx, invalid.form(), existingId == null ? null : registry.find(existingId).orElse(null), null, 422);
            case ManagePages.Saved.Changed changed -> monitorForm(ctx, changed.form(), changed.current().monitor(),
                    MonitorForm.of(changed.current()), 409);
        }
    }

    /** Deletes the monitor if it is still at the revision its page showed; else shows the page again as it is now. */
    private void deleteMonitor(Context ctx) {
        Optional<Monitor> monitor = monitorOr404(ctx).map(Revised::monitor);
        if (monitor.isEmpty()) return;
        if (monitor.get().source() == Monitor.Source.CONFIG) {
            monitorForm(ctx, MonitorForm.of(monitor.get()), monitor.get(), null, 409);
            return;
        }
        String id = monitor.get().id();
        try {
            registry.delete(id, MonitorForm.expected(Optional.ofNullable(ctx.formParam("revision")).orElse("")));
        } catch (MonitorRegistry.Refused refused) {
            Optional<Revised> now = registry.findRevised(id);
            if (refused.reason() != MonitorRegistry.Refused.Reason.STALE || now.isEmpty()) throw refused;
            monitorPage(ctx, now.get(), "This monitor was changed since you opened this page, so it was not deleted. The page now "
                    + "shows it as saved now (its spec is at the bottom): delete it again if it should still go.", 409);
            return;
        }
        ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void pause(Context ctx, boolean pause) {
        Optional<Monitor> monitor = monitorOr404(ctx).map(Revised::monitor);
        if (monitor.isEmpty()) return;
        if (pause) registry.pause(monitor.get().id()); else registry.resume(monitor.get().id());
        ctx.redirect("/monitors/" + monitor.get().id(), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void maintenancePage(Context ctx, Map<String, String> values, Map<String, String> errors, int status) {
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.of(ctx, "Maintenance", "maintenance"));
        params.put("windows", manage.windows());
        params.put("values", values);
        params.put("errors", errors);
        ctx.status(status);
        views.render(ctx, "pages/maintenance.jte", params);
    }

    private void addWindow(Context ctx) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : new String[] {"name", "monitors", "tags", "start", "end"}) {
            values.put(key, Optional.ofNullable(ctx.formParam(key)).orElse(""));
        }
        Map<String, String> errors = manage.addWindow(values);
        if (errors.isEmpty()) {
            ctx.redirect(PageRoutes.MAINTENANCE, io.javalin.http.HttpStatus.SEE_OTHER);
        } else {
            maintenancePage(ctx, values, errors, 422);
        }
    }

    private void deleteWindow(Context ctx) {
        try {
            manage.deleteWindow(ctx.pathParam("name"));
        } catch (MonitorRegistry.Refused refused) { // deleted meanwhile, in another tab or through the API
            maintenancePage(ctx, Map.of(), Map.of("delete", refused.getMessage()),
                    refused.reason() == MonitorRegistry.Refused.Reason.NOT_FOUND ? 404 : 409);
            return;
        }
        ctx.redirect(PageRoutes.MAINTENANCE, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private Optional<Revised> monitorOr404(Context ctx) {
        Optional<Revised> monitor = registry.findRevised(ctx.pathParam("id"));
        if (monitor.isEmpty()) notFound(ctx, "No monitor with id '" + ctx.pathParam("id") + "'.");
        return monitor;
    }

    private void notFound(Context ctx, String message) {
        views.notFound(ctx, message);
    }
}
