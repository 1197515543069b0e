/**
 * Maintenance windows: when a monitor is under planned work, its checks go on and are recorded,
 * and nothing pages. {@link dev.faultline.maintenance.MaintenanceCalendar} says, for a monitor
 * and an instant, whether a window covers it and when that next changes; the server turns those
 * changes into the incident engine's MaintenanceStarted and MaintenanceEnded events.
 */
package dev.faultline.maintenance;
