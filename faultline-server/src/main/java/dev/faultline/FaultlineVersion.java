package dev.faultline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version this build carries, read once from the resource Maven filters at build time. */
public final class FaultlineVersion {

    private static final String VERSION = load();

    private FaultlineVersion() {
    }

    public static String get() {
        return VERSION;
    }

    /** The User-Agent every probe sends, so operators can recognise (and allow-list) Faultline. */
    public static String userAgent() {
        return "Faultline/" + VERSION;
    }

    /**
     * The User-Agent of a probe in a region, {@code Faultline/<version> (+region=<name>)}: the
     * target's logs tell which region a request came from, and a test target can answer by it.
     */
    public static String userAgent(String region) {
        return userAgent() + " (+region=" + region + ")";
    }

    private static String load() {
        try (InputStream in = FaultlineVersion.class.getResourceAsStream("/faultline-version.properties")) {
            if (in == null) return "dev";
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
