package dev.faultline.monitor;

import java.util.Set;

/**
 * What a change of a stored monitor expects its revision to be: anything (a change made without
 * a condition, as before revisions existed), or one of the revisions the changer read. The store
 * checks it in the same statement that writes, so two changes made from the same revision cannot
 * both succeed.
 */
public sealed interface ExpectedRevision {

    ExpectedRevision ANY = new Any();

    /** Met by whatever revision is stored. */
    record Any() implements ExpectedRevision {
    }

    /** Met only when the stored revision is one of these; an empty set is met by none (a weak or foreign ETag). */
    record OneOf(Set<Long> revisions) implements ExpectedRevision {
        public OneOf {
            revisions = Set.copyOf(revisions);
        }
    }

    static ExpectedRevision of(long revision) {
        return new OneOf(Set.of(revision));
    }

    default boolean admits(long revision) {
        return switch (this) {
            case Any any -> true;
            case OneOf oneOf -> oneOf.revisions().contains(revision);
        };
    }
}
