package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.alert.Receiver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifyTestCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path config(String channels) throws Exception {
        return Files.writeString(dir.resolve("faultline.yaml"), "server: { port: 8181 }\nchannels:\n" + channels);
    }

    @Test
    void sendsATestMessageAndPrintsTheProvidersAnswer() throws Exception {
        try (Receiver receiver = Receiver.answering(202, "{\"ok\":true}")) {
            Path file = config("  - { name: hooks, type: webhook, url: \"" + receiver.url("/hook") + "\" }\n");

            assertThat(run("notify-test", "hooks", "--config", file.toString())).isZero();

            assertThat(out.toString()).isEqualTo("hooks (webhook): delivered: 202 Accepted: {\"ok\":true}" + System.lineSeparator());
            Receiver.Received request = receiver.only();
            assertThat(request.header("X-Faultline-Event")).isEqualTo("test");
            assertThat(request.json().at("/diagnosis/summary").asText())
                    .isEqualTo("A test message for the channel 'hooks': no monitor is down.");
            assertThat(request.json().get("link").asText()).isEqualTo("http://127.0.0.1:8181/");
        }
    }

    @Test
    void exitsOneWhenTheProviderRefusesOrFails() throws Exception {
        try (Receiver refusing = Receiver.answering(401, "bad token");
             Receiver failing = Receiver.answering(503, Map.of("Retry-After", "30"), "")) {
            Path file = config("  - { name: refusing, type: webhook, url: \"" + refusing.url("/") + "\" }\n"
                    + "  - { name: failing, type: webhook, url: \"" + failing.url("/") + "\" }\n");

            assertThat(run("notify-test", "refusing", "-c", file.toString())).isEqualTo(1);
            assertThat(run("notify-test", "failing", "-c", file.toString())).isEqualTo(1);

            assertThat(out.toString().lines()).containsExactly(
                    "refusing (webhook): refused (check the channel's settings): 401 Unauthorized: bad token",
                    "failing (webhook): not delivered (the provider failed or was unreachable; the outbox would retry):"
                            + " 503 Service Unavailable");
        }
    }

    @Test
    void exitsTwoForAnUnknownChannelOrABadConfig() throws Exception {
        Files.writeString(dir.resolve("faultline.yaml"), "server: { port: 8181, data_dir: \"" + dir.resolve("data") + "\" }\n"
                + "channels:\n  - { name: hooks, type: webhook, url: \"http://127.0.0.1:9/\" }\n"
                + "  - { name: chat, type: webhook, url: \"http://127.0.0.1:9/\" }\n");
        Path file = dir.resolve("faultline.yaml");

        assertThat(run("notify-test", "pager", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                "faultline: no channel named 'pager'; in " + file + ": hooks, chat; created through the API: none");

        Path bad = config("  - { name: hooks, type: webhook }\n");
        err.getBuffer().setLength(0);
        assertThat(run("notify-test", "hooks", "--config", bad.toString())).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                bad + ":3:5: channels[0].url: required for type webhook: the URL that receives the JSON",
                "faultline: " + bad + " has 1 error(s); nothing was sent");
        assertThat(out.toString()).isEmpty();
    }
}
