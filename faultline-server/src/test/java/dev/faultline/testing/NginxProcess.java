package dev.faultline.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One nginx master process in the foreground under a watchdog shell, with its own prefix dir.
 *
 * <p>The watchdog holds the read end of a pipe whose only writer is this JVM: when the JVM closes
 * it, or dies in any way (even SIGKILL), the watchdog sends nginx SIGTERM. So nginx never
 * outlives the tests, whether or not {@link #stop()} ran.
 */
final class NginxProcess {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    // $1 = nginx binary, $2 = prefix dir. fd 3 keeps the JVM's pipe for the watcher only.
    private static final String WATCHDOG = """
            exec 3<&0
            "$1" -p "$2/" -c "$2/nginx.conf" -e "$2/error.log" </dev/null 3<&- &
            nginx=$!
            ( read -r _ <&3; kill -TERM "$nginx" 2>/dev/null ) &
            watcher=$!
            exec 3<&-
            trap 'kill -TERM "$nginx" 2>/dev/null; wait "$nginx"; kill "$watcher" 2>/dev/null; exit 143' TERM INT HUP
            wait "$nginx"; status=$?
            kill "$watcher" 2>/dev/null
            exit $status
            """;

    final Path prefix;
    private final Process watchdog;

    private NginxProcess(Path prefix, Process watchdog) {
        this.prefix = prefix;
        this.watchdog = watchdog;
    }

    /** Makes a prefix dir traversable by the workers (who run as nobody when the master is root). */
    static Path newPrefix() {
        try {
            Path prefix = Files.createTempDirectory("faultline-nginx-");
            Files.createDirectories(prefix.resolve("tmp"));
            for (Path dir : new Path[] {prefix, prefix.resolve("tmp")}) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return prefix;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts nginx on {@code prefix/nginx.conf}; see {@link #awaitReady}. */
    static NginxProcess launch(Path prefix) throws IOException {
        Process watchdog = new ProcessBuilder("/bin/sh", "-c", WATCHDOG, "nginx-watchdog", binary(), prefix.toString())
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("stdout.log").toFile())
                .start();
        return new NginxProcess(prefix, watchdog);
    }

    /** Waits until nginx accepts on {@code port}; returns false if it died or took too long. */
    boolean awaitReady(int port) {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        // The pid file appears once nginx has bound its sockets: without it, whatever accepts
        // on the port may be another process that won the race for it.
        while (masterPid().isEmpty() || !accepts(port)) {
            if (!watchdog.isAlive() || Instant.now().isAfter(deadline)) {
                return false;
            }
            sleep(Duration.ofMillis(10));
        }
        return watchdog.isAlive();
    }

    String log(String name) {
        try {
            Path file = prefix.resolve(name);
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + name + ": " + e + ")";
        }
    }

    /** Stops the master by its pid (SIGTERM, then SIGKILL), then the watchdog and anything left. */
    void stop() {
        masterPid().flatMap(ProcessHandle::of).ifPresent(NginxProcess::terminate);
        try {
            watchdog.getOutputStream().close();
        } catch (IOException e) {
            // the watchdog is gone already
        }
        watchdog.descendants().forEach(NginxProcess::terminate);
        terminate(watchdog.toHandle());
    }

    void deletePrefix() {
        try (Stream<Path> files = Files.walk(prefix)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a leftover temp dir is harmless
        }
    }

    private Optional<Long> masterPid() {
        String pid = log("nginx.pid").trim();
        return pid.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(pid));
    }

    private static void terminate(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    private static boolean accepts(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(Loopback.ADDRESS, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String binary() {
        Stream<Path> candidates = Stream.concat(Stream.of(Path.of("/usr/sbin/nginx")),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .filter(dir -> !dir.isEmpty())
                        .map(dir -> Path.of(dir, "nginx")));
        return candidates.filter(Files::isExecutable).findFirst().map(Path::toString)
                .orElseThrow(() -> new IllegalStateException(
                        "nginx not found at /usr/sbin/nginx or on PATH: run ./test, which installs it"
                                + " (apt-get install nginx), or install it yourself"));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for nginx", e);
        }
    }
}
