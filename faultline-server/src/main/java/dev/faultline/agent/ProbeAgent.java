package dev.faultline.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.FaultlineVersion;
import dev.faultline.check.CheckJudge;
import dev.faultline.check.CheckResult;
import dev.faultline.json.AgentWire.Assignment;
import dev.faultline.json.AgentWire.Receipt;
import dev.faultline.json.Json;
import dev.faultline.json.MonitorJson;
import dev.faultline.monitor.Monitor;
import dev.faultline.check.MonitorSpec;
import dev.faultline.probe.Canaries;
import dev.faultline.probe.HttpProber;
import dev.faultline.probe.JacksonJsonValueReader;
import dev.faultline.probe.ProbeClients;
import dev.faultline.schedule.Scheduler;
import dev.faultline.schedule.SchedulerLimits;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code faultline probe}: one region's probe. Two loops on their own threads: the poll takes
 * the region's monitors and canaries (kept on disk too, so that an agent restarted while the server is down
 * goes on checking) and re-check requests; the upload seals the buffer every
 * {@link AgentSettings#uploadEvery()} and sends the batches oldest first, deleting each once the
 * server has stored it. Checks run on the server's own {@link Scheduler} and {@link HttpProber}.
 */
public final class ProbeAgent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProbeAgent.class);
    private static final String ASSIGNMENT_FILE = "assignment.json";
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(5);
    // The statuses by which the server says the batch itself is bad (malformed, too large, invalid): sent again, it would be again.
    private static final Set<Integer> BATCH_REFUSED = Set.of(400, 413, 422);

    private final AgentSettings settings;
    private final ObjectMapper mapper = Json.mapper();
    private final ResultBuffer buffer;
    private final Scheduler scheduler;
    private final Canaries canaries;
    private final ServerLink link;
    private final Thread poller;
    private final Thread uploader;
    private volatile boolean closed;
    private long version = -1;

    private ProbeAgent(AgentSettings settings, Clock clock) throws IOException {
        this.settings = settings;
        this.buffer = ResultBuffer.open(settings.bufferDir(), settings.bufferMax(), AgentSettings.BATCH_SIZE, mapper);
        HttpProber prober = new HttpProber(ProbeClients.create(false), new CheckJudge(new JacksonJsonValueReader(mapper)), clock,
                FaultlineVersion.userAgent(settings.region()));
        // Canary results go into the buffer ahead of the failure that made them be checked: the server hears them first.
        this.canaries = new Canaries(prober, settings.region(), clock, buffer::append);
        this.scheduler = new Scheduler(clock, (monitor, region) -> prober.check(monitor.id(), monitor.spec(), region),
                result -> canaries.gate(result, buffer::append), SchedulerLimits.DEFAULTS, settings.region());
        this.link = new ServerLink(settings, mapper);
        this.poller = Thread.ofPlatform().name("agent-poll").daemon().unstarted(this::pollLoop);
        this.uploader = Thread.ofPlatform().name("agent-upload").daemon().unstarted(this::uploadLoop);
    }

    /** Starts checking what the last run was assigned (if anything), then polls and uploads. */
    public static ProbeAgent start(AgentSettings settings, Clock clock) throws IOException {
        ProbeAgent agent = new ProbeAgent(settings, clock);
        agent.savedAssignment().ifPresent(saved -> {
            agent.apply(saved);
            log.info("checking the {} monitor(s) assigned before the restart until the server answers", saved.monitors().size());
        });
        agent.scheduler.start();
        agent.canaries.start();
        agent.poller.start();
        agent.uploader.start();
        log.info("probe agent for region {} polling {}", settings.region(), settings.server());
        return agent;
    }

    private void pollLoop() {
        Backoff backoff = new Backoff();
        while (!closed) {
            try {
                Assignment assignment = link.poll(version);
                if (assignment.version() != version) {
                    apply(assignment);
                    save(assignment);
                }
                assignment.rechecks().forEach(scheduler::recheckNow);
                backoff.reset();
            } catch (IOException | ServerLink.Refused e) {
                if (closed) return;
                backoff.failed("poll", e);
            } catch (RuntimeException e) {
                log.error("applying the assignment failed", e);
                backoff.failed("poll", e);
            }
        }
    }

    private void uploadLoop() {
        Backoff backoff = new Backoff();
        while (!closed) {
            try {
                Thread.sleep(settings.uploadEvery());
                buffer.seal();
                uploadAll();
                backoff.reset();
            } catch (InterruptedException e) {
                return;
            } catch (IOException | ServerLink.Refused e) {
                if (closed) return;
                backoff.failed("upload", e);
            } catch (RuntimeException e) {
                // The buffer's disk failing (UncheckedIOException) must not end the uploads for good: tried again after a pause.
                if (closed) return;
                log.error("uploading the buffered results failed; trying again", e);
                backoff.failed("upload", e);
            }
        }
    }

    /** Sends every sealed batch, oldest first, until one fails. */
    private void uploadAll() throws IOException, ServerLink.Refused {
        Optional<ResultBuffer.Segment> next;
        while (!closed && (next = buffer.oldest()).isPresent()) {
            ResultBuffer.Segment segment = next.get();
            List<CheckResult> results = buffer.results(segment);
            try {
                Receipt receipt = link.upload(segment.batchId(), results);
                if (receipt.duplicate()) log.info("batch {} was stored before; not stored again", segment.batchId());
            } catch (ServerLink.Refused refused) {
                // Only a refusal of the batch itself is for good; any other (401, 403, 404, 408, 429, 5xx: a token,
                // a proxy, a server mid-upgrade) may pass, and dropping the batch would lose its results.
                if (!BATCH_REFUSED.contains(refused.status)) throw refused;
                log.error("the server refuses batch {} for good; dropping its {} result(s): {}", segment.batchId(),
                        results.size(), refused.getMessage());
            }
            buffer.sent(segment);
        }
    }

    private void apply(Assignment assignment) {
        List<Monitor> monitors = new ArrayList<>();
        for (MonitorJson json : assignment.monitors()) {
            try {
                monitors.add(json.toMonitor(Monitor.Source.API));
            } catch (IllegalArgumentException e) {
                log.error("monitor {} from the server cannot be checked here: {}", json.id(), e.getMessage());
            }
        }
        List<URI> urls = new ArrayList<>();
        for (String canary : assignment.canaries()) {
            try {
                urls.add(MonitorSpec.parseUrl(canary));
            } catch (IllegalArgumentException e) {
                log.error("canary {} from the server cannot be checked here: {}", canary, e.getMessage());
            }
        }
        canaries.replace(urls);
        scheduler.replaceAll(monitors);
        version = assignment.version();
    }

    private void save(Assignment assignment) throws IOException {
        Path file = settings.bufferDir().resolve(ASSIGNMENT_FILE);
        Path temporary = file.resolveSibling(ASSIGNMENT_FILE + ".tmp");
        Files.write(temporary, mapper.writeValueAsBytes(assignment));
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Optional<Assignment> savedAssignment() {
        Path file = settings.bufferDir().resolve(ASSIGNMENT_FILE);
        if (!Files.exists(file)) return Optional.empty();
        try {
            // Checked again from the saved version: the server's versions restart with it, so any answer differs.
            return Optional.of(mapper.readValue(file.toFile(), Assignment.class));
        } catch (IOException e) {
            log.warn("ignoring the saved assignment {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Results kept on disk and not yet sent. */
    public long waiting() {
        return buffer.waiting();
    }

    /** Stops checking, seals what was kept (sent by the next run) and stops talking to the server. */
    @Override
    public void close() {
        closed = true;
        canaries.close();
        scheduler.close();
        poller.interrupt();
        uploader.interrupt();
        try {
            uploader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        buffer.close();
        link.close();
    }

    /** Waits longer after each failure, up to a few seconds; one log line per outage, not per attempt. */
    private final class Backoff {
        private long failures;

        void failed(String what, Exception e) {
            failures++;
            if (failures == 1) {
                log.warn("{} to {} failed: {}; retrying, results are kept on disk ({} waiting)", what, settings.server(),
                        e.getMessage(), buffer.waiting());
            }
            long millis = Math.min(LONGEST_BACKOFF.toMillis(), 250L << Math.min(failures, 5));
            try {
                Thread.sleep(millis);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                closed = true;
            }
        }

        void reset() {
            if (failures > 0) log.info("the server at {} answers again", settings.server());
            failures = 0;
        }
    }
}
