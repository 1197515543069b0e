package dev.faultline.alert.outbox;

import dev.faultline.alert.AlertRouting;
import dev.faultline.alert.Channel;
import dev.faultline.alert.SampleNotifications;
import dev.faultline.check.Severity;
import dev.faultline.store.Store;
import dev.faultline.store.StoreSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The server's alert path in a JVM of its own, for {@link OutboxCrashTest} to kill: it commits an
 * incident's opening to the outbox, says {@value #COMMITTED}, and waits to be killed. With
 * {@code dispatch} it also runs the dispatcher, so that it dies in the middle of the send.
 *
 * <p>Arguments: the data folder, the webhook URL, {@code enqueue} or {@code dispatch}.
 */
public final class AlertingProcess {

    static final String COMMITTED = "COMMITTED";

    private AlertingProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        URI url = URI.create(args[1]);
        boolean dispatch = args[2].equals("dispatch");
        Clock clock = Clock.systemUTC();
        Set<Severity> severities = Set.of(Severity.CRITICAL, Severity.WARNING);
        Channel hooks = AlertSystem.webhook("hooks", url, severities, clock);
        Store store = Store.open(StoreSettings.sqlite(dataDir));
        OutboxDispatcher dispatcher = new OutboxDispatcher(store.outbox(), List.of(hooks), DispatchSettings.DEFAULT, clock,
                new Random());
        if (dispatch) dispatcher.start();
        AlertNotifier notifier = new AlertNotifier(AlertRouting.allByDefault(Map.of("hooks", severities)), store, clock,
                dispatcher::wake);
        store.inTransaction(handle -> notifier.notify(handle, SampleNotifications.opened(), List.of()));
        System.out.println(COMMITTED);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
