package dev.faultline.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Probe agents ({@code faultline probe}) as processes of their own, started from this test's
 * classpath against a server on 127.0.0.1, each with its buffer and logs in {@code dir}; closing
 * stops them all.
 */
final class AgentProcesses implements AutoCloseable {

    private final Path dir;
    private final List<Process> started = new ArrayList<>();

    AgentProcesses(Path dir) {
        this.dir = dir;
    }

    /** Starts the agent of {@code region}; its output goes to {@code agent-REGION.out} and {@code .log} in the directory. */
    void start(String region, String token, int serverPort) throws IOException {
        started.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.faultline.cli.Main", "probe",
                "--server", "http://127.0.0.1:" + serverPort, "--region", region, "--token", token,
                "--buffer-dir", dir.resolve("buffer-" + region).toString())
                .redirectOutput(dir.resolve("agent-" + region + ".out").toFile())
                .redirectError(dir.resolve("agent-" + region + ".log").toFile()).start());
    }

    @Override
    public void close() throws InterruptedException {
        for (Process agent : started) {
            agent.destroy();
            if (!agent.waitFor(10, TimeUnit.SECONDS)) agent.destroyForcibly();
        }
        started.clear();
    }
}
