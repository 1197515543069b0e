package dev.faultline.web.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Passwords as Argon2id hashes in PHC form ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}),
 * with OWASP's minimum parameters: 19 MiB of memory, 2 passes, one lane, a 16-byte random salt.
 * Each hash names its own parameters, so stronger ones can be chosen later without breaking the
 * stored hashes.
 */
final class PasswordHasher {

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);

    // Checked when the user does not exist, so that a failure takes as long either way. Made on
    // first use, not at start: a hash takes 19 MiB of heap for a moment, and a server nobody
    // signs in to should not size its heap for it.
    private static final class Dummy {
        static final String HASH = Password.hash("not a password").addRandomSalt(16).with(ARGON2ID).getResult();
    }

    String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    /** Whether the password matches the hash; an unreadable hash matches nothing. */
    boolean matches(String password, String hash) {
        try {
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Spends the time of one check and returns false: the answer for a user who does not exist. */
    boolean matchesNobody(String password) {
        matches(password, Dummy.HASH);
        return false;
    }
}
