/**
 * The remote probe agent, {@code faultline probe}: it polls the server for its region's monitors
 * and re-check requests, checks them on its own schedule (so it goes on while the server is
 * unreachable; each monitor on its region's turn of the interval, worked out from the monitor's
 * regions as the server works out its own, see {@link dev.faultline.schedule.Cadence}), keeps
 * every result in a bounded on-disk buffer and uploads it in batches that the server stores once.
 * It shares the probe and the scheduler with the server, nothing else.
 */
package dev.faultline.agent;
