package dev.faultline.incidents;

/**
 * Where the incident engine's notifications go: the alert outbox, which routes them to channels
 * by severity. Called on the monitor's stripe, in order with everything else that happens to the
 * monitor, so it must hand the request on quickly (store it; never send from here).
 */
@FunctionalInterface
public interface Notifications {

    void notify(NotifyRequest request);
}
