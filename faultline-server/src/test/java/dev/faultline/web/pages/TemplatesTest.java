package dev.faultline.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.maintenance.MaintenanceWindow;
import dev.faultline.maintenance.WindowTimes;
import dev.faultline.monitor.MaintenanceRegistry;
import dev.faultline.monitor.Monitor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The templates themselves: every value escaped, the anti-forgery token in every form and in
 * htmx's headers, and no edit control for a role that may not edit.
 */
class TemplatesTest {

    static final Views VIEWS = new Views();
    static final String TOKEN = "t0k\"<en>";

    static Layout layout(boolean canEdit) {
        return new Layout("Overview", "overview", TOKEN, "ann", canEdit, false);
    }

    static Overview.Model model(String name) {
        Overview.Row row = new Overview.Row("x", name, State.DOWN, "server", "bad_gateway", "Down: <b>502</b>", "Restart <it>",
                "down 3 min", "since then", "1 s ago", "5 ms", "99.00 %", "99.00 %", "99.00 %", "", List.of("<tag>"), 7);
        return new Overview.Model(List.of(row), 1, 1, Map.of(State.DOWN, 1), Map.of(), List.of("<tag>"),
                new Overview.Filter("", "", "", 1), 1, 1, "?page=1", "", "", "now", List.of());
    }

    @Test
    void everyValueIsEscaped() {
        String html = VIEWS.render("pages/overview.jte", Map.of("layout", layout(true), "model", model("<script>alert(1)</script>")));

        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "Down: &lt;b&gt;502&lt;/b&gt;", "Restart &lt;it&gt;",
                "&lt;tag&gt;");
        assertThat(html).doesNotContain("<script>alert(1)", "<b>502", "<tag>");
    }

    @Test
    void theTokenIsInHtmxHeadersAndEveryForm() {
        String overview = VIEWS.render("pages/overview.jte", Map.of("layout", layout(true), "model", model("api")));
        String form = VIEWS.render("pages/monitor_form.jte", Map.of("layout", layout(true), "form", MonitorForm.empty(), "id", "",
                "readOnly", false));

        assertThat(overview).contains("hx-headers=\"{&#34;X-CSRF-Token&#34;: &#34;t0k\\&#34;&lt;en>&#34;}\"");
        assertThat(form).contains("<input type=\"hidden\" name=\"_csrf\" value=\"t0k&#34;&lt;en>\">");
    }

    @Test
    void aViewerSeesNoEditControls() {
        String overview = VIEWS.render("pages/overview.jte", Map.of("layout", layout(false), "model", model("api")));
        String form = VIEWS.render("pages/monitor_form.jte", Map.of("layout", layout(false), "form", MonitorForm.empty(), "id", "",
                "readOnly", false));

        assertThat(overview).doesNotContain("Add monitor");
        // The only form a viewer gets is the frame's sign-out.
        assertThat(form).doesNotContain("<form class=\"edit\"").doesNotContain("action=\"/manage").contains("may look but not change");
        assertThat(VIEWS.render("pages/overview.jte", Map.of("layout", layout(true), "model", model("api")))).contains("Add monitor");
    }

    @Test
    void aChannelsNameIsEscapedInTextAndEncodedAsOnePathSegmentInItsLinks() {
        String html = VIEWS.render("pages/channels.jte", Map.of("layout", layout(true), "rows",
                List.of(new ChannelRow("<b>ops</b> #1/x", "Webhook", "critical", false)), "notice", Map.of()));

        assertThat(html).contains("<th scope=\"row\">&lt;b&gt;ops&lt;/b&gt; #1/x</th>",
                "action=\"/manage/channels/%3Cb%3Eops%3C%2Fb%3E%20%231%2Fx/test\"").doesNotContain("<b>ops");
    }

    @Test
    void aWindowsNameIsEscapedInTextAndEncodedAsOnePathSegmentInItsDeleteForm() {
        MaintenanceWindow window = new MaintenanceWindow("<b>db</b>/cache? #2 ü 100%", Set.of("api"), Set.of(),
                new WindowTimes.Once(Instant.parse("2030-01-01T02:00:00Z"), Instant.parse("2030-01-01T03:00:00Z")));
        String html = VIEWS.render("pages/maintenance.jte", Map.of("layout", layout(true),
                "windows", List.of(new MaintenanceRegistry.Entry(window, Monitor.Source.API)), "values", Map.of(), "errors", Map.of()));

        assertThat(html).contains("<th scope=\"row\">&lt;b&gt;db&lt;/b&gt;/cache? #2 ü 100%</th>",
                "action=\"/manage/maintenance/%3Cb%3Edb%3C%2Fb%3E%2Fcache%3F%20%232%20%C3%BC%20100%25/delete\"").doesNotContain("<b>db");
    }

    @Test
    void aViewerSeesTheChannelsButNoControlToChangeThem() {
        Map<String, Object> list = Map.of("layout", layout(false), "rows", List.of(new ChannelRow("ops", "Webhook", "critical", false)),
                "notice", Map.of());
        Map<String, Object> form = Map.of("layout", layout(false), "form", ChannelForm.blank(dev.faultline.config.ChannelType.WEBHOOK),
                "action", "/manage/channels", "editing", false, "readOnly", false);

        assertThat(VIEWS.render("pages/channels.jte", list)).contains("ops").doesNotContain("Add channel", "Send test", "/edit", "/delete");
        assertThat(VIEWS.render("pages/channel_form.jte", form)).doesNotContain("<form class=\"edit\"").contains("may look but not change");
        assertThat(VIEWS.render("pages/channel_delete.jte", Map.of("layout", layout(false), "name", "ops", "path", "/manage/channels/ops",
                "readOnly", false, "error", "", "usedBy", List.of()))).doesNotContain("action=\"/manage").contains("may look but not change");
    }
}
