/**
 * The incident engine: one pure state machine per monitor ({@link dev.faultline.incident.IncidentEngine}),
 * from a {@link dev.faultline.incident.MonitorState} and an {@link dev.faultline.incident.Event} to the
 * next state and the {@link dev.faultline.incident.Action}s for the caller to carry out.
 *
 * <p>The rules, where DESIGN.md §3 leaves room:
 * <ul>
 *   <li>Up and degraded verdicts count as up. Every down verdict is a failure; server, network and
 *       content failures are critical, client-side (4xx) ones are not.</li>
 *   <li>The effective quorum is the configured one, or the number of healthy regions when fewer are
 *       healthy. A region counts as failing when its latest result is a failure taken within the
 *       window. Every suspicion is re-checked, so an incident always needs at least two failing
 *       results: with one region, the failure and its re-check.</li>
 *   <li>An incident is critical only when a quorum failed critically; otherwise (a quorum that
 *       needed 4xx results) it is a warning with a client-side cause, routed to people but never
 *       paging. A warning incident escalates to critical when a quorum later fails critically.</li>
 *   <li>A recovery round is complete when every healthy region has reported; it is successful
 *       unless a quorum failed in it. A quorum failing again starts recovery over.</li>
 *   <li>Flapping counts incident opens and resolves, not blips; it ends after a whole span without
 *       one. Instability counts blips. Neither counts anything during maintenance.</li>
 *   <li>Openings (OPENED, ESCALATED) are held back during maintenance and while flapping, and
 *       announced when either ends if the incident is still open. Closings (RESOLVED, STABLE) go
 *       out whenever the opening was heard, at its severity, so that they reach the same channels.</li>
 *   <li>An unhealthy region is not asked to re-check, its results are not kept in the state, and
 *       its failures already in an episode or a recovery round are forgotten.</li>
 * </ul>
 */
package dev.faultline.incident;
