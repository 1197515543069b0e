package dev.faultline.config;

/** A value being read, replaceable by a known-good one so that checking can go on after an error. */
final class Slot<T> {
    private T value;

    Slot(T initial) {
        this.value = initial;
    }

    T get() {
        return value;
    }

    void set(T value) {
        this.value = value;
    }
}
