package dev.faultline.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.secret.SecretBox;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** API channels in the store, on SQLite and PostgreSQL: credentials only ever sealed in the row. */
class ChannelRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    private static final String TOKEN_URL = "https://hooks.example.com/services/T000/B000/XyZ-s3cr3t-t0ken";

    @DatabaseTest
    void aChannelRoundTripsWithItsCredentialsSealedInTheRow(TestDatabase db) throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SecretBox box = new SecretBox(key, "test key");
        ChannelRepository channels = db.open().channels();
        String context = "api_channels[ops].sealed_secrets";
        StoredChannel stored = new StoredChannel("ops", "webhook", List.of("critical"), Map.of("timeout", "5s"),
                box.seal("{\"url\":\"" + TOKEN_URL + "\",\"secret\":\"hmac-shared-secret\"}", context), T0, T0);

        assertThat(channels.insert(stored)).isTrue();
        assertThat(channels.insert(stored)).isFalse();
        StoredChannel read = channels.find("ops").orElseThrow();
        assertThat(read).isEqualTo(stored);
        assertThat(box.open(read.sealedSecrets(), context)).contains(TOKEN_URL).contains("hmac-shared-secret");

        try (Connection c = db.connect(); ResultSet row = c.createStatement().executeQuery(
                "SELECT severities, settings, sealed_secrets FROM api_channels WHERE name = 'ops'")) {
            row.next();
            String everything = row.getString(1) + row.getString(2) + row.getString(3);
            assertThat(everything).doesNotContain("s3cr3t").doesNotContain("hmac-shared-secret").doesNotContain("hooks.example.com");
        }

        StoredChannel changed = new StoredChannel("ops", "webhook", List.of("warning"), Map.of(), box.seal("{}", context),
                T0.plusSeconds(9), T0.plusSeconds(60));
        assertThat(channels.update(changed)).isTrue();
        assertThat(channels.all()).singleElement().satisfies(c -> {
            assertThat(c.severities()).containsExactly("warning");
            assertThat(c.createdAt()).isEqualTo(T0); // creation kept
            assertThat(c.updatedAt()).isEqualTo(T0.plusSeconds(60));
        });
        assertThat(channels.delete("ops")).isTrue();
        assertThat(channels.delete("ops")).isFalse();
        assertThat(channels.find("ops")).isEmpty();
    }
}
