package dev.faultline.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every send of a channel: its name, the event, the dedup key and the provider's answer.
 * Never the settings: they hold the secrets.
 */
final class LoggedChannel implements Channel {

    private static final Logger log = LoggerFactory.getLogger(Channel.class);

    private final String type;
    private final Channel channel;

    LoggedChannel(String type, Channel channel) {
        this.type = type;
        this.channel = channel;
    }

    @Override
    public String name() {
        return channel.name();
    }

    @Override
    public Delivery send(Notification notification) {
        Delivery delivery = channel.send(notification);
        String event = notification.event().id();
        switch (delivery) {
            case Delivery.Delivered d -> log.info("{} channel '{}': {} {} delivered ({})",
                    type, name(), event, notification.dedupKey(), d.answer());
            case Delivery.RetryableFailure r -> log.warn("{} channel '{}': {} {} not delivered, retryable{}: {}",
                    type, name(), event, notification.dedupKey(),
                    r.retryAfter().map(wait -> " after " + wait.toSeconds() + " s").orElse(""), r.answer());
            case Delivery.PermanentFailure p -> log.error("{} channel '{}': {} {} refused, retrying will not help: {}",
                    type, name(), event, notification.dedupKey(), p.answer());
        }
        return delivery;
    }

    @Override
    public String toString() {
        return channel.toString();
    }
}
