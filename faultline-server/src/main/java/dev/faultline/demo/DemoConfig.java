package dev.faultline.demo;

import dev.faultline.config.ConfigLoader;
import dev.faultline.config.LoadResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The configuration {@code faultline demo} runs, read from the jar's {@code demo/faultline-demo.yaml}
 * and aimed at a running {@link DemoSite}: one place, so that the command and the tests that walk
 * through the demo run the same monitors.
 */
public final class DemoConfig {

    private static final String RESOURCE = "/demo/faultline-demo.yaml";

    private DemoConfig() {
    }

    /**
     * The demo's configuration for {@code site}, served on {@code port} (0 for any free one) with its
     * data under {@code dataDir}; {@code environment} supplies {@code DEMO_API_TOKEN} and anything else
     * the file names.
     */
    public static LoadResult load(DemoSite site, int port, Path dataDir, Map<String, String> environment) {
        Map<String, String> variables = new HashMap<>(environment);
        variables.put("DEMO", site.baseUrl());
        String text = text()
                .replace("port: 8080", "port: " + port)
                .replace("data_dir: ./data/demo", "data_dir: \"" + dataDir.toString().replace("\\", "/") + "\"");
        return new ConfigLoader(variables).parse(text, "faultline-demo.yaml");
    }

    /** The file as shipped, for those who copy it as a starting point. */
    public static String text() {
        try (InputStream in = DemoConfig.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("the demo configuration is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
