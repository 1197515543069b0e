package dev.faultline.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.server.FaultlineServer;
import dev.faultline.testing.Browser;
import dev.faultline.testing.HostileServer;
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

/**
 * Who gets in, in headless Chromium: the first admin through the one-time setup link, signing
 * out and in (a wrong password first), a viewer who can look but not change, and a status page
 * that needs nobody signed in. The tests run in order on one fresh server: the first one is the
 * first run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInBrowserTest {

    @TempDir
    static Path dataDir;

    static HostileServer failing;
    static FaultlineServer server;
    static Browser browser;
    static String base;

    @BeforeAll
    static void start() {
        failing = HostileServer.status(503, Map.of(), "overloaded");
        String yaml = """
                server: { port: 0, data_dir: "%s" }
                defaults: { interval: 1s, timeout: 1s }
                monitors:
                  - { name: Checkout API, url: "%s" }
                status_pages:
                  - slug: shop
                    title: Example Shop status
                    groups:
                      - { name: Shop, monitors: [Checkout API] }
                """.formatted(dataDir, failing.url("/checkout"));
        FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "test.yaml")).config();
        server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC());
        base = Dashboard.base(server);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
        failing.close();
    }

    private static String pageText() {
        return browser.driver().findElement(By.tagName("body")).getText();
    }

    private static String path() {
        return URI.create(browser.driver().getCurrentUrl()).getPath();
    }

    @Test
    @Order(1)
    void theFirstAdminIsCreatedThroughTheSetupLinkWhichThenStopsWorking() {
        // Before anyone exists, the dashboard sends you to sign in, and that page says where the setup link is.
        browser.open(base + "/");
        assertThat(path()).isEqualTo("/login");
        assertThat(browser.driver().findElement(By.id("setup-pending")).getText()).contains("setup link");

        String setupPath = URI.create(server.setupLink().orElseThrow()).getPath();
        Dashboard.signedIn(browser, server);
        assertThat(path()).isEqualTo("/");
        assertThat(pageText()).contains(Dashboard.ADMIN, "Checkout API");
        assertThat(server.setupLink()).isEmpty();

        browser.open(base + setupPath);
        assertThat(browser.driver().findElements(By.id("create-admin"))).isEmpty(); // used once, gone
    }

    @Test
    @Order(2)
    void signingOutEndsTheSessionAndAWrongPasswordIsTurnedAway() {
        browser.open(base + "/");
        browser.driver().findElement(By.id("sign-out")).click();
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(5)).until(() -> path().equals("/login"));
        browser.open(base + "/incidents");
        assertThat(path()).isEqualTo("/login"); // the old cookie no longer opens anything

        Dashboard.signIn(browser, base, Dashboard.ADMIN, "not the password");
        // The click returns before the answer's page has loaded: wait for it.
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(browser.driver().findElement(By.id("login-error")).getText()).isNotBlank());
        assertThat(path()).isEqualTo("/login");

        Dashboard.signIn(browser, base, Dashboard.ADMIN, Dashboard.PASSWORD);
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(5)).until(() -> path().equals("/"));
        assertThat(browser.driver().findElement(By.linkText("Add monitor")).isDisplayed()).isTrue();
    }

    @Test
    @Order(3)
    void aViewerSeesEverythingButCannotChangeAnything() {
        Dashboard.signIn(browser, base, Dashboard.ADMIN, Dashboard.PASSWORD);
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(5)).until(() -> path().equals("/"));
        browser.open(base + "/settings/users");
        browser.driver().findElement(By.id("username")).sendKeys("vera");
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("role"))).selectByValue("viewer");
        browser.driver().findElement(By.id("password")).sendKeys("viewer password 1");
        browser.driver().findElement(By.id("password_confirm")).sendKeys("viewer password 1");
        browser.driver().findElement(By.id("add-user-submit")).click();
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.driver().findElement(By.id("users")).getText()).contains("vera", "viewer"));

        Dashboard.signIn(browser, base, "vera", "viewer password 1");
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(5)).until(() -> path().equals("/"));
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            browser.open(base + "/");
            assertThat(pageText()).contains("vera", "Checkout API", "SERVER FAULT");
        });
        assertThat(browser.driver().findElements(By.linkText("Add monitor"))).isEmpty();
        assertThat(browser.driver().findElements(By.linkText("Users"))).isEmpty();

        // The incident is there to read, without the button to acknowledge it.
        browser.driver().findElement(By.cssSelector("tr[data-monitor='checkout-api'] .incident-link")).click();
        await().ignoreExceptionsInstanceOf(WebDriverException.class).atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains("Incident #"));
        assertThat(browser.driver().findElements(By.id("acknowledge-button"))).isEmpty();

        // Even a hand-made request with the session's own CSRF token is refused: the server decides, not the page.
        Object status = browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = JSON.parse(document.body.getAttribute('hx-headers'))['X-CSRF-Token'];
                fetch(location.pathname + '/ack', { method: 'POST', headers: { 'X-CSRF-Token': token } })
                    .then(r => done(r.status), e => done(String(e)));
                """);
        assertThat(status).isEqualTo(403L);
        browser.open(base + "/settings/users");
        assertThat(pageText()).doesNotContain("Add a user");
        assertThat(browser.driver().findElements(By.id("add-user-submit"))).isEmpty();
    }

    @Test
    @Order(4)
    void aStatusPageNeedsNobodySignedInAndTheDashboardDoes() {
        browser.driver().manage().deleteAllCookies();
        browser.open(base + "/status/shop");
        assertThat(path()).isEqualTo("/status/shop");
        assertThat(pageText()).contains("Example Shop status", "Checkout API").doesNotContain("127.0.0.1");
        browser.open(base + "/monitors/checkout-api");
        assertThat(path()).isEqualTo("/login");
    }
}
