package dev.faultline.check;

/** One request header a monitor sends. */
public record Header(String name, String value) {
    public Header {
        if (name == null || name.isBlank() || !name.chars().allMatch(Header::isTokenChar)) {
            throw new IllegalArgumentException("invalid header name '" + name + "'");
        }
        if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("invalid value for header '" + name + "': no line breaks allowed");
        }
    }

    /** Parses {@code "Name: value"} as given on the command line. */
    public static Header parse(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("invalid header '" + line + "': expected 'Name: value'");
        }
        return new Header(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
    }

    // RFC 9110 token characters.
    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
}
