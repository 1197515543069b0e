package dev.faultline.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.server.FaultlineServer;
import dev.faultline.testing.Browser;
import dev.faultline.testing.HostileServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * The dashboard and a status page in headless Chromium, against a server watching real local
 * targets: one answering 503, one healthy, and a monitor whose name is a script tag. The
 * overview swaps its list every 10 s, so an element can go stale between finding and reading it:
 * every wait finds its elements again and lets WebDriver's exceptions pass until its deadline.
 */
class DashboardBrowserTest {

    static final String XSS = "<script>alert(1)</script>";

    @TempDir
    static Path dataDir;

    static HostileServer failing;
    static HostileServer healthy;
    static HostileServer turning;
    static FaultlineServer server;
    static Browser browser;
    static String base;

    @BeforeAll
    static void start() {
        failing = HostileServer.status(503, Map.of(), "overloaded");
        healthy = HostileServer.status(200, Map.of(), "ok");
        turning = HostileServer.status(200, Map.of(), "ok");
        String yaml = """
                server: { port: 0, data_dir: "%s" }
                defaults: { interval: 1s, timeout: 1s }
                channels:
                  - { name: ops-hook, type: webhook, url: "%s", severities: [critical] }
                monitors:
                  - { name: Checkout API, url: "%s", tags: [shop] }
                  - { name: Home page, url: "%s", tags: [shop] }
                  - { name: "%s", url: "%s", tags: [odd] }
                  - { name: Turning, url: "%s", tags: [later] }
                status_pages:
                  - slug: public
                    title: Example Shop status
                    groups:
                      - { name: Shop, monitors: [Checkout API, Home page] }
                  - slug: internal
                    title: Internal status
                    show_details: true
                    groups:
                      - { name: Shop, monitors: [Checkout API] }
                """.formatted(dataDir, healthy.url("/hook"), failing.url("/checkout"), healthy.url("/"), XSS, healthy.url("/x"), turning.url("/"));
        FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "test.yaml")).config();
        server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC());
        browser = Browser.start();
        base = Dashboard.signedIn(browser, server);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
        failing.close();
        healthy.close();
        turning.close();
    }

    private static String pageText() {
        return browser.driver().findElement(By.tagName("body")).getText();
    }

    @Test
    void overviewShowsTheDownMonitorWithItsFaultCauseAndNextStep() {
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            browser.open(base + "/");
            WebElement row = browser.driver().findElement(By.cssSelector("tr[data-monitor='checkout-api']"));
            assertThat(row.getText()).contains("Down", "SERVER FAULT", "service_unavailable", "HTTP 503",
                    "Next step:", "Check the service's load and capacity");
            assertThat(row.getText()).contains("Incident #");
        });
        // Problems first: the down monitor is the first row.
        assertThat(browser.driver().findElements(By.cssSelector("tbody tr")).getFirst().getAttribute("data-monitor"))
                .isEqualTo("checkout-api");
        assertThat(browser.driver().findElement(By.cssSelector(".summary")).getText()).contains("1 down", "1 SERVER FAULT");

        browser.prefersColorScheme("light");
        browser.screenshot("overview-light");
        browser.prefersColorScheme("dark");
        browser.screenshot("overview-dark");
        browser.prefersColorScheme("light");
        browser.resize(390, 844);
        browser.screenshot("overview-phone");
        browser.resize(1280, 900);

        browser.driver().findElement(By.cssSelector("tr[data-monitor='checkout-api'] .incident-link")).click();
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains("Open", "Incident #", "Checkout API"));
        assertThat(pageText()).contains("Diagnosis", "service_unavailable", "Next step:", "Timeline", "opened");
        browser.screenshot("incident-light");

        // The signed-in admin takes it on: the page then says who, and the timeline has it.
        browser.driver().findElement(By.id("ack-note")).sendKeys("looking at the checkout pods");
        browser.driver().findElement(By.id("acknowledge-button")).click();
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.driver().findElement(By.id("acknowledged")).getText())
                        .contains("Acknowledged by " + Dashboard.ADMIN, "looking at the checkout pods"));
        assertThat(browser.driver().findElements(By.id("acknowledge-button"))).isEmpty();
        assertThat(pageText()).contains("acknowledged");
    }

    @Test
    void filtersNarrowTheListWithoutAReload() {
        browser.open(base + "/");
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.name("tag"))).selectByValue("odd");
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(browser.driver().findElements(By.cssSelector("tbody tr"))).hasSize(1));
        assertThat(pageText()).contains(XSS).doesNotContain("Checkout API");
        // The filter is in the address: a reload keeps it.
        assertThat(browser.driver().getCurrentUrl()).endsWith("/?tag=odd&page=1");
        browser.driver().navigate().refresh();
        assertThat(browser.driver().findElements(By.cssSelector("tbody tr"))).hasSize(1);
    }

    @Test
    void addingAMonitorThroughTheFormWorksAndABadUrlIsRejectedBesideTheField() {
        browser.open(base + "/manage/monitors/new");
        browser.driver().findElement(By.id("f-name")).sendKeys("Bad target");
        browser.driver().findElement(By.id("f-url")).sendKeys("ftp://example.test/");
        browser.driver().findElement(By.cssSelector("form.edit button[type=submit]")).click();

        WebElement error = await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .until(() -> browser.driver().findElement(By.id("e-url")), e -> e != null);
        assertThat(error.getText()).contains("scheme must be http or https");
        assertThat(browser.driver().findElement(By.id("f-url")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.driver().findElement(By.id("f-name")).getAttribute("value")).isEqualTo("Bad target");
        assertThat(server.monitors().find("bad-target")).isEmpty();

        browser.driver().findElement(By.id("f-url")).clear();
        browser.driver().findElement(By.id("f-url")).sendKeys(healthy.url("/search").toString());
        browser.driver().findElement(By.id("f-tags")).sendKeys("shop, search");
        browser.driver().findElement(By.cssSelector("form.edit button[type=submit]")).click();

        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(browser.driver().getCurrentUrl()).as(() -> pageText()).endsWith("/monitors/bad-target"));
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains("Bad target");
        assertThat(server.monitors().find("bad-target")).get().satisfies(m -> assertThat(m.tags()).containsExactly("shop", "search"));

        browser.driver().findElement(By.linkText("Edit")).click();
        WebElement interval = await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .until(() -> browser.driver().findElement(By.id("f-interval")), e -> e != null);
        interval.clear();
        interval.sendKeys("5s");
        browser.driver().findElement(By.cssSelector("form.edit button[type=submit]")).click();
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(server.monitors().find("bad-target").orElseThrow().spec().interval()).isEqualTo(Duration.ofSeconds(5)));
        assertThat(server.monitors().find("bad-target").orElseThrow().tags()).containsExactly("shop", "search");
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(5)).until(() -> browser.driver().getCurrentUrl().endsWith("/monitors/bad-target"));

        browser.driver().findElement(By.xpath("//button[normalize-space()='Pause']")).click();
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains("Paused"));
        assertThat(server.monitors().isPaused("bad-target")).isTrue();
        browser.driver().findElement(By.xpath("//button[normalize-space()='Resume']")).click();
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(5)).until(() -> !server.monitors().isPaused("bad-target"));
    }

    @Test
    void aChannelTestIsSentFromItsButtonAndABadWindowIsRejectedBesideTheField() {
        browser.open(base + "/manage/channels");
        int before = healthy.hits();
        browser.driver().findElement(By.xpath("//tr[th='ops-hook']//button")).click();
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.driver().findElement(By.cssSelector(".notice")).getText()).contains("ops-hook", "delivered"));
        assertThat(healthy.hits()).isGreaterThan(before);

        browser.open(base + "/manage/maintenance");
        browser.driver().findElement(By.id("m-name")).sendKeys("upgrade");
        browser.driver().findElement(By.id("m-monitors")).sendKeys("Home page");
        browser.driver().findElement(By.id("m-start")).sendKeys("2030-01-01T03:00:00Z");
        browser.driver().findElement(By.id("m-end")).sendKeys("2030-01-01T02:00:00Z");
        browser.driver().findElement(By.cssSelector("form.edit button[type=submit]")).click();
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.driver().findElement(By.id("me-end")).getText()).contains("is not after start"));
        assertThat(pageText()).contains("No maintenance windows.");

        browser.driver().findElement(By.id("m-end")).clear();
        browser.driver().findElement(By.id("m-end")).sendKeys("2030-01-01T04:00:00Z");
        browser.driver().findElement(By.cssSelector("form.edit button[type=submit]")).click();
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.driver().findElement(By.cssSelector("table")).getText()).contains("upgrade", "home-page"));
        browser.driver().findElement(By.xpath("//tr[th='upgrade']//button")).click();
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() ->
                assertThat(pageText()).contains("No maintenance windows."));
    }

    @Test
    void aWindowWhoseNameIsNoPathSegmentIsDeletedFromItsButton() {
        // A slash, a query, a fragment, a per cent sign, spaces and letters outside ASCII: each breaks a raw path.
        String name = "db/cache upgrade? #2 – Größe 100%";
        browser.open(base + "/manage/maintenance");
        browser.driver().findElement(By.id("m-name")).sendKeys(name);
        browser.driver().findElement(By.id("m-monitors")).sendKeys("Home page");
        browser.driver().findElement(By.id("m-start")).sendKeys("2030-02-01T02:00:00Z");
        browser.driver().findElement(By.id("m-end")).sendKeys("2030-02-01T03:00:00Z");
        browser.driver().findElement(By.cssSelector("form.edit button[type=submit]")).click();
        By row = By.xpath("//tr[th=\"" + name + "\"]");
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(browser.driver().findElement(row).getText()).contains(name, "home-page"));
        assertThat(browser.driver().findElement(row).findElement(By.tagName("form")).getAttribute("action"))
                .isEqualTo(base + "/manage/maintenance/db%2Fcache%20upgrade%3F%20%232%20%E2%80%93%20Gr%C3%B6%C3%9Fe%20100%25/delete");

        browser.driver().findElement(row).findElement(By.tagName("button")).click();
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(browser.driver().getCurrentUrl()).isEqualTo(base + "/manage/maintenance"));
        assertThat(pageText()).contains("No maintenance windows.").doesNotContain(name);
    }

    @Test
    void monitorPageDrawsPhaseAndStatusChartsFromTheChecks() {
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            browser.open(base + "/monitors/home-page?range=1h");
            assertThat(browser.driver().findElements(By.cssSelector("#phases-title ~ svg rect, figure[aria-labelledby='phases-title'] svg rect")))
                    .isNotEmpty();
            assertThat(browser.driver().findElements(By.cssSelector("figure[aria-labelledby='statuses-title'] svg rect.c2xx"))).isNotEmpty();
        });
        assertThat(pageText()).contains("Response time by phase", "Checks by status class", "Regions", "local", "4xx and 5xx rate trend");
        browser.screenshot("monitor-light");

        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.open(base + "/monitors/checkout-api?range=1h");
            assertThat(browser.driver().findElements(By.cssSelector("svg rect.c5xx"))).isNotEmpty();
            assertThat(pageText()).contains("Down since", "service_unavailable", "Next step:");
        });
        browser.screenshot("monitor-down-light");
        browser.prefersColorScheme("dark");
        browser.screenshot("monitor-down-dark");
        browser.prefersColorScheme("light");
    }

    @Test
    void theOverviewUpdatesItselfWithoutAReload() {
        browser.open(base + "/?tag=later");
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            browser.open(base + "/?tag=later");
            assertThat(browser.driver().findElement(By.cssSelector("tr[data-monitor='turning']")).getText()).contains("Up");
        });
        browser.driver().executeScript("window.notReloaded = true;");

        turning.switchToStatus(500, Map.of(), "boom");

        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(browser.driver().findElement(By.cssSelector("tr[data-monitor='turning']")).getText())
                        .contains("Down", "internal_server_error"));
        assertThat(browser.driver().executeScript("return window.notReloaded === true;")).isEqualTo(true);
    }

    @Test
    void statusPageShowsStateAndHistoryButNoUrlsOrDiagnosis() {
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            browser.open(base + "/status/public");
            assertThat(pageText()).contains("Example Shop status", "Checkout API", "Outage", "Home page", "Operational");
        });
        String html = browser.driver().getPageSource();
        assertThat(html).doesNotContain("127.0.0.1", "service_unavailable", "overloaded", "alert(1)", "Next step", "/manage");
        assertThat(browser.driver().findElements(By.cssSelector(".history .day"))).hasSize(2 * 90);
        assertThat(browser.driver().findElements(By.tagName("nav"))).isEmpty();

        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.open(base + "/status/internal");
            assertThat(pageText()).contains(failing.url("/checkout").toString(), "the service says it cannot serve right now");
        });
        assertThat(pageText()).doesNotContain("Home page");
        browser.open(base + "/status/nothing");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        browser.open(base + "/status/public");

        browser.prefersColorScheme("light");
        browser.screenshot("status-light");
        browser.prefersColorScheme("dark");
        browser.screenshot("status-dark");
        browser.prefersColorScheme("light");
        browser.resize(390, 844);
        browser.screenshot("status-phone");
        browser.resize(1280, 900);
    }

    @Test
    void aMonitorNamedLikeAScriptShowsAsText() {
        for (String path : List.of("/", "/monitors/script-alert-1-script")) {
            browser.open(base + path);
            assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
            assertThat(pageText()).contains(XSS);
        }
    }

    @Test
    void theMainActionsAreReachableByTab() {
        browser.open(base + "/");
        List<String> reached = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
            WebElement focused = browser.driver().switchTo().activeElement();
            String name = Optional.ofNullable(focused.getAttribute("name")).filter(n -> !n.isEmpty()).orElse(focused.getText());
            reached.add(focused.getTagName() + ":" + name.strip());
        }
        assertThat(reached).contains("a:Skip to content", "a:Incidents", "a:Add monitor", "select:state", "select:fault", "select:tag",
                "a:Checkout API");
        assertThat(reached).anyMatch(r -> r.startsWith("button:") && r.contains("theme"));
    }
}
