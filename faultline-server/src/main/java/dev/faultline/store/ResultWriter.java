package dev.faultline.store;

import dev.faultline.check.CheckResult;
import dev.faultline.store.StoreSettings.WriterSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes check results from any thread and writes them from one thread, in batches: a
 * transaction per batch of at most {@code batchSize} results, started as soon as the batch is
 * full or its first result has waited {@code maxDelay}. A process killed at any moment therefore
 * loses at most the results of the last {@code maxDelay} plus one batch's write.
 *
 * <p>While a batch fills, the writer thread sleeps until its deadline: a result queued does not
 * wake it (at 800 results a second that was 800 wake-ups, each a context switch on both sides);
 * only a full batch, a flush or closing does.
 *
 * <p>The queue is bounded. When it is full (the database has fallen behind), {@link #submit}
 * waits up to {@code fullQueueWait} for room, slowing the checks down a little rather than
 * losing results; past that it drops the result, counts it in {@link #dropped()} and logs a
 * warning, because a stalled database must not stall the checks and the alerts behind them.
 * A batch the database keeps refusing is retried for a few seconds, then dropped and counted
 * the same way.
 */
public final class ResultWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResultWriter.class);
    private static final int ATTEMPTS = 5;
    private static final long FIRST_RETRY_MS = 100;
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final WriterSettings settings;
    private final Consumer<List<CheckResult>> batchWrite;
    private final BlockingQueue<Object> queue;
    private final Thread thread;
    // Queued results that wake the writer before its deadline: what its batch still lacks, or half
    // the queue when that is less, so that a queue smaller than a batch never fills while it sleeps.
    private volatile int wakeAt;
    // submit holds the read side while it checks "closed" and queues; close takes the write side,
    // so nothing can be queued behind the stop marker.
    private final ReadWriteLock closing = new ReentrantReadWriteLock();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong batchNanos = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private boolean closed;

    private record Flush(CompletableFuture<Void> done) {
    }

    private enum Stop { STOP }

    ResultWriter(WriterSettings settings, Consumer<List<CheckResult>> batchWrite) {
        this.settings = settings;
        this.batchWrite = batchWrite;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.wakeAt = wakeAt(0);
        this.thread = Thread.ofPlatform().name("faultline-result-writer").daemon().unstarted(this::run);
        thread.start();
    }

    /**
     * Queues a result for writing; returns at once unless the queue is full (see the class comment).
     *
     * @throws IllegalStateException when the writer is closed
     */
    public void submit(CheckResult result) {
        closing.readLock().lock();
        try {
            requireOpen();
            if (!queue.offer(result, settings.fullQueueWait().toNanos(), TimeUnit.NANOSECONDS)) {
                dropped.incrementAndGet();
                warnDropped();
            } else if (queue.size() >= wakeAt) {
                LockSupport.unpark(thread); // a full batch need not wait for its deadline
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dropped.incrementAndGet();
        } finally {
            closing.readLock().unlock();
        }
    }

    /** Returns once every result submitted before the call is written (or dropped and counted). */
    public void flush() {
        Flush flush = new Flush(new CompletableFuture<>());
        closing.readLock().lock();
        try {
            requireOpen();
            queue.put(flush);
            LockSupport.unpark(thread);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while flushing", e);
        } finally {
            closing.readLock().unlock();
        }
        flush.done().join();
    }

    /** Results written so far. */
    public long written() {
        return written.get();
    }

    /** Results lost because the queue stayed full or the database kept refusing them. */
    /** Batches written, and the time their transactions took in all: the store's write latency. */
    public long batches() {
        return batches.get();
    }

    public double batchSeconds() {
        return batchNanos.get() / 1e9;
    }

    /** Results waiting to be written. */
    public int queued() {
        return queue.size();
    }

    public long dropped() {
        return dropped.get();
    }

    /** Stops taking results, writes every queued one, and waits for the writer thread to end. */
    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            if (closed) return;
            closed = true;
            queue.put(Stop.STOP);
            LockSupport.unpark(thread);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closing.writeLock().unlock();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void requireOpen() {
        if (closed) throw new IllegalStateException("the result writer is closed");
    }

    private void run() {
        List<Object> taken = new ArrayList<>();
        List<CheckResult> batch = new ArrayList<>();
        List<Flush> flushes = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                taken.add(queue.take());
                long deadline = System.nanoTime() + settings.maxDelay().toNanos();
                // Fill the batch until it is full, its first result has waited long enough, or someone waits for it.
                while (true) {
                    queue.drainTo(taken, settings.batchSize() - batch.size() - taken.size());
                    for (Object item : taken) {
                        switch (item) {
                            case CheckResult result -> batch.add(result);
                            case Flush flush -> flushes.add(flush);
                            case Stop stop -> stopping = true;
                            default -> throw new IllegalStateException("unexpected item " + item);
                        }
                    }
                    taken.clear();
                    long left = deadline - System.nanoTime();
                    if (stopping || !flushes.isEmpty() || batch.size() >= settings.batchSize() || left <= 0) break;
                    // Woken early by a full batch, a flush or close (see submit); a spurious return just loops.
                    wakeAt = wakeAt(batch.size());
                    if (queue.size() >= wakeAt) continue; // filled while the last results were sorted
                    LockSupport.parkNanos(this, left);
                    if (Thread.interrupted()) throw new InterruptedException();
                }
            } catch (InterruptedException e) {
                LOG.warn("result writer interrupted; writing what it holds and stopping");
                stopping = true;
            }
            if (!batch.isEmpty()) write(batch);
            batch = new ArrayList<>(); // the written one is the batch writer's to keep
            flushes.forEach(f -> f.done().complete(null));
            flushes.clear();
        }
    }

    private int wakeAt(int batched) {
        return Math.max(1, Math.min(settings.batchSize() - batched, settings.queueCapacity() / 2));
    }

    private void write(List<CheckResult> batch) {
        long backoff = FIRST_RETRY_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                long start = System.nanoTime();
                batchWrite.accept(batch);
                batchNanos.addAndGet(System.nanoTime() - start);
                batches.incrementAndGet();
                written.addAndGet(batch.size());
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    dropped.addAndGet(batch.size());
                    LOG.error("dropped {} results after {} failed attempts to write them", batch.size(), ATTEMPTS, e);
                    return;
                }
                LOG.warn("writing {} results failed (attempt {} of {}), retrying in {} ms: {}",
                        batch.size(), attempt, ATTEMPTS, backoff, e.toString());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                backoff *= 2;
            }
        }
    }

    private void warnDropped() {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.warn("the result queue has been full for {} ms: dropping results ({} so far); the database is too slow",
                    settings.fullQueueWait().toMillis(), dropped.get());
        }
    }
}
