package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.store.Store;
import dev.faultline.store.StoreSettings;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UserAddCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String stdin, String... args) throws Exception {
        Path file = Files.writeString(dir.resolve("faultline.yaml"), "server: { data_dir: \"" + dir.resolve("data") + "\" }\n");
        CommandLine cli = new CommandLine(new UserAddCommand(Map.of(), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = file.toString();
        return cli.execute(all);
    }

    @Test
    void addsAUserWithThePasswordFromStandardInputHashed() throws Exception {
        assertThat(run("a long passphrase\n", "Ops", "--role", "admin")).isZero();

        assertThat(out.toString()).isEqualTo("Added ops (admin)." + System.lineSeparator());
        try (Store store = Store.open(StoreSettings.sqlite(dir.resolve("data")))) {
            var user = store.users().find("ops").orElseThrow();
            assertThat(user.role()).isEqualTo("admin");
            assertThat(user.passwordHash()).startsWith("$argon2id$").doesNotContain("a long passphrase");
        }
    }

    @Test
    void refusesBadInputNamingWhatIsWrongAndAddsNobody() throws Exception {
        assertThat(run("a long passphrase\n", "ops", "--role", "owner")).isEqualTo(Main.USAGE);
        assertThat(run("short\n", "ops", "--role", "viewer")).isEqualTo(Main.USAGE);
        assertThat(run("", "ops", "--role", "viewer")).isEqualTo(Main.USAGE);
        assertThat(run("a long passphrase\n", "ops", "--role", "viewer")).isZero();
        assertThat(run("another passphrase\n", "OPS", "--role", "viewer")).isEqualTo(Main.USAGE);

        assertThat(err.toString().lines()).containsExactly(
                "faultline: role: unknown role 'owner': use admin or viewer",
                "faultline: password: use at least 8 characters",
                "faultline: give the password on standard input, e.g. printf '%s\\n' \"$PASSWORD\" | faultline user add ops --role viewer",
                "faultline: NAME: a user named 'ops' exists already");
    }
}
