package dev.faultline.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Passwords as Argon2id hashes in PHC form ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}),
 * with OWASP's minimum parameters: 19 MiB of memory, 2 passes, one lane, a 16-byte random salt and
 * a 32-byte hash. Each hash names its own parameters, so stronger ones can be chosen later without
 * breaking the stored hashes.
 *
 * <p>Bouncy Castle's generator takes its 19 MiB for the length of one hash and lets it go. (The
 * library used before kept the memory of every parameter set it had seen for the life of the
 * process: 20 MiB of a server's live heap, for a sign-in a day.)
 */
final class PasswordHasher {

    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    // A stored hash is trusted data, but a corrupted one must not make a sign-in take a gigabyte.
    private static final int MAX_MEMORY_KIB = 1 << 20;
    private static final int MAX_ITERATIONS = 64;
    private static final Map<String, Integer> TYPES = Map.of(
            "argon2id", Argon2Parameters.ARGON2_id, "argon2i", Argon2Parameters.ARGON2_i, "argon2d", Argon2Parameters.ARGON2_d);
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    // Checked when the user does not exist, so that a failure takes as long either way. Made on
    // first use, not at start.
    private static final class Dummy {
        static final String HASH = new PasswordHasher().hash("not a password");
    }

    String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = argon2(Argon2Parameters.ARGON2_id, MEMORY_KIB, ITERATIONS, PARALLELISM, salt, password, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether the password matches the hash; an unreadable hash matches nothing. */
    boolean matches(String password, String hash) {
        try {
            String[] parts = hash.split("\\$");
            // "", type, "v=19", "m=…,t=…,p=…", salt, hash
            if (parts.length != 6 || !parts[0].isEmpty() || !parts[2].equals("v=19")) return false;
            Integer type = TYPES.get(parts[1]);
            if (type == null) return false;
            int memory = -1;
            int iterations = -1;
            int parallelism = -1;
            for (String parameter : parts[3].split(",")) {
                String[] pair = parameter.split("=", 2);
                int value = Integer.parseInt(pair[1]);
                switch (pair[0]) {
                    case "m" -> memory = value;
                    case "t" -> iterations = value;
                    case "p" -> parallelism = value;
                    default -> {
                        return false;
                    }
                }
            }
            if (memory < 8 || memory > MAX_MEMORY_KIB || iterations < 1 || iterations > MAX_ITERATIONS
                    || parallelism < 1 || parallelism > 16) {
                return false;
            }
            byte[] salt = B64_DECODER.decode(parts[4]);
            byte[] expected = B64_DECODER.decode(parts[5]);
            if (expected.length < 4) return false;
            byte[] actual = argon2(type, memory, iterations, parallelism, salt, password, expected.length);
            return MessageDigest.isEqual(actual, expected);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Spends the time of one check and returns false: the answer for a user who does not exist. */
    boolean matchesNobody(String password) {
        matches(password, Dummy.HASH);
        return false;
    }

    private static byte[] argon2(int type, int memoryKib, int iterations, int parallelism, byte[] salt, String password,
                                 int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(type)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
