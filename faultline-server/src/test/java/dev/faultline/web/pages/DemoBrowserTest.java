package dev.faultline.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.config.LoadResult;
import dev.faultline.demo.DemoConfig;
import dev.faultline.demo.DemoSite;
import dev.faultline.server.FaultlineServer;
import dev.faultline.testing.Browser;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/**
 * Issue #5's promise, walked through as a newcomer would: {@code faultline demo}'s server and site
 * (started here the way DemoCommand starts them, on free ports), the setup link, then the overview
 * must say within a minute which demo endpoints are down, whose fault and what to do next, the
 * outage the CDN hides must be visible there too, and the demo's status page must work signed out.
 * Screenshots land in target/screenshots/demo-*.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoBrowserTest {

    @TempDir
    static Path dataDir;

    static DemoSite site;
    static FaultlineServer server;
    static Browser browser;
    static String base;

    @BeforeAll
    static void start() {
        site = DemoSite.start(0);
        LoadResult result = DemoConfig.load(site, 0, dataDir, Map.of("DEMO_API_TOKEN", "demo_token_for_the_browser_test"));
        assertThat(result).isInstanceOf(LoadResult.Loaded.class);
        server = FaultlineServer.start(((LoadResult.Loaded) result).config(), Optional.empty(), Map.of(), Clock.systemUTC());
        base = Dashboard.base(server);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
        if (site != null) site.close();
    }

    private static String pageText() {
        return browser.driver().findElement(By.tagName("body")).getText();
    }

    private static WebElement row(String monitorId) {
        return browser.driver().findElement(By.cssSelector("tr[data-monitor='" + monitorId + "']"));
    }

    @Test
    @Order(1)
    void theOverviewSaysWhatIsDownWhoseFaultAndWhatToDo() {
        Dashboard.signedIn(browser, server);
        // The demo's monitors check every 5–30 s: within a minute every one has an answer.
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
            browser.open(base + "/");
            assertThat(browser.driver().findElement(By.cssSelector(".summary .counts")).getText()).contains("0 waiting");
            assertThat(row("gateway-timeout-504").getText()).contains("SERVER FAULT", "HTTP 504", "Next step:", "Incident #");
            assertThat(row("cdn-origin").getText()).contains("SERVER FAULT", "HTTP 502", "Next step:");
            assertThat(row("nothing-listening").getText()).contains("SERVER FAULT", "Next step:");
            assertThat(row("name-that-does-not-resolve").getText()).contains("NETWORK FAULT", "Next step:");
            assertThat(row("health-endpoint-with-bad-content").getText()).contains("CONTENT FAULT", "Next step:");
            assertThat(row("moved-page-404").getText()).contains("CLIENT FAULT", "HTTP 404", "Next step:");
            assertThat(row("rate-limited-api-429").getText()).contains("CLIENT FAULT", "HTTP 429");
            assertThat(row("maintenance-503-with-retry-after").getText()).contains("SERVER FAULT", "Retry-After");
            assertThat(row("slow-page").getText()).contains("Degraded", "no incident: counts as up");
            assertThat(row("admin-401-expected").getText()).contains("Up");
            // The edge says up; the overview still names the outage it hides, with what to do.
            assertThat(browser.driver().findElement(By.cssSelector("#cdn-findings .finding-outage")).getText())
                    .contains("Outage masked by the CDN", "CDN edge", "CDN origin", "Next step:");
        });
        // A 4xx is the client side's fault: drawn as a warning, not as a server outage.
        assertThat(row("moved-page-404").getAttribute("class")).contains("fault-row-client");
        assertThat(row("gateway-timeout-504").getAttribute("class")).contains("fault-row-server");
        assertThat(browser.driver().findElement(By.cssSelector(".summary .headline")).getText()).matches("\\d+ down");
        browser.prefersColorScheme("light");
        browser.screenshot("demo-overview-light");
        browser.prefersColorScheme("dark");
        browser.screenshot("demo-overview-dark");
        browser.prefersColorScheme("light");
    }

    @Test
    @Order(2)
    void aDownMonitorsPageAndItsIncidentExplainTheFailure() {
        browser.open(base + "/monitors/gateway-timeout-504");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains("Gateway timeout (504)");
        assertThat(pageText()).contains("Down since", "Whose fault: the server", "Next step:");
        // Minutes of history open on the hour, where the checks are visible, not as one bar at the edge of a day.
        assertThat(browser.driver().findElement(By.cssSelector(".ranges [aria-current='page']")).getText()).isEqualTo("1h");
        browser.screenshot("demo-monitor-light");
        browser.prefersColorScheme("dark");
        browser.screenshot("demo-monitor-dark");
        browser.prefersColorScheme("light");

        browser.open(base + "/");
        row("gateway-timeout-504").findElement(By.cssSelector(".incident-link")).click();
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains("Incident #"));
        assertThat(pageText()).contains("Gateway timeout (504)", "SERVER FAULT", "Next step:");
        browser.screenshot("demo-incident-light");
        browser.prefersColorScheme("dark");
        browser.screenshot("demo-incident-dark");
        browser.prefersColorScheme("light");
    }

    @Test
    @Order(3)
    void theCdnEdgesOwnPageSaysWhatItHides() {
        browser.open(base + "/monitors/cdn-edge");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains("Up", "CDN edge");
        assertThat(browser.driver().findElement(By.cssSelector("#cdn-findings .finding-outage")).getText())
                .contains("Outage masked by the CDN", "CDN origin", "Next step:");
        browser.screenshot("demo-cdn-edge");
    }

    @Test
    @Order(4)
    void theDemoStatusPageNeedsNobodySignedIn() {
        browser.driver().manage().deleteAllCookies();
        browser.open(base + "/status/demo");
        assertThat(URI.create(browser.driver().getCurrentUrl()).getPath()).isEqualTo("/status/demo");
        assertThat(pageText()).contains("Faultline Demo status", "Website", "API", "Gateway timeout (504)")
                .doesNotContain("127.0.0.1");
        browser.screenshot("demo-status-light");
        browser.prefersColorScheme("dark");
        browser.screenshot("demo-status-dark");
        browser.prefersColorScheme("light");
    }
}
