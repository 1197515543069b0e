package dev.faultline.trend;

/** The class of an HTTP status code, plus {@link #NONE} for checks that got no valid HTTP answer. */
public enum StatusClass {
    /** No HTTP answer (status 0: DNS, connect, TLS, timeout), or a code outside 100–599. */
    NONE("none"),
    INFORMATIONAL("1xx"),
    SUCCESS("2xx"),
    REDIRECT("3xx"),
    CLIENT_ERROR("4xx"),
    SERVER_ERROR("5xx");

    private final String id;

    StatusClass(String id) {
        this.id = id;
    }

    /** The name used in JSON and on the dashboard: {@code none}, {@code 1xx} … {@code 5xx}. */
    public String id() {
        return id;
    }

    public static StatusClass of(int status) {
        if (status < 100 || status > 599) return NONE;
        return values()[status / 100];
    }
}
