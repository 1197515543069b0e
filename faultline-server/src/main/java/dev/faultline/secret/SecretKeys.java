package dev.faultline.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the key for secrets at rest comes from: {@code FAULTLINE_SECRET_KEY} (the base64 of 32
 * bytes) when set, else {@code <data_dir>/secret.key}, made on first start with fresh random
 * bytes and readable by the owner only (0600). Lose the key and the stored secrets are lost
 * with it: back the file up with the database.
 */
public final class SecretKeys {

    public static final String VARIABLE = "FAULTLINE_SECRET_KEY";
    public static final String FILE_NAME = "secret.key";
    private static final Logger log = LoggerFactory.getLogger(SecretKeys.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SecretKeys() {
    }

    /**
     * @throws IllegalArgumentException when the variable or the file does not hold the base64 of 32 bytes
     */
    public static SecretBox load(Map<String, String> environment, Path dataDir) {
        String given = environment.get(VARIABLE);
        if (given != null && !given.isBlank()) return new SecretBox(decode(given, VARIABLE), VARIABLE);
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) create(file);
            warnIfOthersCanRead(file);
            return new SecretBox(decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString()), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret key " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The key as {@link #load} finds it, but never made: empty when neither the variable nor the
     * file is there. For tools that only read what the server stored (notify-test).
     *
     * @throws IllegalArgumentException when the variable or the file does not hold the base64 of 32 bytes
     */
    public static java.util.Optional<SecretBox> existing(Map<String, String> environment, Path dataDir) {
        String given = environment.get(VARIABLE);
        if ((given == null || given.isBlank()) && !Files.exists(dataDir.resolve(FILE_NAME))) return java.util.Optional.empty();
        return java.util.Optional.of(load(environment, dataDir));
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] key = new byte[SecretBox.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            // Created with owner-only permissions, never readable by others even for a moment.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            return; // another process made it first: use theirs
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        log.info("created the key for secrets at rest: {} (owner only; back it up with the database)", file);
    }

    private static void warnIfOthersCanRead(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                log.warn("{} can be read by others ({}): chmod 600 it", file, PosixFilePermissions.toString(permissions));
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        }
    }

    private static byte[] decode(String text, String source) {
        try {
            byte[] key = Base64.getDecoder().decode(text.strip());
            if (key.length != SecretBox.KEY_BYTES) {
                throw new IllegalArgumentException(source + ": must be the base64 of " + SecretBox.KEY_BYTES
                        + " random bytes (e.g. openssl rand -base64 32), got " + key.length + " bytes");
            }
            return key;
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(source)) throw e;
            throw new IllegalArgumentException(source + ": must be the base64 of " + SecretBox.KEY_BYTES
                    + " random bytes (e.g. openssl rand -base64 32); it is not base64");
        }
    }
}
