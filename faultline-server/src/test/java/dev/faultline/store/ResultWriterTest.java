package dev.faultline.store;

import static dev.faultline.store.SampleResults.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.CheckResult;
import dev.faultline.store.StoreSettings.WriterSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The writer's batching and back-pressure, with a recording batch writer in place of a database. */
class ResultWriterTest {

    private final List<List<CheckResult>> batches = new CopyOnWriteArrayList<>();

    @Test
    void resultsArriveInBatchesNoLargerThanTheBatchSize() {
        try (ResultWriter writer = new ResultWriter(new WriterSettings(100, Duration.ofSeconds(10), 10_000, Duration.ofSeconds(1)),
                batches::add)) {
            for (int i = 0; i < 1_050; i++) writer.submit(result(i));
            writer.flush();

            assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(100));
            assertThat(batches.stream().flatMap(List::stream).toList()).hasSize(1_050);
            assertThat(batches.get(0).get(0)).isEqualTo(result(0));
        }
    }

    @Test
    void aFullBatchIsWrittenWithoutWaitingForItsDeadline() throws Exception {
        CountDownLatch wrote = new CountDownLatch(1);
        // The writer sleeps until a batch's deadline (an hour here); only a full batch wakes it early.
        try (ResultWriter writer = new ResultWriter(new WriterSettings(10, Duration.ofHours(1), 10_000, Duration.ofSeconds(1)),
                batch -> {
                    batches.add(batch);
                    if (batch.size() == 10) wrote.countDown();
                })) {
            for (int i = 0; i < 10; i++) writer.submit(result(i));

            assertThat(wrote.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(batches.getFirst()).hasSize(10);
        }
    }

    @Test
    void aQueueSmallerThanABatchIsDrainedBeforeItFills() throws Exception {
        // Half the queue wakes the writer: submit never waits for a writer asleep until the deadline.
        try (ResultWriter writer = new ResultWriter(new WriterSettings(1_000, Duration.ofHours(1), 20, Duration.ofSeconds(30)),
                batches::add)) {
            long start = System.nanoTime();
            for (int i = 0; i < 200; i++) writer.submit(result(i));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(writer.dropped()).isZero();
            assertThat(took).isLessThan(Duration.ofSeconds(20));
            writer.flush();
            assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(200);
        }
    }

    @Test
    void aLoneResultIsWrittenAfterTheMaximumDelay() throws Exception {
        CountDownLatch wrote = new CountDownLatch(1);
        try (ResultWriter writer = new ResultWriter(new WriterSettings(1_000, Duration.ofMillis(50), 10, Duration.ofSeconds(1)),
                batch -> wrote.countDown())) {
            long start = System.nanoTime();
            writer.submit(result(1));

            assertThat(wrote.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(40), Duration.ofSeconds(2));
        }
    }

    @Test
    void aFullQueueMakesSubmitWaitThenDropsAndCounts() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ResultWriter writer = new ResultWriter(new WriterSettings(1, Duration.ofMillis(1), 2, Duration.ofMillis(50)), batch -> {
            batches.add(batch);
            await(release);
        });
        writer.submit(result(0)); // taken by the writer, which then blocks
        while (batches.isEmpty()) Thread.sleep(1);
        writer.submit(result(1));
        writer.submit(result(2)); // the queue is now full

        long start = System.nanoTime();
        writer.submit(result(3));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(45));
        assertThat(writer.dropped()).isEqualTo(1);
        release.countDown();
        writer.close();
        assertThat(writer.written()).isEqualTo(3);
    }

    @Test
    void aFailingBatchIsRetriedThenDroppedAndCounted() {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger hiccups = new AtomicInteger();
        try (ResultWriter writer = new ResultWriter(new WriterSettings(10, Duration.ofMillis(1), 10, Duration.ofSeconds(1)),
                batch -> {
                    if (batch.contains(result(13))) {
                        attempts.incrementAndGet();
                        throw new IllegalStateException("database says no");
                    }
                    // A passing hiccup: the first attempt of the first batch fails.
                    if (hiccups.getAndIncrement() == 0) throw new IllegalStateException("hiccup");
                    batches.add(batch);
                })) {
            writer.submit(result(1));
            writer.flush();
            writer.submit(result(13));
            writer.flush();

            assertThat(batches).containsExactly(List.of(result(1)));
            assertThat(writer.written()).isEqualTo(1);
            assertThat(writer.dropped()).isEqualTo(1);
            assertThat(attempts.get()).isEqualTo(5);
        }
    }

    private static CheckResult result(int i) {
        return SampleResults.up("api", NOW.plusSeconds(i), Duration.ofMillis(5));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
