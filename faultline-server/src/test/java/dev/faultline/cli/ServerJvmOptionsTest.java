package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/server.jvm-options}, which {@code ./faultline run}, {@code probe} and {@code demo}
 * hand to the JVM as an argument file: a JVM refuses to start on an option it does not know, so
 * the file is tried on a real JVM, and what it is for (the serial collector, a small first heap)
 * must be what that JVM takes from it.
 */
class ServerJvmOptionsTest {

    // Surefire runs in the module's folder; the file sits at the repository's root.
    private static final Path OPTIONS = Path.of("..", "bin", "server.jvm-options").toAbsolutePath().normalize();

    @Test
    void aJvmStartsWithTheFileAndTakesTheSerialCollectorAndASmallFirstHeap() throws Exception {
        assertThat(OPTIONS).exists();
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process jvm = new ProcessBuilder(List.of(java, "@" + OPTIONS, "-XX:+PrintCommandLineFlags", "-version"))
                .redirectErrorStream(true).start();
        String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(jvm.exitValue()).as(out).isZero();
        assertThat(out).contains("-XX:+UseSerialGC").contains("-XX:InitialHeapSize=16777216");
    }

    @Test
    void everyOptionLineIsAnOptionSoThatAStrayWordCannotBecomeTheMainClass() throws Exception {
        for (String line : Files.readAllLines(OPTIONS)) {
            String option = line.replaceFirst("#.*", "").strip();
            if (!option.isEmpty()) assertThat(option).as(line).startsWith("-");
        }
    }
}
