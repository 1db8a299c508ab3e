package io.github.aksreach.k8s.analysis;

import io.github.aksreach.core.solver.ReachSets;

/**
 * Who can reach a destination: the queried source addresses split into ALWAYS, SOMETIMES and NEVER, as canonical
 * CIDR lists (the JSON shape of the {@code reach} command).
 *
 * <pre>{@code
 * ReachReport r = analysis.reach(Destination.parse("192.168.0.22:80"), L7.none(), IpSet.all(IpFamily.V4));
 * r.sets().always().toCidrs();   // [192.168.1.4/32]
 * ReachOutput.json(r);           // {"to": "192.168.0.22:80/tcp", "always": [...], "sometimes": [...], "never": [...]}
 * }</pre>
 *
 * @param to the destination as the user wrote it
 * @param sets the three source sets
 */
public record ReachReport(String to, ReachSets sets) {}
