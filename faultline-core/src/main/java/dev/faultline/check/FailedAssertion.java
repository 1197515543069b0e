package dev.faultline.check;

/**
 * An assertion that did not hold: which one (as the operator wrote it), the cause it gives and
 * what was seen instead. Plain data, so a stored result reads back exactly as it was judged.
 */
public record FailedAssertion(String assertion, Cause cause, String message) {

    public static FailedAssertion of(Assertion assertion, String message) {
        return new FailedAssertion(assertion.describe(), assertion.cause(), message);
    }
}
