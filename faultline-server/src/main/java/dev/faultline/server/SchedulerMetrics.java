package dev.faultline.server;

import dev.faultline.schedule.Scheduler;
import dev.faultline.store.ResultWriter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;

/**
 * Faultline's own meters, read from the scheduler and the result writer when scraped: nothing
 * on the check path itself pays for them.
 */
final class SchedulerMetrics {

    private SchedulerMetrics() {
    }

    static void bind(MeterRegistry meters, Scheduler scheduler, ResultWriter writer, LongSupplier backoffs) {
        FunctionCounter.builder("faultline_retry_after_backoffs", backoffs, LongSupplier::getAsLong)
                .description("Checks put off because the server answered 429 or 503 with Retry-After").register(meters);
        Gauge.builder("faultline_monitors", scheduler, s -> s.stats().monitors())
                .description("Monitors scheduled in the local region").register(meters);
        Gauge.builder("faultline_checks_in_flight", scheduler, s -> s.stats().inFlight())
                .description("Checks running or waiting for a permit").register(meters);
        FunctionCounter.builder("faultline_checks_skipped", scheduler, s -> s.stats().skipped())
                .description("Due runs skipped because the previous check of the monitor was still in flight").register(meters);
        Gauge.builder("faultline_schedule_lag_max_seconds", scheduler, s -> s.stats().lag().maxMillis() / 1000.0)
                .description("Longest delay from a check's due time to its start").register(meters);
        FunctionCounter.builder("faultline_results_written", writer, ResultWriter::written)
                .description("Check results written to the store").register(meters);
        FunctionCounter.builder("faultline_store_batches", writer, ResultWriter::batches)
                .description("Batches of results written to the store, one transaction each").register(meters);
        FunctionCounter.builder("faultline_store_batch_seconds", writer, ResultWriter::batchSeconds)
                .description("Time spent writing batches of results (divide by batches for the write latency)").register(meters);
        Gauge.builder("faultline_store_queue", writer, ResultWriter::queued)
                .description("Results waiting to be written to the store").register(meters);
        FunctionCounter.builder("faultline_results_dropped", writer, ResultWriter::dropped)
                .description("Check results dropped because the store could not keep up").register(meters);
    }

    private static double seconds(java.time.Duration duration) {
        return duration.toNanos() / 1e9;
    }

}
