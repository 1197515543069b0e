/**
 * The remote probe agent, {@code faultline probe}: it polls the server for its region's monitors
 * and re-check requests, checks them on its own schedule (so it goes on while the server is
 * unreachable), keeps every result in a bounded on-disk buffer and uploads it in batches that
 * the server stores once. It shares the probe and the scheduler with the server, nothing else.
 */
package dev.faultline.agent;
