package dev.faultline.config;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A public status page ({@code status_pages:} in the file), served at {@code /status/{slug}}
 * without sign-in.
 *
 * @param groups      named groups of monitors, in the order shown
 * @param showDetails when false (the default) the page shows state and history only: no URLs,
 *                    no causes or diagnosis
 */
public record StatusPageConfig(String slug, String title, List<Group> groups, boolean showDetails) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** @param monitors the monitors' names, as the file names them */
    public record Group(String name, List<String> monitors) {
        public Group {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("name: must not be empty");
            monitors = List.copyOf(monitors);
        }
    }

    public StatusPageConfig {
        requireSlug(slug);
        if (title == null || title.isBlank()) throw new IllegalArgumentException("title: must not be empty");
        Objects.requireNonNull(groups, "groups");
        groups = List.copyOf(groups);
        if (groups.isEmpty()) throw new IllegalArgumentException("groups: a status page needs at least one group of monitors");
    }

    /** @throws IllegalArgumentException naming what a slug may hold */
    public static String requireSlug(String slug) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException("'" + slug + "' must be lower-case letters, digits and dashes"
                    + " (up to 63, starting with a letter or digit): it is the page's address, /status/SLUG");
        }
        return slug;
    }
}
