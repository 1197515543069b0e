/**
 * The server's side of remote probe agents: who they are ({@link dev.faultline.regions.AgentTokens}),
 * what each region checks and must re-check ({@link dev.faultline.regions.AgentDesk}), and how
 * re-check requests reach the region that must run them ({@link dev.faultline.regions.RegionRechecks}).
 * The agent process itself is {@code dev.faultline.agent}.
 */
package dev.faultline.regions;
