package dev.faultline.cli;

import dev.faultline.config.ConfigError;
import dev.faultline.config.LoadResult;
import dev.faultline.demo.DemoConfig;
import dev.faultline.demo.DemoSite;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code faultline demo}: the server, watching a built-in site that misbehaves in every way it can. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the server against a built-in demo site with one misbehaving endpoint per verdict,",
                "so every kind of failure shows within a minute. Data goes to ./data/demo."})
final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", description = "Port of the server (default: 8080).")
    int port = 8080;

    @Option(names = "--site-port", paramLabel = "PORT", description = "Port of the demo site (default: any free one).")
    int sitePort;

    @Override
    public Integer call() throws InterruptedException {
        DemoSite site = DemoSite.start(sitePort);
        Map<String, String> environment = new HashMap<>(System.getenv());
        // A read-only token for trying the API with curl; random unless the caller chose one.
        environment.putIfAbsent("DEMO_API_TOKEN", "demo_" + java.util.HexFormat.of().formatHex(randomBytes()));
        LoadResult result = DemoConfig.load(site, port, Path.of("./data/demo"), environment);
        if (result instanceof LoadResult.Rejected rejected) {
            // The demo's own file is wrong: a bug, said plainly.
            rejected.errors().stream().map(ConfigError::toString).forEach(spec.commandLine().getErr()::println);
            site.close();
            return Main.USAGE;
        }
        spec.commandLine().getOut().println("Demo site with misbehaving endpoints: " + site.baseUrl());
        spec.commandLine().getOut().println("Read-only API token for curl: -H 'Authorization: Bearer "
                + environment.get("DEMO_API_TOKEN") + "'");
        if (port != 0) {
            spec.commandLine().getOut().println("The demo's public status page (no sign-in): http://localhost:" + port + "/status/demo");
        }
        return RunCommand.serve(((LoadResult.Loaded) result).config(), Optional.empty(), spec.commandLine().getOut(),
                " from the built-in demo configuration (demo/faultline-demo.yaml in the jar)");
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
