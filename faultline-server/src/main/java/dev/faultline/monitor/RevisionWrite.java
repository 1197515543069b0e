package dev.faultline.monitor;

/** What a conditional write of a stored monitor came to (see {@link ExpectedRevision}). */
public sealed interface RevisionWrite {

    /** Written: the revision stored now (for a delete, the one deleted). */
    record Written(long revision) implements RevisionWrite {
    }

    /** Not written: the stored revision is not the one expected, it is {@code current}. */
    record Stale(long current) implements RevisionWrite {
    }

    /** Not written: no such monitor is stored. */
    record Missing() implements RevisionWrite {
    }
}
