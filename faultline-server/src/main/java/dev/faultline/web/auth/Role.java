package dev.faultline.web.auth;

/** What a signed-in user may do: admins change things, viewers only look. */
public enum Role {
    ADMIN,
    VIEWER;

    /** Whether this role may add, edit, pause or delete monitors, channels and windows, and acknowledge incidents. */
    public boolean canEdit() {
        return this == ADMIN;
    }
}
