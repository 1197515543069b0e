package dev.faultline.incident;

import dev.faultline.check.Cause;
import dev.faultline.incident.Action.EscalateIncident;
import dev.faultline.incident.Action.MarkStartedBeforeMaintenance;
import dev.faultline.incident.Action.Notify;
import dev.faultline.incident.Action.OpenIncident;
import dev.faultline.incident.Action.RecheckNow;
import dev.faultline.incident.Action.RecordBlip;
import dev.faultline.incident.Action.ResolveIncident;
import dev.faultline.incident.Action.ScheduleDeadline;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Actions as short text, so that a table row can state exactly what a step must do. */
final class ActionText {

    private ActionText() {
    }

    static String of(List<Action> actions) {
        return actions.stream().map(ActionText::of).collect(Collectors.joining("; "));
    }

    static String of(Action action) {
        return switch (action) {
            case RecheckNow recheck -> "recheck " + regions(recheck.regions());
            case ScheduleDeadline deadline -> "deadline @" + Script.seconds(deadline.at());
            case OpenIncident open -> "open " + incident(open.incident()) + " since @" + Script.seconds(open.incident().startedAt())
                    + (open.incident().openedInMaintenance() ? " in maintenance" : "");
            case EscalateIncident escalate -> "escalate " + incident(escalate.incident());
            case ResolveIncident resolve -> "resolve after " + Script.seconds(resolve.downFor()) + "s";
            case RecordBlip record -> "blip " + regions(record.blip().regions()) + " for "
                    + Script.seconds(record.blip().failingFor()) + "s" + (record.blip().duringMaintenance() ? " in maintenance" : "");
            case MarkStartedBeforeMaintenance mark -> "mark started before maintenance";
            case Notify notify -> "notify " + notify.severity().id() + " " + notify.transition().name().toLowerCase();
        };
    }

    private static String incident(Incident incident) {
        return incident.severity().id() + " " + cause(incident.cause()) + " " + regions(incident.confirmingRegions());
    }

    private static String cause(Cause cause) {
        return cause.id();
    }

    private static String regions(Set<String> regions) {
        return String.join(",", regions);
    }
}
