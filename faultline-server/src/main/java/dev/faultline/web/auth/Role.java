package dev.faultline.web.auth;

import java.util.Locale;

/** What a signed-in user may do: admins change things, viewers only look. */
public enum Role {
    ADMIN,
    VIEWER;

    /** Whether this role may add, edit, pause or delete monitors, channels and windows, and acknowledge incidents. */
    public boolean canEdit() {
        return this == ADMIN;
    }

    /** The name in the config file, the database and the forms: {@code admin} or {@code viewer}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role of that name.
     *
     * @throws IllegalArgumentException naming the roles there are
     */
    public static Role parse(String id) {
        for (Role role : values()) {
            if (role.id().equals(id)) return role;
        }
        throw new IllegalArgumentException("unknown role '" + id + "': use admin or viewer");
    }
}
