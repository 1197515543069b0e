package dev.faultline.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * An EC P-256 server key with its certificate, made by the JDK's keytool in a temp dir: either
 * self-signed, or issued by a throwaway CA made for it alone.
 *
 * <p>The JDK does not check the validity dates of a trust anchor, so a client that trusts a
 * self-signed certificate directly accepts it even when expired. Certificates issued by the
 * throwaway CA are validated like real ones: expiry and hostname both count.
 */
final class TestCertificate {

    private static final String SERVER = "server";
    private static final String CA = "ca";
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final KeyStore keyStore;
    final X509Certificate certificate;
    private final X509Certificate trustAnchor;

    private TestCertificate(KeyStore keyStore) throws GeneralSecurityException {
        keyStore.deleteEntry(CA); // only the server's key may be offered to clients
        this.keyStore = keyStore;
        var chain = keyStore.getCertificateChain(SERVER);
        this.certificate = (X509Certificate) chain[0];
        this.trustAnchor = (X509Certificate) chain[chain.length - 1];
    }

    /**
     * A certificate for {@code hostname} with the SAN entries {@code san} (keytool's syntax, e.g.
     * {@code ip:127.0.0.1,dns:localhost}), valid from {@code startDate} (keytool's syntax, e.g.
     * {@code -2d}; null for now) for {@code validityDays} days.
     */
    static TestCertificate generate(boolean issuedByCa, String hostname, String san, String startDate,
            int validityDays) {
        if (validityDays < 1) {
            throw new IllegalArgumentException("keytool needs a validity of at least one day: " + validityDays);
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("faultline-tls-");
            Path store = dir.resolve("keys.p12");
            if (issuedByCa) {
                keytool(store, "-genkeypair", "-alias", CA, "-dname", "CN=Faultline throwaway test CA",
                        "-ext", "bc:c", "-validity", "3650");
            }
            var server = new ArrayList<>(List.of("-genkeypair", "-alias", SERVER, "-dname", "CN=" + hostname,
                    "-ext", "SAN=" + san, "-validity", Integer.toString(validityDays)));
            if (startDate != null) {
                server.addAll(List.of("-startdate", startDate));
            }
            if (issuedByCa) {
                server.addAll(List.of("-signer", CA, "-signerkeypass", new String(PASSWORD)));
            }
            keytool(store, server.toArray(String[]::new));
            var keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, PASSWORD);
            }
            return new TestCertificate(keyStore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("keytool wrote a key store the JDK cannot read", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** A server-side context presenting this certificate (and its CA, if any). */
    SSLContext serverContext() {
        try {
            var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, PASSWORD);
            var context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trust manager that trusts this certificate's CA, or the certificate itself if self-signed. */
    X509TrustManager trustManager() {
        try {
            var trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("anchor", trustAnchor);
            var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            return (X509TrustManager) factory.getTrustManagers()[0];
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keytool(Path store, String... args) throws IOException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(PASSWORD),
                "-keypass", new String(PASSWORD), "-noprompt"));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keytool.waitFor(30, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + String.join(" ", command) + "\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keytool ran", e);
        } finally {
            keytool.destroyForcibly();
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover file in the temp dir is harmless
        }
    }
}
