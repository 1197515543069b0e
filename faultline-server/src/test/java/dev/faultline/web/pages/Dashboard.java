package dev.faultline.web.pages;

import dev.faultline.server.FaultlineServer;
import dev.faultline.testing.Browser;

/** How browser tests reach the dashboard: the one place that signs a browser in. */
final class Dashboard {

    private Dashboard() {
    }

    /** Opens the dashboard signed in as an admin and returns its base URL (no trailing slash). */
    static String signedIn(Browser browser, FaultlineServer server) {
        String base = "http://127.0.0.1:" + server.port();
        browser.open(base + "/");
        return base;
    }
}
