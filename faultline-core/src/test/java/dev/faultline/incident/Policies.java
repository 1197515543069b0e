package dev.faultline.incident;

import java.time.Duration;

/** Policies written as text in tables: {@code default}, or {@code quorum=3 period=60 flapping=3/600}. */
final class Policies {

    private Policies() {
    }

    static ConfirmPolicy parse(String text) {
        ConfirmPolicy policy = ConfirmPolicy.DEFAULT;
        if (text.isBlank() || text.strip().equals("default")) return policy;
        for (String setting : text.strip().split("\\s+")) {
            String[] pair = setting.split("=", 2);
            String value = pair[1];
            policy = switch (pair[0]) {
                case "quorum" -> policy.withQuorum(Integer.parseInt(value));
                case "window" -> policy.withWindow(Duration.ofSeconds(Long.parseLong(value)));
                case "period" -> policy.withPeriod(Duration.ofSeconds(Long.parseLong(value)));
                case "recovery" -> policy.withRecovery(Integer.parseInt(value));
                case "flapping" -> policy.withFlapping(threshold(value));
                case "instability" -> policy.withInstability(threshold(value));
                default -> throw new IllegalArgumentException("unknown setting " + setting);
            };
        }
        return policy;
    }

    private static Threshold threshold(String countPerSeconds) {
        String[] parts = countPerSeconds.split("/");
        return new Threshold(Integer.parseInt(parts[0]), Duration.ofSeconds(Long.parseLong(parts[1])));
    }
}
