package dev.faultline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** One benchmark's figures, written as JSON to the file bench/run names with {@code --out}. */
final class Report {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> figures = new LinkedHashMap<>();

    Report(String suite) {
        figures.put("suite", suite);
        figures.put("jvm", Runtime.version().toString());
        figures.put("jvm_args", ManagementFactory.getRuntimeMXBean().getInputArguments());
        figures.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    }

    Report put(String name, Object value) {
        figures.put(name, value instanceof Double d ? Samples.round(d) : value);
        return this;
    }

    void write(String out) {
        try {
            String text = JSON.writeValueAsString(figures);
            if (out.isEmpty()) {
                System.out.println(text);
            } else {
                Files.writeString(Path.of(out), text + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void log(String format, Object... args) {
        System.err.printf("bench: " + format + "%n", args);
    }
}
