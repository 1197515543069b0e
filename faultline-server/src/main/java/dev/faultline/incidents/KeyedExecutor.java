package dev.faultline.incidents;

/** Runs tasks one at a time per key, in the order they were given. */
@FunctionalInterface
public interface KeyedExecutor {

    void execute(String key, Runnable task);
}
