package dev.faultline.schedule;

import dev.faultline.check.CheckResult;
import dev.faultline.monitor.Monitor;

/**
 * Checks one monitor once, blocking until the check is over; the scheduler calls it on a
 * virtual thread of its own. Expected failures are part of the result; an exception is a bug,
 * which the scheduler logs and counts.
 */
@FunctionalInterface
public interface CheckRunner {

    CheckResult run(Monitor monitor, String region);
}
