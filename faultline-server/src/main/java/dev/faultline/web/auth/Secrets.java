package dev.faultline.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random secrets (session ids, CSRF tokens, API tokens, the setup link) and their digests. A
 * secret of 256 random bits needs no slow hash: its SHA-256 digest is what the database keeps,
 * so that a copy of the database lets nobody in.
 */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** 256 random bits, URL-safe Base64 without padding (43 characters). */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 digest of a secret, in hex. */
    static String digest(String secret) {
        return HexFormat.of().formatHex(sha256(secret));
    }

    /** Whether two secrets are equal, in time that does not depend on where they differ. */
    static boolean same(String a, String b) {
        if (a == null || b == null) return false;
        // Comparing digests keeps the time independent of the lengths too.
        return MessageDigest.isEqual(sha256(a), sha256(b));
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
