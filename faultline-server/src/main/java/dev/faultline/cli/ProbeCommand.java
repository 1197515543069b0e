package dev.faultline.cli;

import dev.faultline.agent.AgentSettings;
import dev.faultline.agent.ProbeAgent;
import dev.faultline.config.ByteSizes;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code faultline probe}: a remote probe agent for one region, until it is stopped. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Runs a remote probe agent: checks the monitors of its region and sends the results to the server.",
                "It goes on checking while the server is unreachable and sends what it kept when the server is back."})
final class ProbeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--server", required = true, paramLabel = "URL", description = "The server, e.g. http://faultline.internal:8080.")
    String server;

    @Option(names = "--region", required = true, paramLabel = "NAME", description = "This agent's region, as the server's agents: list names it.")
    String region;

    @Option(names = "--token", required = true, paramLabel = "TOKEN",
            description = "The region's token from the server's agents: list (or set FAULTLINE_AGENT_TOKEN and pass --token env).")
    String token;

    @Option(names = "--buffer-dir", paramLabel = "DIR", description = "Where results wait until the server has them (default: ./agent-buffer).")
    Path bufferDir = Path.of("agent-buffer");

    @Option(names = "--buffer-max", paramLabel = "SIZE", description = "The most the buffer keeps, e.g. 64MiB (default); past it the oldest results are dropped.")
    String bufferMax = "64MiB";

    @Override
    public Integer call() throws Exception {
        AgentSettings settings;
        try {
            String secret = token.equals("env") ? System.getenv("FAULTLINE_AGENT_TOKEN") : token;
            settings = new AgentSettings(URI.create(server), region, secret, bufferDir, parseSize(bufferMax), Duration.ofSeconds(1));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("faultline: " + e.getMessage());
            return Main.USAGE;
        }
        ProbeAgent agent = ProbeAgent.start(settings, Clock.systemUTC());
        spec.commandLine().getOut().println("Faultline probe agent for region " + region + " reporting to " + server);
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    private static long parseSize(String text) {
        try {
            return ByteSizes.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("buffer-max: " + e.getMessage());
        }
    }
}
