/**
 * The incident engine at work in the server: {@link dev.faultline.incidents.IncidentService}
 * keeps one {@link dev.faultline.incident.MonitorState} per monitor, feeds it every check result,
 * confirmation deadline and maintenance change, and carries out what the engine asks for:
 * re-checks ({@link dev.faultline.incidents.Rechecks}), timers ({@link dev.faultline.incidents.Alarms}),
 * incidents, blips and timelines in the store, and notifications
 * ({@link dev.faultline.incidents.Notifications}, which the alert outbox implements).
 *
 * <p>Each monitor's events are applied one at a time, in order, on the monitor's stripe of a
 * {@link dev.faultline.incidents.StripedExecutor}: no lock on the check path, no thread per monitor.
 */
package dev.faultline.incidents;
