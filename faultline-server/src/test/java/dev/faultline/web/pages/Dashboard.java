package dev.faultline.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.server.FaultlineServer;
import dev.faultline.testing.Browser;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.openqa.selenium.By;

/** How browser tests reach the dashboard: the one place that signs a browser in. */
final class Dashboard {

    static final String ADMIN = "admin";
    static final String PASSWORD = "correct horse battery staple";

    private Dashboard() {
    }

    /**
     * Opens the dashboard signed in as an admin and returns its base URL (no trailing slash): on a
     * server nobody has set up yet, through the one-time setup link as a first user would; on one
     * set up before, through the sign-in page.
     */
    static String signedIn(Browser browser, FaultlineServer server) {
        String base = base(server);
        Optional<String> setup = server.setupLink();
        if (setup.isPresent()) {
            // The link names localhost; cookies belong to the host the browser used, so stay on 127.0.0.1.
            browser.open(base + URI.create(setup.get()).getPath());
            browser.driver().findElement(By.id("username")).sendKeys(ADMIN);
            browser.driver().findElement(By.id("password")).sendKeys(PASSWORD);
            browser.driver().findElement(By.id("password_confirm")).sendKeys(PASSWORD);
            browser.driver().findElement(By.id("create-admin")).click();
        } else {
            signIn(browser, base, ADMIN, PASSWORD);
        }
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.driver().findElement(By.id("sign-out")).isDisplayed()).isTrue());
        return base;
    }

    /** Signs in through the sign-in page, whoever is signed in now. */
    static void signIn(Browser browser, String base, String user, String password) {
        browser.driver().manage().deleteAllCookies();
        browser.open(base + "/login");
        browser.driver().findElement(By.id("username")).sendKeys(user);
        browser.driver().findElement(By.id("password")).sendKeys(password);
        browser.driver().findElement(By.id("sign-in")).click();
    }

    static String base(FaultlineServer server) {
        return "http://127.0.0.1:" + server.port();
    }
}
