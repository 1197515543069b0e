package dev.faultline.alert.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.alert.SampleNotifications;
import dev.faultline.check.Severity;
import dev.faultline.store.StoredAlert;
import dev.faultline.store.StoredAlert.State;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 on the alert path: a child JVM commits an alert to the outbox and is killed
 * ({@code destroyForcibly}, SIGKILL) before or during the send; a fresh dispatcher on the same
 * database then delivers it, and a receiver that honours Idempotency-Key shows it once.
 */
class OutboxCrashTest {

    private static final Set<Severity> SEVERITIES = Set.of(Severity.CRITICAL, Severity.WARNING);

    @TempDir
    Path dataDir;

    @Test
    void anAlertCommittedBeforeAKillIsDeliveredOnceAfterTheRestart() throws Exception {
        try (ScriptedReceiver receiver = ScriptedReceiver.always(204)) {
            killAfterCommit(receiver, "enqueue", () -> true);
            assertThat(receiver.requests()).isEmpty();

            try (AlertSystem restarted = restart(receiver)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> state(restarted) == State.SENT);
                await().during(Duration.ofMillis(500)).until(() -> receiver.requests().size() == 1);
            }
            assertThat(receiver.requests().getFirst().idempotencyKey())
                    .isEqualTo(SampleNotifications.DEDUP_KEY + ":incident.opened");
        }
    }

    @Test
    void aKillInTheMiddleOfTheSendResendsWithTheSameKeySoItIsShownOnce() throws Exception {
        // The first request is taken in but answered only after the sender is dead.
        try (ScriptedReceiver receiver = new ScriptedReceiver(n -> n == 1
                ? new ScriptedReceiver.Answer(204, Map.of(), Duration.ofSeconds(30)) : ScriptedReceiver.Answer.of(204))) {
            killAfterCommit(receiver, "dispatch", () -> receiver.requests().size() == 1);

            try (AlertSystem restarted = restart(receiver)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> state(restarted) == State.SENT);
            }
            assertThat(receiver.requests()).hasSize(2);
            assertThat(receiver.requests()).extracting(ScriptedReceiver.Request::idempotencyKey).containsOnly(
                    SampleNotifications.DEDUP_KEY + ":incident.opened");
            assertThat(receiver.shown()).isEqualTo(1);
        }
    }

    private AlertSystem restart(ScriptedReceiver receiver) {
        return AlertSystem.webhooks(dataDir, Map.of("hooks", receiver.url()), SEVERITIES,
                DispatchSettings.DEFAULT, Clock.systemUTC());
    }

    private static State state(AlertSystem system) {
        List<StoredAlert> alerts = system.store.outbox().list(Optional.empty(), 10, Optional.empty());
        assertThat(alerts).hasSize(1);
        return alerts.getFirst().state();
    }

    /** Starts the child, waits for its commit and then for {@code killWhen}, and kills it. */
    private void killAfterCommit(ScriptedReceiver receiver, String mode, java.util.concurrent.Callable<Boolean> killWhen)
            throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", testClassPath(), AlertingProcess.class.getName(), dataDir.toString(), receiver.url().toString(), mode)
                .redirectErrorStream(true).start();
        try {
            CompletableFuture<Boolean> committed = CompletableFuture.supplyAsync(() -> readUntilCommitted(child));
            assertThat(committed.get(60, TimeUnit.SECONDS)).as("the child committed the alert").isTrue();
            await().atMost(Duration.ofSeconds(10)).until(killWhen);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL
    }

    private static boolean readUntilCommitted(Process child) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.equals(AlertingProcess.COMMITTED)) return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static String testClassPath() {
        // Surefire runs tests from a manifest-only jar; it names the real class path here.
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
