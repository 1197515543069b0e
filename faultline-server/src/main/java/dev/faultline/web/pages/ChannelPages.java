package dev.faultline.web.pages;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.alert.Delivery;
import dev.faultline.alert.Notification;
import dev.faultline.channels.ChannelPayloads;
import dev.faultline.channels.ChannelRegistry;
import dev.faultline.channels.ChannelUsers;
import dev.faultline.config.ChannelConfig;
import dev.faultline.config.ChannelResult;
import dev.faultline.config.ChannelType;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The channels pages: the list with a test button for each, and for admins the add, edit and
 * delete forms. A form goes through the same reader ({@link ChannelPayloads}) and the same registry
 * as the API, so a channel saved here is checked alike, stored sealed and applied at once; the
 * config file's channels are shown but not changed. A channel that monitors still name is not
 * deleted: the confirmation lists them instead of offering the button.
 */
final class ChannelPages {

    private final ChannelRegistry registry;
    private final ChannelUsers users;
    private final ChannelPayloads payloads;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Views views;

    ChannelPages(ChannelRegistry registry, ChannelUsers users, ChannelPayloads payloads, ObjectMapper mapper, Clock clock,
                 Views views) {
        this.registry = registry;
        this.users = users;
        this.payloads = payloads;
        this.mapper = mapper;
        this.clock = clock;
        this.views = views;
    }

    /** A channel name as one path segment: names are free text. */
    static String path(String name) {
        return PageRoutes.CHANNELS + "/" + PageRoutes.segment(name);
    }

    void list(Context ctx) {
        Map<String, Object> notice = new LinkedHashMap<>();
        // After a redirect: say what was done, when it is still true.
        Optional.ofNullable(ctx.queryParam("saved")).filter(n -> registry.find(n).isPresent())
                .ifPresent(n -> notice.putAll(Map.of("good", true, "text", "Saved the channel '" + n + "': it is in use now.")));
        Optional.ofNullable(ctx.queryParam("deleted")).filter(n -> registry.find(n).isEmpty())
                .ifPresent(n -> notice.putAll(Map.of("good", true, "text", "Deleted the channel '" + n + "'.")));
        listPage(ctx, notice);
    }

    /** Sends a test message through the channel now, straight to the provider, and shows what it said. */
    void test(Context ctx) {
        String name = ctx.pathParam("name");
        Optional<Delivery> delivery = registry.find(name).map(entry -> entry.channel()
                .send(Notification.test(name, URI.create(ctx.scheme() + "://" + ctx.host() + "/"), clock.instant())));
        if (delivery.isEmpty()) {
            views.notFound(ctx, "No channel named '" + name + "'.");
            return;
        }
        String answer = delivery.get().answer() + (delivery.get().status() > 0 ? " (HTTP " + delivery.get().status() + ")" : "");
        listPage(ctx, Map.of("good", delivery.get().delivered(), "text", "Test to '" + name + "': "
                + (delivery.get().delivered() ? "delivered" : "not delivered") + " — " + answer));
    }

    /** Without a type (or with a wrong one), the choice of type; with one, the form for it. */
    void newForm(Context ctx) {
        String type = ctx.queryParam("type");
        if (type == null || type.isBlank()) {
            typeChoice(ctx, "", 200);
            return;
        }
        try {
            form(ctx, ChannelForm.blank(ChannelType.parse(type)), Optional.empty(), 200);
        } catch (IllegalArgumentException unknown) {
            typeChoice(ctx, unknown.getMessage(), 422);
        }
    }

    void create(Context ctx) {
        ChannelType type;
        try {
            type = ChannelType.parse(Optional.ofNullable(ctx.formParam("type")).orElse(""));
        } catch (IllegalArgumentException unknown) {
            typeChoice(ctx, unknown.getMessage(), 422);
            return;
        }
        ChannelForm form = ChannelForm.of(ctx, type, Optional.ofNullable(ctx.formParam("name")).orElse(""));
        switch (payloads.read(form.payload(mapper), "form")) {
            case ChannelResult.Rejected rejected -> form(ctx, form.rejected(rejected.errors(), Optional.empty()), Optional.empty(), 422);
            case ChannelResult.Loaded loaded -> {
                try {
                    registry.create(loaded.channel());
                    ctx.redirect(PageRoutes.CHANNELS + "?saved=" + encode(loaded.channel().name()), HttpStatus.SEE_OTHER);
                } catch (ChannelRegistry.Refused refused) {
                    form(ctx, form.rejected(Map.of("name", refused.getMessage()), Optional.empty()), Optional.empty(), 409);
                }
            }
        }
    }

    void editForm(Context ctx) {
        entryOr404(ctx).ifPresent(entry -> form(ctx, ChannelForm.of(entry.config()), Optional.of(entry), 200));
    }

    void save(Context ctx) {
        Optional<ChannelRegistry.Entry> found = entryOr404(ctx);
        if (found.isEmpty()) return;
        ChannelRegistry.Entry entry = found.get();
        ChannelConfig stored = entry.config();
        if (entry.source() == ChannelRegistry.Source.CONFIG) {
            form(ctx, ChannelForm.of(stored), found, 409);
            return;
        }
        // A channel keeps its name and type: the form does not offer to change them.
        ChannelForm form = ChannelForm.of(ctx, stored.type(), stored.name());
        switch (payloads.readReplacement(form.payload(mapper), stored, "form")) {
            case ChannelResult.Rejected rejected -> form(ctx, form.rejected(rejected.errors(), Optional.of(stored)), found, 422);
            case ChannelResult.Loaded loaded -> {
                try {
                    registry.replace(loaded.channel());
                    ctx.redirect(PageRoutes.CHANNELS + "?saved=" + encode(stored.name()), HttpStatus.SEE_OTHER);
                } catch (ChannelRegistry.Refused refused) { // deleted meanwhile, from the API or another tab
                    form(ctx, form.rejected(Map.of("form", refused.getMessage()), Optional.of(stored)), found, 409);
                }
            }
        }
    }

    /** The confirmation step: nothing is deleted by following a link. */
    void confirmDelete(Context ctx) {
        entryOr404(ctx).ifPresent(entry -> deletePage(ctx, entry, "", 200));
    }

    void delete(Context ctx) {
        Optional<ChannelRegistry.Entry> entry = entryOr404(ctx);
        if (entry.isEmpty()) return;
        try {
            registry.delete(entry.get().config().name(), users);
            ctx.redirect(PageRoutes.CHANNELS + "?deleted=" + encode(entry.get().config().name()), HttpStatus.SEE_OTHER);
        } catch (ChannelRegistry.Refused refused) {
            // In use: the page lists the monitors that name it, which says more than the message.
            String error = refused.reason() == ChannelRegistry.Refused.Reason.IN_USE ? "" : refused.getMessage();
            deletePage(ctx, entry.get(), error, refused.reason() == ChannelRegistry.Refused.Reason.NOT_FOUND ? 404 : 409);
        }
    }

    private void listPage(Context ctx, Map<String, Object> notice) {
        List<ChannelRow> rows = registry.all().stream().map(e -> new ChannelRow(e.config().name(), ChannelFields.label(e.config().type()),
                String.join(", ", ChannelForm.ids(e.config().severities())),
                e.source() == ChannelRegistry.Source.CONFIG)).toList();
        views.render(ctx, "pages/channels.jte", Map.of("layout", Layout.of(ctx, "Channels", "channels"), "rows", rows,
                "notice", notice));
    }

    private void typeChoice(Context ctx, String error, int status) {
        Map<String, String> types = new LinkedHashMap<>();
        Arrays.stream(ChannelType.values()).forEach(t -> types.put(t.id(), ChannelFields.label(t)));
        ctx.status(status);
        views.render(ctx, "pages/channel_type.jte", Map.of("layout", Layout.of(ctx, "Add channel", "channels"), "types", types,
                "error", error));
    }

    private void form(Context ctx, ChannelForm form, Optional<ChannelRegistry.Entry> existing, int status) {
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.of(ctx, existing.isEmpty() ? "Add channel" : "Edit " + form.name(), "channels"));
        params.put("form", form);
        params.put("action", existing.map(e -> path(e.config().name()) + "/edit").orElse(PageRoutes.CHANNELS));
        params.put("editing", existing.isPresent());
        params.put("readOnly", existing.map(e -> e.source() == ChannelRegistry.Source.CONFIG).orElse(false));
        ctx.status(status);
        views.render(ctx, "pages/channel_form.jte", params);
    }

    private void deletePage(Context ctx, ChannelRegistry.Entry entry, String error, int status) {
        ctx.status(status);
        views.render(ctx, "pages/channel_delete.jte", Map.of("layout", Layout.of(ctx, "Delete " + entry.config().name(), "channels"),
                "name", entry.config().name(), "path", path(entry.config().name()),
                "readOnly", entry.source() == ChannelRegistry.Source.CONFIG, "error", error, "usedBy", users.of(entry.config().name())));
    }

    private Optional<ChannelRegistry.Entry> entryOr404(Context ctx) {
        String name = ctx.pathParam("name");
        Optional<ChannelRegistry.Entry> entry = registry.find(name);
        if (entry.isEmpty()) views.notFound(ctx, "No channel named '" + name + "'.");
        return entry;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
