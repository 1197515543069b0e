package dev.faultline.store;

import dev.faultline.check.CheckResult;
import java.util.List;
import java.util.Optional;

/**
 * Results, newest first, and where the next page starts.
 *
 * @param next present when there may be older results: pass it as {@code before} for the next page
 */
public record ResultPage(List<CheckResult> results, Optional<ResultCursor> next) {

    public ResultPage {
        results = List.copyOf(results);
    }
}
