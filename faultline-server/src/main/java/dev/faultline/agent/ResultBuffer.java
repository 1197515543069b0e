package dev.faultline.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.check.CheckResult;
import dev.faultline.json.ResultJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every result the agent produces, on disk until the server has it: append-only segment files,
 * one JSON line per result. The open segment ({@code .open}) takes new results; sealing it makes
 * it a batch ({@code .seg}) whose file name is the batch id the server stores it under, so a
 * batch sent twice is stored once. A sealed segment is deleted when the server has it.
 *
 * <p>Bounded: when the files would pass {@code maxBytes}, the oldest sealed segments are dropped
 * and the results lost are counted and logged. A segment left open by a crash is sealed when the
 * buffer opens again; a line torn by the crash is skipped. Thread-safe.
 */
final class ResultBuffer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ResultBuffer.class);
    private static final String OPEN = ".open";
    private static final String SEALED = ".seg";

    /** A sealed batch: its file, its id, and how many results it holds. */
    record Segment(Path file, String batchId, int results) {
    }

    private final Path dir;
    private final long maxBytes;
    private final int batchSize;
    private final ObjectMapper mapper;
    private final Deque<Segment> sealed = new ArrayDeque<>();
    private long sequence;
    private long bytes;
    private long dropped;
    private Path openFile;
    private OutputStream open;
    private int openResults;

    private ResultBuffer(Path dir, long maxBytes, int batchSize, ObjectMapper mapper) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.batchSize = batchSize;
        this.mapper = mapper;
    }

    /** Opens the buffer in {@code dir}, taking up what a previous run left there. */
    static ResultBuffer open(Path dir, long maxBytes, int batchSize, ObjectMapper mapper) throws IOException {
        Files.createDirectories(dir);
        ResultBuffer buffer = new ResultBuffer(dir, maxBytes, batchSize, mapper);
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(OPEN) || f.getFileName().toString().endsWith(SEALED))
                    .sorted().toList();
        }
        for (Path file : files) {
            Path segment = file;
            if (file.getFileName().toString().endsWith(OPEN)) {
                segment = file.resolveSibling(baseName(file) + SEALED);
                Files.move(file, segment, StandardCopyOption.ATOMIC_MOVE);
            }
            int results = buffer.read(segment).size();
            if (results == 0) {
                Files.delete(segment);
                continue;
            }
            buffer.sealed.add(new Segment(segment, baseName(segment), results));
            buffer.bytes += Files.size(segment);
            buffer.sequence = Math.max(buffer.sequence, Long.parseLong(baseName(segment).substring(0, 16)) + 1);
        }
        if (!buffer.sealed.isEmpty()) {
            log.info("result buffer {}: {} result(s) from before the restart wait to be sent", dir, buffer.waiting());
        }
        return buffer;
    }

    /** Keeps a result; a full open segment is sealed at once. */
    synchronized void append(CheckResult result) {
        try {
            byte[] line = (mapper.writeValueAsString(ResultJson.of(result)) + "\n").getBytes(StandardCharsets.UTF_8);
            if (open == null) {
                String name = "%016d-%s".formatted(sequence++, UUID.randomUUID());
                openFile = dir.resolve(name + OPEN);
                open = Files.newOutputStream(openFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            // One write per line, straight to the file: a killed agent loses no result it had written.
            open.write(line);
            open.flush();
            openResults++;
            bytes += line.length;
            if (openResults >= batchSize) seal();
            enforceBound();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the result buffer " + dir, e);
        }
    }

    /** Makes the open segment a batch ready to send; nothing happens when it holds no result. */
    synchronized void seal() {
        if (open == null) return;
        try {
            open.close();
            Path segment = openFile.resolveSibling(baseName(openFile) + SEALED);
            Files.move(openFile, segment, StandardCopyOption.ATOMIC_MOVE);
            sealed.add(new Segment(segment, baseName(segment), openResults));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot seal the result buffer's segment " + openFile, e);
        } finally {
            open = null;
            openFile = null;
            openResults = 0;
        }
    }

    /** The oldest batch not yet sent. */
    synchronized Optional<Segment> oldest() {
        return Optional.ofNullable(sealed.peekFirst());
    }

    /** The results of a batch; empty when the batch was dropped meanwhile. */
    List<CheckResult> results(Segment segment) throws IOException {
        try {
            return read(segment.file());
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /** The server has the batch: its file goes. */
    synchronized void sent(Segment segment) throws IOException {
        if (!sealed.remove(segment)) return; // dropped by the bound meanwhile
        bytes -= Files.size(segment.file());
        Files.deleteIfExists(segment.file());
    }

    /** Results kept and not yet sent, the open segment's included. */
    synchronized long waiting() {
        return sealed.stream().mapToLong(Segment::results).sum() + openResults;
    }

    /** Results dropped because the buffer was full. */
    synchronized long dropped() {
        return dropped;
    }

    private void enforceBound() throws IOException {
        long lost = 0;
        int files = 0;
        while (bytes > maxBytes && !sealed.isEmpty()) {
            Segment oldest = sealed.removeFirst();
            bytes -= Files.size(oldest.file());
            Files.deleteIfExists(oldest.file());
            lost += oldest.results();
            files++;
        }
        if (lost > 0) {
            dropped += lost;
            log.warn("result buffer {} is full ({} bytes): dropped the oldest {} result(s) in {} batch(es), {} in all",
                    dir, maxBytes, lost, files, dropped);
        }
    }

    private List<CheckResult> read(Path file) throws IOException {
        List<CheckResult> results = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            try {
                results.add(mapper.readValue(line, ResultJson.class).toResult());
            } catch (IOException | IllegalArgumentException e) {
                // Only a crash mid-write tears a line, and only the last one.
                log.warn("result buffer {}: skipped an unreadable line {} ({})", file.getFileName(), i + 1, e.getMessage());
            }
        }
        return results;
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    @Override
    public synchronized void close() {
        seal();
    }
}
