package dev.faultline.check;

/**
 * The judgement on one check: up, degraded (working, but slow or with a certificate about to
 * expire) or down with a cause. The fault follows from the cause.
 */
public sealed interface Verdict {

    Cause cause();

    default Fault fault() {
        return cause().fault();
    }

    default Outcome outcome() {
        return cause().outcome();
    }

    /**
     * Severity as operators page on it: critical for server, network and content failures,
     * warning for client-side refusals and degraded checks, none when up.
     */
    default Severity severity() {
        return switch (this) {
            case Up up -> Severity.NONE;
            case Degraded degraded -> Severity.WARNING;
            case Down down -> down.fault() == Fault.CLIENT ? Severity.WARNING : Severity.CRITICAL;
        };
    }

    static Verdict of(Cause cause) {
        return switch (cause.outcome()) {
            case UP -> new Up();
            case DEGRADED -> new Degraded(cause);
            case DOWN -> new Down(cause);
        };
    }

    /** Every expectation held. */
    record Up() implements Verdict {
        @Override
        public Cause cause() {
            return Cause.OK;
        }
    }

    /** Working, but something needs attention before it becomes an outage. */
    record Degraded(Cause cause) implements Verdict {
        public Degraded {
            if (cause.outcome() != Outcome.DEGRADED) {
                throw new IllegalArgumentException(cause.id() + " is not a degraded cause");
            }
        }
    }

    /** Failed, for the given cause. */
    record Down(Cause cause) implements Verdict {
        public Down {
            if (cause.outcome() != Outcome.DOWN) {
                throw new IllegalArgumentException(cause.id() + " is not a down cause");
            }
        }
    }
}
