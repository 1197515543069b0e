package dev.faultline.secret;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets for the database with AES-256-GCM: a fresh random 96-bit nonce per seal, a 128-bit
 * tag, and associated data that binds the sealed text to the row and field it belongs to (a sealed
 * value copied into another row does not open). A sealed value reads {@code v1.<base64 of nonce
 * and ciphertext>}. The key never leaves this object: {@link #toString()} does not show it.
 */
public final class SecretBox {

    /** The prefix of every sealed value, with the format's version. */
    public static final String PREFIX = "v1.";
    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String keySource;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param key       32 bytes
     * @param keySource where the key came from, for error messages (never the key itself)
     */
    public SecretBox(byte[] key, String keySource) {
        Objects.requireNonNull(key, "key");
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(keySource + ": an AES-256 key is " + KEY_BYTES + " bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.keySource = keySource;
    }

    /** Where the key came from: {@code FAULTLINE_SECRET_KEY} or the key file. */
    public String keySource() {
        return keySource;
    }

    /**
     * Encrypts {@code plaintext}, bound to {@code context} (e.g. {@code channel:pager:secrets}):
     * only the same context opens it.
     */
    public String seal(String plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JVM", e);
        }
    }

    /**
     * Decrypts what {@link #seal} gave for the same {@code context}.
     *
     * @throws CannotOpen when the key is not the one it was sealed with, the text was changed, or
     *                    it belongs to another context
     */
    public String open(String sealed, String context) {
        Objects.requireNonNull(sealed, "sealed");
        if (!sealed.startsWith(PREFIX)) throw new CannotOpen(context + ": not a sealed value (it does not start with " + PREFIX + ")");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new CannotOpen(context + ": the sealed value is damaged (not base64)");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) throw new CannotOpen(context + ": the sealed value is damaged (too short)");
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(bytes, NONCE_BYTES), context);
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new CannotOpen(context + ": cannot decrypt it with the key from " + keySource
                    + ": the key is not the one it was encrypted with (was FAULTLINE_SECRET_KEY or the key file changed?),"
                    + " or the stored value was altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JVM", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "SecretBox[AES-256-GCM, key from " + keySource + "]";
    }

    /** A sealed value that does not open: the wrong key, or damaged. The message says which value and why. */
    public static final class CannotOpen extends IllegalStateException {
        public CannotOpen(String message) {
            super(message);
        }
    }
}
