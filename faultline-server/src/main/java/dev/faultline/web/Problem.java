package dev.faultline.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An error answer as RFC 9457 problem details, with each offending field named in
 * {@code errors}. Served as {@code application/problem+json}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String CONTENT_TYPE = "application/problem+json";

    /** One field that was wrong and why; {@code line}/{@code column} point into the request body when known. */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record FieldError(String field, String message, int line, int column) {
    }

    public static Problem of(int status, String title, String detail, String instance) {
        return new Problem("about:blank", title, status, detail, instance, List.of());
    }

    public static Problem invalid(String detail, String instance, List<FieldError> errors) {
        return new Problem("urn:faultline:problem:invalid-monitor", "Invalid monitor", 422, detail, instance, errors);
    }
}
