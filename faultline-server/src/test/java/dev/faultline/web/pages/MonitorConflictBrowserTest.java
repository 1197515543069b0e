package dev.faultline.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.monitor.Monitor;
import dev.faultline.server.FaultlineServer;
import dev.faultline.testing.Browser;
import dev.faultline.testing.HostileServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/**
 * Two people, one monitor, in headless Chromium: an operator opens the edit form (or the monitor's
 * page, to delete it), an automation saves the monitor through the API meanwhile, and the
 * operator's save is refused with the form as typed and what is saved now, never made over the
 * automation's change without a word. Saving again, having seen it, is the operator's choice.
 */
class MonitorConflictBrowserTest {

    static final String TOKEN = "test-token-0123456789abcdef";

    @TempDir
    static Path dataDir;

    static HostileServer target;
    static FaultlineServer server;
    static Browser browser;
    static String base;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        target = HostileServer.status(200, Map.of(), "ok");
        String yaml = """
                server: { port: 0, data_dir: "%s", api_tokens: [{ name: automation, token: "%s", role: admin }] }
                defaults: { interval: 30s, timeout: 1s }
                """.formatted(dataDir, TOKEN);
        FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "test.yaml")).config();
        server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC());
        browser = Browser.start();
        base = Dashboard.signedIn(browser, server);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
        target.close();
    }

    @Test
    void aSaveAfterTheApiChangedTheMonitorIsRefusedKeepingWhatWasTypedAndShowingWhatIsSaved() throws Exception {
        api("POST", "/api/v1/monitors", payload("Search", "/search", "10s", "[\"shop\"]"));
        browser.open(base + "/manage/monitors/search");
        WebElement interval = find(By.id("f-interval"));
        interval.clear();
        interval.sendKeys("45s");
        find(By.id("f-tags")).clear();
        find(By.id("f-tags")).sendKeys("shop, typed-by-hand");

        // Meanwhile an automation moves the monitor to another path.
        HttpResponse<String> moved = api("PUT", "/api/v1/monitors/search", payload("Search", "/v2/search", "10s", "[\"shop\"]"));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);

        find(By.cssSelector("form.edit button[type=submit]")).click();

        shows(By.id("changed"), "This monitor was changed since you opened it", "nothing was saved", "What you typed is kept");
        assertThat(value("f-interval")).isEqualTo("45s");
        assertThat(value("f-tags")).isEqualTo("shop, typed-by-hand");
        assertThat(value("f-url")).isEqualTo(target.url("/search").toString());
        assertThat(find(By.id("changed-fields")).getText()).contains("URL", target.url("/search").toString(),
                target.url("/v2/search").toString(), "Interval", "45s", "10s", "Tags", "shop, typed-by-hand");
        assertThat(find(By.id("see-current")).getAttribute("href")).isEqualTo(base + "/monitors/search");
        Monitor saved = server.monitors().find("search").orElseThrow();
        assertThat(saved.spec().url()).as("the automation's change stands").isEqualTo(target.url("/v2/search"));
        assertThat(saved.spec().interval()).isEqualTo(Duration.ofSeconds(10));
        browser.screenshot("monitor-form-changed");

        // Having seen it, the operator takes the new path and saves again: now it is saved, with both changes.
        find(By.id("f-url")).clear();
        find(By.id("f-url")).sendKeys(target.url("/v2/search").toString());
        find(By.cssSelector("form.edit button[type=submit]")).click();
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(browser.driver().getCurrentUrl()).isEqualTo(base + "/monitors/search"));
        Monitor merged = server.monitors().find("search").orElseThrow();
        assertThat(merged.spec().url()).isEqualTo(target.url("/v2/search"));
        assertThat(merged.spec().interval()).isEqualTo(Duration.ofSeconds(45));
        assertThat(merged.tags()).containsExactly("shop", "typed-by-hand");
    }

    @Test
    void aFormWithErrorsKeepsTheRevisionItWasOpenedOnSoALaterChangeIsStillCaught() throws Exception {
        api("POST", "/api/v1/monitors", payload("Catalog", "/catalog", "10s", "[]"));
        browser.open(base + "/manage/monitors/catalog");
        find(By.id("f-interval")).clear();
        find(By.id("f-interval")).sendKeys("soon");
        find(By.cssSelector("form.edit button[type=submit]")).click();
        shows(By.id("e-interval"), "");

        api("PUT", "/api/v1/monitors/catalog", payload("Catalog", "/catalog", "20s", "[\"from-api\"]"));
        find(By.id("f-interval")).clear();
        find(By.id("f-interval")).sendKeys("40s");
        find(By.cssSelector("form.edit button[type=submit]")).click();

        shows(By.id("changed"), "changed since you opened it");
        assertThat(value("f-interval")).isEqualTo("40s");
        assertThat(server.monitors().find("catalog").orElseThrow().tags()).containsExactly("from-api");
        assertThat(server.monitors().find("catalog").orElseThrow().spec().interval()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aDeleteAfterTheApiChangedTheMonitorIsRefusedAndThePageShowsItAsSavedNow() throws Exception {
        api("POST", "/api/v1/monitors", payload("Basket", "/basket", "10s", "[]"));
        browser.open(base + "/monitors/basket");
        find(By.xpath("//button[normalize-space()='Delete']"));

        api("PUT", "/api/v1/monitors/basket", payload("Basket", "/v2/basket", "10s", "[]"));
        find(By.xpath("//button[normalize-space()='Delete']")).click();

        shows(By.id("page-notice"), "changed since you opened this page", "not deleted");
        assertThat(find(By.id("spec-heading")).findElement(By.xpath("..")).getText()).contains(target.url("/v2/basket").toString());
        assertThat(server.monitors().find("basket")).isPresent();

        // Seen, and still meant: the page's delete is now of what is saved.
        find(By.xpath("//button[normalize-space()='Delete']")).click();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.monitors().find("basket").isEmpty());
    }

    private static String payload(String name, String path, String interval, String tags) {
        return "{\"name\": \"" + name + "\", \"url\": \"" + target.url(path) + "\", \"interval\": \"" + interval + "\", \"tags\": " + tags + "}";
    }

    private static HttpResponse<String> api(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String value(String id) {
        return find(By.id(id)).getAttribute("value");
    }

    private static WebElement find(By by) {
        return await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(10))
                .until(() -> browser.driver().findElement(by), e -> e != null);
    }

    /** Waits for the page to have the element with all these texts: a click's page may not have loaded yet. */
    private static void shows(By by, String... texts) {
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(browser.driver().findElement(by).getText()).contains(texts));
    }
}
