package dev.faultline.config;

import dev.faultline.monitor.Monitor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The names status page groups list that match no monitor. Not an error: a group may name a
 * monitor created through the API or the dashboard, which the file cannot know, and a page shows
 * such a name as not monitored until one exists. But a typo looks the same, so it is worth a
 * warning, with the near miss when there is one.
 */
public final class StatusPageNames {

    private StatusPageNames() {
    }

    /**
     * One line per listed name that matches none of {@code monitorNames} (by {@link Monitor#idFor}),
     * in file order: {@code status_pages[0].groups[1].monitors[2]: no monitor named 'X' <among>}.
     *
     * @param among where the monitors were looked for, e.g. "in this file"
     */
    public static List<String> unmatched(FaultlineConfig config, Collection<String> monitorNames, String among) {
        Set<String> ids = monitorNames.stream().map(Monitor::idFor).collect(Collectors.toSet());
        List<String> warnings = new ArrayList<>();
        List<StatusPageConfig> pages = config.statusPages();
        for (int p = 0; p < pages.size(); p++) {
            List<StatusPageConfig.Group> groups = pages.get(p).groups();
            for (int g = 0; g < groups.size(); g++) {
                List<String> names = groups.get(g).monitors();
                for (int m = 0; m < names.size(); m++) {
                    String name = names.get(m);
                    if (ids.contains(Monitor.idFor(name))) continue;
                    warnings.add("status_pages[" + p + "].groups[" + g + "].monitors[" + m + "]: no monitor named '" + name + "' "
                            + among + Suggestions.didYouMean(name, monitorNames));
                }
            }
        }
        return warnings;
    }
}
