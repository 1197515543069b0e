package dev.faultline.store;

/** A monitor with this id is already stored. */
public final class DuplicateMonitorException extends RuntimeException {

    private final String id;

    DuplicateMonitorException(String id) {
        super("a monitor with the id '" + id + "' already exists");
        this.id = id;
    }

    public String id() {
        return id;
    }
}
