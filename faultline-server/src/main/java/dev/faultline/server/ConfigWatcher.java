package dev.faultline.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when the config file changes and hands the change on. Polls the file's modification
 * time and size: it works on every file system and with editors that replace the file by a
 * rename, where directory watches often miss the event.
 */
final class ConfigWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private final Duration every;
    private final Runnable onChange;
    private final Thread thread;
    private volatile boolean running = true;
    private Stamp seen;

    private record Stamp(FileTime modified, long size) {
    }

    ConfigWatcher(Path file, Duration every, Runnable onChange) {
        this.file = file;
        this.every = every;
        this.onChange = onChange;
        this.seen = stamp();
        this.thread = Thread.ofVirtual().name("config-watcher").start(this::watch);
    }

    private void watch() {
        while (running) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            Stamp now = stamp();
            if (now != null && !Objects.equals(now, seen)) {
                seen = now;
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    log.error("reloading {} failed", file, e);
                }
            }
        }
    }

    private Stamp stamp() {
        try {
            return new Stamp(Files.getLastModifiedTime(file), Files.size(file));
        } catch (NoSuchFileException e) {
            return null; // mid-rename by an editor: look again next time
        } catch (IOException e) {
            log.warn("cannot read {}: {}", file, e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
