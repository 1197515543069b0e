package dev.faultline.check;

/** What one attempt to reach a target produced: an HTTP answer, or a failure below HTTP. */
public sealed interface ProbeOutcome {

    /** The target answered over HTTP (whatever the status). */
    record Answered(Response response) implements ProbeOutcome {
    }

    /**
     * No usable HTTP answer: the cause says why (DNS, connect, TLS, timeout, protocol, loop),
     * the detail is what the client reported, for people.
     */
    record Failed(Cause cause, String detail) implements ProbeOutcome {
        public Failed {
            if (cause.outcome() != Outcome.DOWN) {
                throw new IllegalArgumentException(cause.id() + " is not a failure");
            }
        }
    }
}
