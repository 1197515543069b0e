package dev.faultline.check;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The precise reason behind a verdict. Each cause has its fault and outcome fixed here, in one
 * place: this table is the public contract of DESIGN.md §7.
 */
public enum Cause {
    OK(Fault.NONE, Outcome.UP),
    SLOW_RESPONSE(Fault.NONE, Outcome.DEGRADED),
    CERTIFICATE_EXPIRING(Fault.NONE, Outcome.DEGRADED),

    INTERNAL_SERVER_ERROR(Fault.SERVER, Outcome.DOWN),
    BAD_GATEWAY(Fault.SERVER, Outcome.DOWN),
    SERVICE_UNAVAILABLE(Fault.SERVER, Outcome.DOWN),
    GATEWAY_TIMEOUT(Fault.SERVER, Outcome.DOWN),
    OTHER_5XX(Fault.SERVER, Outcome.DOWN),

    UNAUTHORIZED(Fault.CLIENT, Outcome.DOWN),
    FORBIDDEN(Fault.CLIENT, Outcome.DOWN),
    NOT_FOUND(Fault.CLIENT, Outcome.DOWN),
    RATE_LIMITED(Fault.CLIENT, Outcome.DOWN),
    OTHER_4XX(Fault.CLIENT, Outcome.DOWN),

    UNEXPECTED_STATUS(Fault.SERVER, Outcome.DOWN),
    CONNECTION_REFUSED(Fault.SERVER, Outcome.DOWN),
    READ_TIMEOUT(Fault.SERVER, Outcome.DOWN),
    TLS_FAILURE(Fault.SERVER, Outcome.DOWN),
    PROTOCOL_ERROR(Fault.SERVER, Outcome.DOWN),
    REDIRECT_LOOP(Fault.SERVER, Outcome.DOWN),

    DNS_FAILURE(Fault.NETWORK, Outcome.DOWN),
    CONNECT_TIMEOUT(Fault.NETWORK, Outcome.DOWN),

    BODY_MISMATCH(Fault.CONTENT, Outcome.DOWN),
    HEADER_MISMATCH(Fault.CONTENT, Outcome.DOWN);

    private final Fault fault;
    private final Outcome outcome;

    Cause(Fault fault, Outcome outcome) {
        this.fault = fault;
        this.outcome = outcome;
    }

    public Fault fault() {
        return fault;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The snake_case name used in JSON, config and messages, e.g. {@code bad_gateway}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Cause> fromId(String id) {
        return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst();
    }

    /**
     * The cause of an HTTP status the monitor did not expect. Any code outside 4xx and 5xx that
     * is unexpected (a 1xx, 2xx or 3xx) means the server did not give the answer it should.
     */
    public static Cause ofUnexpectedStatus(int status) {
        return switch (status) {
            case 500 -> INTERNAL_SERVER_ERROR;
            case 502 -> BAD_GATEWAY;
            case 503 -> SERVICE_UNAVAILABLE;
            case 504 -> GATEWAY_TIMEOUT;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 429 -> RATE_LIMITED;
            default -> {
                if (status >= 500 && status <= 599) yield OTHER_5XX;
                if (status >= 400 && status <= 499) yield OTHER_4XX;
                yield UNEXPECTED_STATUS;
            }
        };
    }
}
