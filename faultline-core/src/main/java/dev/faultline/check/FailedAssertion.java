package dev.faultline.check;

/** An assertion that did not hold, with what was seen instead. */
public record FailedAssertion(Assertion assertion, String message) {
}
