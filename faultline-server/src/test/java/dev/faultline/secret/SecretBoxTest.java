package dev.faultline.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    private static final String TOKEN = "xoxb-123456789012-secret-token";

    @TempDir
    Path dataDir;

    @Test
    void sealsWithAFreshNonceAndOpensOnlyInItsOwnContext() {
        SecretBox box = SecretKeys.load(Map.of(), dataDir);
        String once = box.seal(TOKEN, "api_channels[ops].sealed_secrets");
        String twice = box.seal(TOKEN, "api_channels[ops].sealed_secrets");

        assertThat(once).startsWith(SecretBox.PREFIX).doesNotContain(TOKEN).isNotEqualTo(twice);
        assertThat(box.open(once, "api_channels[ops].sealed_secrets")).isEqualTo(TOKEN);
        assertThat(box.open(twice, "api_channels[ops].sealed_secrets")).isEqualTo(TOKEN);
        // Copied into another row, it does not open.
        assertThatThrownBy(() -> box.open(once, "api_channels[other].sealed_secrets")).isInstanceOf(SecretBox.CannotOpen.class);
        String altered = once.substring(0, once.length() - 6) + (once.endsWith("A") ? "B" : "A") + once.substring(once.length() - 5);
        assertThatThrownBy(() -> box.open(altered, "api_channels[ops].sealed_secrets")).isInstanceOf(SecretBox.CannotOpen.class);
    }

    @Test
    void aWrongKeyFailsWithAMessageThatSaysWhichValueAndWhy() {
        SecretBox right = SecretKeys.load(Map.of(), dataDir);
        String sealed = right.seal(TOKEN, "api_channels[ops].sealed_secrets");
        SecretBox wrong = SecretKeys.load(Map.of(SecretKeys.VARIABLE, Base64.getEncoder().encodeToString(new byte[32])), dataDir);

        assertThatThrownBy(() -> wrong.open(sealed, "api_channels[ops].sealed_secrets"))
                .isInstanceOf(SecretBox.CannotOpen.class)
                .hasMessageContaining("api_channels[ops].sealed_secrets")
                .hasMessageContaining("FAULTLINE_SECRET_KEY")
                .hasMessageContaining("not the one it was encrypted with");
    }

    @Test
    void theKeyFileIsMadeOnFirstStartReadableByTheOwnerOnlyAndKeptAfterwards() throws Exception {
        SecretBox first = SecretKeys.load(Map.of(), dataDir);
        Path file = dataDir.resolve(SecretKeys.FILE_NAME);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        String sealed = first.seal(TOKEN, "c");
        assertThat(SecretKeys.load(Map.of(), dataDir).open(sealed, "c")).isEqualTo(TOKEN); // the same key on the next start
        assertThat(first.keySource()).isEqualTo(file.toString());
    }

    @Test
    void theEnvironmentKeyWinsAndAMalformedOneIsAClearError() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(SecretKeys.load(Map.of(SecretKeys.VARIABLE, key), dataDir).keySource()).isEqualTo("FAULTLINE_SECRET_KEY");
        assertThat(dataDir.resolve(SecretKeys.FILE_NAME)).doesNotExist();

        assertThatThrownBy(() -> SecretKeys.load(Map.of(SecretKeys.VARIABLE, Base64.getEncoder().encodeToString(new byte[16])), dataDir))
                .hasMessage("FAULTLINE_SECRET_KEY: must be the base64 of 32 random bytes (e.g. openssl rand -base64 32), got 16 bytes");
        assertThatThrownBy(() -> SecretKeys.load(Map.of(SecretKeys.VARIABLE, "not base64!"), dataDir))
                .hasMessageStartingWith("FAULTLINE_SECRET_KEY: must be the base64 of 32 random bytes")
                .hasMessageEndingWith("it is not base64");
    }

    @Test
    void masksShowTheLastFourOfALongSecretAndNothingOfAShortOne() {
        assertThat(Masks.mask("https://hooks.slack.com/services/T0/B0/abcd1234")).isEqualTo("****1234");
        assertThat(Masks.mask("short")).isEqualTo("****");
        assertThat(Masks.keeps("****1234", "https://hooks.slack.com/services/T0/B0/abcd1234")).isTrue();
        assertThat(Masks.keeps("https://new.example/hook", "https://hooks.slack.com/services/T0/B0/abcd1234")).isFalse();
        assertThat(Masks.sensitiveHeader("Authorization")).isTrue();
        assertThat(Masks.sensitiveHeader("X-Api-Key")).isTrue();
        assertThat(Masks.sensitiveHeader("Accept")).isFalse();
    }
}
