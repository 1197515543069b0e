package dev.faultline.web;

/** A request the API cannot serve, carried to one handler that writes it as problem details. */
final class ApiRequestException extends RuntimeException {

    private final Problem problem;

    ApiRequestException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }

    static ApiRequestException badParameter(String name, String message, String instance) {
        return new ApiRequestException(new Problem("about:blank", "Bad request", 400, name + ": " + message, instance,
                java.util.List.of(new Problem.FieldError(name, message, 0, 0))));
    }

    static ApiRequestException notFound(String detail, String instance) {
        return new ApiRequestException(Problem.of(404, "Not found", detail, instance));
    }
}
