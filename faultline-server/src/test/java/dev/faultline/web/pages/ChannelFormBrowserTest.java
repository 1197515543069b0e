package dev.faultline.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.faultline.check.MonitorSpec;
import dev.faultline.check.Severity;
import dev.faultline.config.ChannelConfig;
import dev.faultline.config.ChannelType;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.monitor.Monitor;
import dev.faultline.server.FaultlineServer;
import dev.faultline.testing.Browser;
import dev.faultline.testing.HostileServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The channels pages in headless Chromium: a webhook channel added through the form (a bad URL
 * refused beside its field first, nothing saved), tested at once against a local receiver, edited
 * with its credentials left masked (the receiver then checks the signature made with the stored
 * secret), and deleted after a confirmation; the config file's channel stays read-only.
 */
class ChannelFormBrowserTest {

    private static final String TOKEN = "query-token-4711";
    private static final String SECRET = "hmac-shared-secret-9876";

    /** One request the receiver got. */
    record Received(String event, String signature, byte[] body) {
    }

    @TempDir
    static Path dataDir;

    static HttpServer receiver;
    static final List<Received> received = new CopyOnWriteArrayList<>();
    static FaultlineServer server;
    static Browser browser;
    static String base;

    @BeforeAll
    static void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        receiver.createContext("/", exchange -> {
            try (exchange) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("X-Faultline-Event"),
                        exchange.getRequestHeaders().getFirst("X-Faultline-Signature"), exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
        String yaml = """
                server: { port: 0, data_dir: "%s" }
                channels:
                  - { name: pager, type: webhook, url: "http://127.0.0.1:9/hook?token=from-the-file-1234", severities: [critical] }
                """.formatted(dataDir);
        FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "test.yaml")).config();
        server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC());
        browser = Browser.start();
        base = Dashboard.signedIn(browser, server);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
        receiver.stop(0);
    }

    @Test
    void aWebhookAddedInTheFormIsTestedAtOnceEditedWithItsSecretsMaskedAndDeletedAfterConfirming() throws Exception {
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook?token=" + TOKEN;
        browser.open(base + "/manage/channels");
        click(By.id("add-channel"));
        new Select(find(By.id("f-type"))).selectByValue("webhook");
        click(By.id("choose-type"));

        // A bad URL: refused beside its field, what was typed kept, but not the secret, and nothing saved.
        find(By.id("f-name")).sendKeys("ops");
        find(By.id("f-url")).sendKeys("ftp://nowhere.test/" + TOKEN);
        find(By.id("f-secret")).sendKeys(SECRET);
        click(By.id("save-channel"));
        assertThat(find(By.id("e-url")).getText()).contains("expected an absolute http:// or https:// URL");
        assertThat(find(By.id("f-url")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(find(By.id("f-url")).getAttribute("aria-describedby")).contains("e-url");
        assertThat(find(By.id("f-name")).getAttribute("value")).isEqualTo("ops");
        assertThat(find(By.id("f-url")).getAttribute("value")).isEmpty();
        assertThat(find(By.id("f-secret")).getAttribute("value")).isEmpty();
        assertThat(find(By.id("h-secret")).getText()).contains("enter it again");
        assertThat(browser.driver().getPageSource()).doesNotContain(SECRET).doesNotContain(TOKEN);
        assertThat(find(By.id("not-saved")).getText()).contains("Nothing was saved");
        assertThat(server.channels().find("ops")).isEmpty();
        browser.screenshot("channel-form-errors");

        find(By.id("f-url")).sendKeys(hook);
        find(By.id("f-secret")).sendKeys(SECRET);
        click(By.id("save-channel"));
        shows(By.cssSelector(".notice"), "Saved the channel 'ops'");
        shows(By.cssSelector("tr[data-channel='ops']"), "ops", "Webhook", "critical, warning", "dashboard / API");
        assertThat(server.channels().find("ops")).get().satisfies(e -> assertThat(e.config().settings())
                .containsEntry("url", hook).containsEntry("secret", SECRET));

        // Live at once: the test button reaches the receiver through the new channel.
        click(By.cssSelector("tr[data-channel='ops'] button"));
        shows(By.cssSelector(".notice"), "Test to 'ops': delivered");
        browser.screenshot("channels-list");
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.event()).isEqualTo("test");
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("A test message for the channel 'ops'");
        });

        // Edit: the credentials are shown masked; leaving the masks keeps the stored values.
        click(By.cssSelector("tr[data-channel='ops'] a[href$='/edit']"));
        assertThat(find(By.id("f-url")).getAttribute("value")).isEqualTo("****4711");
        assertThat(find(By.id("f-secret")).getAttribute("value")).isEqualTo("****9876");
        assertThat(browser.driver().getPageSource()).doesNotContain(SECRET).doesNotContain(TOKEN);
        assertThat(browser.driver().findElements(By.id("f-name"))).as("a channel keeps its name").isEmpty();
        click(By.id("f-severity-info"));
        click(By.id("save-channel"));
        shows(By.cssSelector("tr[data-channel='ops']"), "critical, warning, info");
        assertThat(server.channels().find("ops")).get().satisfies(e -> assertThat(e.config().settings())
                .containsEntry("url", hook).containsEntry("secret", SECRET));
        click(By.cssSelector("tr[data-channel='ops'] button"));
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
        Received second = received.get(1);
        assertThat(second.signature()).isEqualTo("sha256=" + hmac(SECRET, second.body()));

        // Delete: a link to a confirmation, then a POST.
        click(By.cssSelector("tr[data-channel='ops'] a[href$='/delete']"));
        shows(By.tagName("h1"), "Delete the channel ops?");
        assertThat(server.channels().find("ops")).as("not deleted before confirming").isPresent();
        click(By.id("confirm-delete"));
        shows(By.cssSelector(".notice"), "Deleted the channel 'ops'");
        assertThat(browser.driver().findElements(By.cssSelector("tr[data-channel='ops']"))).isEmpty();
        assertThat(server.channels().find("ops")).isEmpty();
    }

    @Test
    void aChannelThatAMonitorStillNamesIsNotDeletedAndThePageListsTheMonitors() throws Exception {
        try (HostileServer target = HostileServer.status(200, Map.of(), "ok")) {
            server.channels().create(new ChannelConfig("night ops", ChannelType.WEBHOOK, Set.of(Severity.CRITICAL),
                    Map.of("url", "http://127.0.0.1:9/night")));
            // The confirmation is open while nothing names the channel...
            browser.open(base + "/manage/channels");
            click(By.cssSelector("tr[data-channel='night ops'] a[href$='/delete']"));
            shows(By.tagName("h1"), "Delete the channel night ops?");
            // ...and before the click, someone routes a monitor's alerts to it.
            server.monitors().create(monitor("Checkout API", target, List.of("night ops")));
            click(By.id("confirm-delete"));

            shows(By.id("in-use"), "still in the alert routing of 1 monitor", "its alerts would skip it",
                    "Take it out of its channels first", "Checkout API");
            assertThat(browser.driver().findElements(By.id("confirm-delete"))).isEmpty();
            assertThat(server.channels().find("night ops")).as("nothing deleted").isPresent();
            browser.screenshot("channel-in-use");

            // From the list too, the confirmation says so at once, and leads to the monitor.
            browser.open(base + "/manage/channels");
            click(By.cssSelector("tr[data-channel='night ops'] a[href$='/delete']"));
            shows(By.id("in-use"), "Checkout API");
            assertThat(browser.driver().findElements(By.id("confirm-delete"))).isEmpty();
            click(By.cssSelector("#in-use a"));
            shows(By.tagName("h1"), "Checkout API");

            // Out of the monitor's routing, the channel goes.
            server.monitors().update("checkout-api", monitor("Checkout API", target, List.of()));
            browser.open(base + "/manage/channels");
            click(By.cssSelector("tr[data-channel='night ops'] a[href$='/delete']"));
            click(By.id("confirm-delete"));
            shows(By.cssSelector(".notice"), "Deleted the channel 'night ops'");
            assertThat(server.channels().find("night ops")).isEmpty();
            server.monitors().delete("checkout-api");
        }
    }

    @Test
    void theConfigFilesChannelIsReadOnlyWithANoteSayingWhere() {
        browser.open(base + "/manage/channels");
        WebElement row = find(By.cssSelector("tr[data-channel='pager']"));
        assertThat(row.getText()).contains("config file: managed in the file");
        assertThat(row.findElements(By.cssSelector("a[href$='/delete']"))).isEmpty();

        browser.open(base + "/manage/channels/pager/edit");
        shows(By.cssSelector(".notice"), "managed in the config file", "read-only");
        assertThat(browser.driver().findElements(By.cssSelector("form.edit"))).isEmpty();
        assertThat(browser.driver().getPageSource()).contains("****1234").doesNotContain("from-the-file-1234");
        browser.open(base + "/manage/channels/pager/delete");
        assertThat(browser.driver().findElements(By.id("confirm-delete"))).isEmpty();
    }

    @Test
    void theAddFormIsLabelledAndWorksFromTheKeyboard() {
        browser.open(base + "/manage/channels/new?type=email");
        for (WebElement input : browser.driver().findElements(By.cssSelector("form.edit input:not([type=hidden]), form.edit select"))) {
            String id = input.getAttribute("id");
            boolean labelled = !browser.driver().findElements(By.cssSelector("label[for='" + id + "']")).isEmpty()
                    || !input.findElements(By.xpath("ancestor::label")).isEmpty();
            assertThat(labelled).as("a label for #" + id).isTrue();
        }
        List<String> reached = new ArrayList<>();
        find(By.id("f-name")).click();
        for (int i = 0; i < 14; i++) {
            reached.add(browser.driver().switchTo().activeElement().getAttribute("id"));
            browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertThat(reached).containsSubsequence("f-name", "f-severity-critical", "f-severity-warning", "f-severity-info", "f-host",
                "f-port", "f-username", "f-password", "f-from", "f-to", "f-starttls", "save-channel");

        // Sent with the keyboard alone: a missing host is refused beside its field.
        find(By.id("f-name")).sendKeys("team-mail");
        find(By.id("f-name")).sendKeys(Keys.ENTER);
        assertThat(find(By.id("e-host")).getText()).contains("required for type email");
        assertThat(find(By.id("e-from")).getText()).contains("required for type email");
        assertThat(server.channels().find("team-mail")).isEmpty();
    }

    private static Monitor monitor(String name, HostileServer target, List<String> channels) {
        return new Monitor(Monitor.idFor(name), MonitorSpec.builder(target.url("/")).name(name).build(), List.of("local"), channels,
                List.of(), Monitor.Source.API);
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

    private static void click(By by) {
        find(by).click();
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
