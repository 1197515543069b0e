package dev.faultline.web.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Which page addresses are public: the access filter asks {@link #isPublic(String)} for every
 * request. Status pages and their assets are for anyone; every other page needs a signed-in user.
 */
public final class PageRoutes {

    /** Path prefixes anyone may open without signing in. */
    public static final List<String> PUBLIC_PREFIXES = List.of("/status/", "/assets/");

    public static final String OVERVIEW = "/";
    public static final String OVERVIEW_LIST = "/overview/list";
    public static final String MONITOR = "/monitors/{id}";
    public static final String INCIDENTS = "/incidents";
    public static final String INCIDENT = "/incidents/{id}";
    public static final String ACKNOWLEDGE_INCIDENT = "/incidents/{id}/ack";
    public static final String NEW_MONITOR = "/manage/monitors/new";
    public static final String CREATE_MONITOR = "/manage/monitors";
    public static final String EDIT_MONITOR = "/manage/monitors/{id}";
    public static final String DELETE_MONITOR = "/manage/monitors/{id}/delete";
    public static final String PAUSE_MONITOR = "/manage/monitors/{id}/pause";
    public static final String RESUME_MONITOR = "/manage/monitors/{id}/resume";
    public static final String CHANNELS = "/manage/channels";
    public static final String NEW_CHANNEL = "/manage/channels/new";
    public static final String EDIT_CHANNEL = "/manage/channels/{name}/edit";
    public static final String DELETE_CHANNEL = "/manage/channels/{name}/delete";
    public static final String TEST_CHANNEL = "/manage/channels/{name}/test";
    public static final String MAINTENANCE = "/manage/maintenance";
    public static final String DELETE_MAINTENANCE = "/manage/maintenance/{name}/delete";
    public static final String STATUS_PAGE = "/status/{slug}";
    public static final String ASSET = "/assets/{file}";

    private PageRoutes() {
    }

    /**
     * A free-text name (a channel's, a maintenance window's) as one path segment: everything but
     * letters, digits and {@code -_.*} percent-encoded as UTF-8, a space as {@code %20}, so that a
     * slash, '?', '#' or '%' in the name stays in the segment. Javalin decodes it back in
     * {@code pathParam}.
     */
    public static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Where a maintenance window's delete form posts. */
    public static String deleteMaintenance(String windowName) {
        return MAINTENANCE + "/" + segment(windowName) + "/delete";
    }

    /** Whether a request path is served to anyone, signed in or not. */
    public static boolean isPublic(String path) {
        return PUBLIC_PREFIXES.stream().anyMatch(path::startsWith);
    }
}
