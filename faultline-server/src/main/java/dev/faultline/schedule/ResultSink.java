package dev.faultline.schedule;

import dev.faultline.check.CheckResult;

/**
 * Where every result goes (the store writer and the incident engine stand behind it). Called on
 * the check's own thread, so it must be cheap: hand the result on, do not write it there. The
 * scheduler logs and counts what it throws.
 */
@FunctionalInterface
public interface ResultSink {

    void accept(CheckResult result);
}
