package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.alert.Channels;
import dev.faultline.alert.Receiver;
import dev.faultline.channels.ChannelRegistry;
import dev.faultline.check.Severity;
import dev.faultline.config.ChannelConfig;
import dev.faultline.config.ChannelType;
import dev.faultline.secret.SecretBox;
import dev.faultline.secret.SecretKeys;
import dev.faultline.store.Store;
import dev.faultline.store.StoreSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code notify-test} finds the channels created through the API too: in the SQLite file of the
 * config's data folder or in its PostgreSQL, their credentials opened with the server's key, and
 * the test message goes to a real local receiver.
 */
class NotifyTestApiChannelsTest {

    private static final String POSTGRES = System.getProperty("faultline.test.postgres",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> environment, String... args) {
        return new CommandLine(new NotifyTestCommand(environment, Clock.systemUTC()))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    private Path config(String server, String channels) throws Exception {
        return Files.writeString(dir.resolve("faultline.yaml"), "server: { port: 8181, " + server + " }\nchannels:\n" + channels);
    }

    /** Creates the channel as the API does: through the registry, its URL sealed with the key of this environment. */
    private static void createThroughApi(StoreSettings database, Path dataDir, Map<String, String> environment,
                                         ChannelConfig channel) {
        try (Store store = Store.open(database)) {
            SecretBox key = SecretKeys.load(environment, dataDir);
            new ChannelRegistry(store.channels(), key, c -> Channels.create(c, Channels.httpClient(), Clock.systemUTC()),
                    Clock.systemUTC(), List.of()).create(channel);
        }
    }

    private static ChannelConfig webhook(String name, String url) {
        return new ChannelConfig(name, ChannelType.WEBHOOK, Set.of(Severity.WARNING, Severity.CRITICAL), Map.of("url", url));
    }

    @Test
    void sendsThroughAChannelCreatedThroughTheApiInSqliteWithTheDataFoldersKey() throws Exception {
        Path data = dir.resolve("data");
        try (Receiver receiver = Receiver.answering(202, "taken")) {
            createThroughApi(StoreSettings.sqlite(data), data, Map.of(), webhook("ops", receiver.url("/ops").toString()));
            Path file = config("data_dir: \"" + data + "\"", "  - { name: hooks, type: webhook, url: \"http://127.0.0.1:9/\" }\n");

            assertThat(run(Map.of(), "ops", "--config", file.toString())).isZero();

            assertThat(out.toString()).isEqualTo("ops (webhook): delivered: 202 Accepted: taken" + System.lineSeparator());
            Receiver.Received request = receiver.only();
            assertThat(request.path()).isEqualTo("/ops");
            assertThat(request.header("X-Faultline-Event")).isEqualTo("test");
            assertThat(request.json().at("/diagnosis/summary").asText())
                    .isEqualTo("A test message for the channel 'ops': no monitor is down.");

            // An unknown name lists the channels of both places.
            assertThat(run(Map.of(), "pager", "--config", file.toString())).isEqualTo(2);
            assertThat(err.toString().lines()).containsExactly(
                    "faultline: no channel named 'pager'; in " + file + ": hooks; created through the API: ops");
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void aDataFolderWithoutADatabaseHasNoApiChannelsAndIsLeftUntouched() throws Exception {
        Path data = dir.resolve("empty");
        Path file = config("data_dir: \"" + data + "\"", "  - { name: hooks, type: webhook, url: \"http://127.0.0.1:9/\" }\n");

        assertThat(run(Map.of(), "ops", "--config", file.toString())).isEqualTo(2);

        assertThat(err.toString().lines()).containsExactly(
                "faultline: no channel named 'ops'; in " + file + ": hooks; created through the API: none");
        assertThat(data).doesNotExist();
    }

    @Test
    void aChannelSealedWithAnotherKeyIsAClearErrorAndNothingIsSent() throws Exception {
        Path data = dir.resolve("data");
        try (Receiver receiver = Receiver.answering(200, "ok")) {
            createThroughApi(StoreSettings.sqlite(data), data, Map.of(), webhook("ops", receiver.url("/").toString()));
            Path file = config("data_dir: \"" + data + "\"", "  []\n");
            Map<String, String> otherKey = Map.of(SecretKeys.VARIABLE, Base64.getEncoder().encodeToString(new byte[32]));

            assertThat(run(otherKey, "ops", "--config", file.toString())).isEqualTo(2);

            assertThat(err.toString()).startsWith("faultline: api_channels[ops].sealed_secrets: cannot decrypt it with the key from "
                    + SecretKeys.VARIABLE).endsWith("; nothing was sent" + System.lineSeparator());
            assertThat(receiver.received()).isEmpty();

            // Without any key (no variable, the key file gone) it says where the key should come from.
            Files.delete(data.resolve(SecretKeys.FILE_NAME));
            err.getBuffer().setLength(0);
            assertThat(run(Map.of(), "ops", "--config", file.toString())).isEqualTo(2);
            assertThat(err.toString().lines()).containsExactly("faultline: channel 'ops' was created through the API, but its"
                    + " credentials need the server's key: set FAULTLINE_SECRET_KEY or run where "
                    + data.resolve(SecretKeys.FILE_NAME) + " is; nothing was sent");
            assertThat(data.resolve(SecretKeys.FILE_NAME)).doesNotExist();
        }
    }

    @Test
    void sendsThroughAChannelCreatedThroughTheApiInPostgresWithTheKeyFromTheEnvironment() throws Exception {
        String schema = "t_notify_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = POSTGRES + "&currentSchema=" + schema;
        try (Connection c = DriverManager.getConnection(POSTGRES)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        Map<String, String> environment = Map.of(SecretKeys.VARIABLE, Base64.getEncoder().encodeToString(new byte[] {
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}));
        try (Receiver receiver = Receiver.answering(200, "ok")) {
            Path data = dir.resolve("data");
            createThroughApi(StoreSettings.postgres(url), data, environment, webhook("ops", receiver.url("/pg").toString()));
            Path file = config("database_url: \"" + url + "\", data_dir: \"" + data + "\"", "  []\n");

            assertThat(run(environment, "ops", "--config", file.toString())).isZero();

            assertThat(out.toString()).isEqualTo("ops (webhook): delivered: 200 OK: ok" + System.lineSeparator());
            assertThat(receiver.only().header("X-Faultline-Event")).isEqualTo("test");
            assertThat(data).doesNotExist();
        } finally {
            try (Connection c = DriverManager.getConnection(POSTGRES)) {
                c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
