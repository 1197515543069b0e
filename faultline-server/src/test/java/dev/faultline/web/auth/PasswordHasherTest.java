package dev.faultline.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void aHashIsArgon2idInPhcFormWithOwaspsParametersAndMatchesOnlyItsPassword() {
        String hash = hasher.hash("correct horse battery staple");

        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.matches("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.matches("correct horse battery stapler", hash)).isFalse();
        assertThat(hasher.matches("", hash)).isFalse();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTimeForItsRandomSalt() {
        assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
    }

    @Test
    void aHashStoredByTheEarlierLibraryStillMatches() {
        // Made by password4j 1.8.2 (Argon2id, m=19456, t=2, p=1, 16-byte salt, 32-byte hash), which
        // hashed the accounts of databases made before the switch.
        String stored = "$argon2id$v=19$m=19456,t=2,p=1$61HgELZpykM3i8Jci0ZTBg$acaYvGbsUlYMS6Avn5COcpKqWu+mn5GGzQzRhpK3D8E";

        assertThat(hasher.matches("correct horse battery staple", stored)).isTrue();
        assertThat(hasher.matches("correct horse battery stapl", stored)).isFalse();
    }

    @Test
    void anUnreadableOrOutlandishHashMatchesNothing() {
        String good = hasher.hash("pw");
        String salt = good.split("\\$")[4];
        String sum = good.split("\\$")[5];
        for (String bad : new String[] {"", "plain", "$argon2id$v=19$m=19456,t=2,p=1$" + salt,
                "$bcrypt$v=19$m=19456,t=2,p=1$" + salt + "$" + sum,
                "$argon2id$v=16$m=19456,t=2,p=1$" + salt + "$" + sum,
                "$argon2id$v=19$m=19456,t=2,p=1,x=3$" + salt + "$" + sum,
                "$argon2id$v=19$m=4194304,t=2,p=1$" + salt + "$" + sum, // 4 GiB: refused, not tried
                "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$!!not-base64!!"}) {
            assertThat(hasher.matches("pw", bad)).as(bad).isFalse();
        }
    }

    @Test
    void noUserStillCostsOneCheckAndNeverMatches() {
        assertThat(hasher.matchesNobody("not a password")).isFalse();
    }
}
