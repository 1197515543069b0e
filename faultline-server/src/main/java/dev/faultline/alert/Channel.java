package dev.faultline.alert;

/**
 * One configured way to reach people: a Slack channel, a PagerDuty service, an e-mail list.
 * Each provider has its own package with its notifier and its settings record; {@link Channels}
 * makes them from the config.
 *
 * <p>A channel sends what it is given, once, and says how it went. It neither retries nor
 * routes: the alert outbox decides what to send where and when to try again, from the
 * {@link Delivery} it gets back.
 */
public interface Channel {

    /** The name the channel was configured with; monitors refer to it. */
    String name();

    /**
     * Sends one notification to the provider and waits for its answer (bounded by the HTTP
     * client's or the SMTP session's timeouts). Never throws for anything the provider or the
     * network does: an error answer, a refused connection or a timeout is a {@link Delivery}.
     * A resolution closes what the opening opened where the provider supports it (PagerDuty,
     * Opsgenie); elsewhere it is a message of its own.
     */
    Delivery send(Notification notification);
}
