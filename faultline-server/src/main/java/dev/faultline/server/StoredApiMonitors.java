package dev.faultline.server;

import dev.faultline.check.Header;
import dev.faultline.monitor.ExpectedRevision;
import dev.faultline.monitor.Monitor;
import dev.faultline.monitor.MonitorRegistry;
import dev.faultline.monitor.Revised;
import dev.faultline.monitor.RevisionWrite;
import dev.faultline.secret.SecretBox;
import dev.faultline.store.MonitorRepository;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * The registry's port for API-created monitors, kept in the store with every request header's
 * value sealed (an {@code Authorization} header is a credential), each bound to its monitor and
 * header name. Values stored before they were sealed are read as they are.
 */
final class StoredApiMonitors implements MonitorRegistry.ApiMonitorStore {

    private final MonitorRepository repository;
    private final SecretBox box;

    StoredApiMonitors(MonitorRepository repository, SecretBox box) {
        this.repository = repository;
        this.box = box;
    }

    /** Associated data: a sealed header opens only for the monitor and header it was sealed for. */
    static String context(String monitorId, String header) {
        return "monitors[" + monitorId + "].headers[" + header.toLowerCase(Locale.ROOT) + "]";
    }

    @Override
    public List<Revised> loadAll() {
        return repository.all().stream().map(r -> new Revised(withHeaders(r.monitor(), (id, h) -> h.value().startsWith(SecretBox.PREFIX)
                ? box.open(h.value(), context(id, h.name())) : h.value()), r.revision())).toList();
    }

    @Override
    public long insert(Monitor monitor) {
        return repository.insert(sealed(monitor));
    }

    @Override
    public RevisionWrite update(Monitor monitor, ExpectedRevision expected) {
        return repository.update(sealed(monitor), expected);
    }

    @Override
    public java.util.Set<String> loadPaused() {
        return repository.pausedIds();
    }

    @Override
    public void setPaused(String id, boolean paused) {
        repository.setPaused(id, paused);
    }

    @Override
    public RevisionWrite delete(String id, ExpectedRevision expected) {
        return repository.delete(id, expected);
    }

    private Monitor sealed(Monitor monitor) {
        return withHeaders(monitor, (id, h) -> box.seal(h.value(), context(id, h.name())));
    }

    private static Monitor withHeaders(Monitor m, BiFunction<String, Header, String> value) {
        return m.withHeaders(m.spec().headers().stream().map(h -> new Header(h.name(), value.apply(m.id(), h))).toList());
    }
}
