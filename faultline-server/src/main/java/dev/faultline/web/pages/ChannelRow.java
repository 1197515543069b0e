package dev.faultline.web.pages;

/**
 * One channel as the channels list shows it.
 *
 * @param type       the type's label, e.g. "PagerDuty"
 * @param severities the ids, comma-separated
 * @param fromFile   from the config file, and so read-only here
 */
public record ChannelRow(String name, String type, String severities, boolean fromFile) {

    /** Where its pages are: {@code /manage/channels/NAME}, the name encoded as one path segment. */
    public String path() {
        return ChannelPages.path(name);
    }
}
