package dev.faultline.config;

import dev.faultline.maintenance.MaintenanceWindow;
import dev.faultline.monitor.Monitor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The monitors the config file's maintenance windows name that match no monitor. Not an error: a
 * window may name a monitor created through the API or the dashboard, which the file cannot know,
 * and covers it whenever one of that name exists. But a typo looks the same, and then the monitor
 * pages during the window, so it is worth a warning, with the near miss when there is one.
 */
public final class MaintenanceNames {

    private MaintenanceNames() {
    }

    /**
     * One line per monitor a window names that is none of {@code monitorNames} (by {@link Monitor#idFor}),
     * in file order: {@code maintenance[0].monitors: window 'upgrade' names 'x', which matches no monitor <among>}. A window
     * keeps ids, not the names as written, so the line gives the id the name became.
     *
     * @param among where the monitors were looked for, e.g. "in this file" or "the server runs"
     */
    public static List<String> unmatched(FaultlineConfig config, Collection<String> monitorNames, String among) {
        Set<String> ids = monitorNames.stream().map(Monitor::idFor).collect(Collectors.toSet());
        List<String> warnings = new ArrayList<>();
        List<MaintenanceWindow> windows = config.maintenance();
        for (int w = 0; w < windows.size(); w++) {
            MaintenanceWindow window = windows.get(w);
            for (String id : window.monitorIds()) {
                if (ids.contains(id)) continue;
                warnings.add("maintenance[" + w + "].monitors: window '" + window.name() + "' names '" + id
                        + "', which matches no monitor " + among + Suggestions.didYouMean(id, ids));
            }
        }
        return warnings;
    }
}
