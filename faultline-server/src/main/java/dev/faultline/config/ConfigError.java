package dev.faultline.config;

/**
 * One problem in a configuration file, where it is and what is wrong.
 *
 * @param source  the file as the user named it, e.g. {@code faultline.yaml}
 * @param line    1-based; 0 when the problem concerns the whole file (it cannot be read)
 * @param column  1-based; 0 with line 0
 * @param path    the field, e.g. {@code monitors[2].expect.status}; empty for the document itself
 */
public record ConfigError(String source, int line, int column, String path, String message) {

    /** Compiler style, e.g. {@code faultline.yaml:12:15: monitors[2].expect.status: invalid status set ...}. */
    @Override
    public String toString() {
        String where = line > 0 ? source + ":" + line + ":" + column : source;
        return where + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
