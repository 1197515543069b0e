package dev.faultline.web.auth;

import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.server.FaultlineServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Servers with no monitors on a data folder, and the first admin made through the setup link. */
final class TestServers {

    static final String ADMIN_TOKEN = "admin-token-0123456789abcdef";
    static final String VIEWER_TOKEN = "viewer-token-0123456789abcdef";

    private TestServers() {
    }

    /** A server on {@code dataDir} with one admin and one viewer token in its config. */
    static FaultlineServer start(Path dataDir) {
        String yaml = """
                server:
                  port: 0
                  data_dir: "%s"
                  api_tokens:
                    - { name: ci, token: "${ADMIN_TOKEN}", role: admin }
                    - { name: grafana, token: "%s", role: viewer }
                """.formatted(dataDir, VIEWER_TOKEN);
        LoadResult result = new ConfigLoader(Map.of("ADMIN_TOKEN", ADMIN_TOKEN)).parse(yaml, "test.yaml");
        if (result instanceof LoadResult.Rejected rejected) throw new AssertionError(rejected.errors().toString());
        FaultlineConfig config = ((LoadResult.Loaded) result).config();
        return FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC());
    }

    /** Creates the first admin through the setup link and returns a browser signed in as them. */
    static Browser setUp(FaultlineServer server, String name, String password) throws Exception {
        Browser browser = new Browser(server.port());
        String path = server.setupLink().map(link -> link.substring(link.indexOf("/setup/"))).orElseThrow();
        var answer = browser.submit(path, path, Map.of("username", name, "password", password, "password_confirm", password));
        if (answer.statusCode() != 303) throw new AssertionError("setup failed: " + answer.statusCode() + " " + answer.body());
        return browser;
    }

    /** Adds a user through the users page, as the signed-in admin. */
    static void addUser(Browser admin, String name, String role, String password) throws Exception {
        var answer = admin.submit("/settings/users", "/settings/users",
                Map.of("username", name, "role", role, "password", password, "password_confirm", password));
        if (answer.statusCode() != 200) throw new AssertionError("adding " + name + " failed: " + answer.statusCode() + " " + answer.body());
    }
}
