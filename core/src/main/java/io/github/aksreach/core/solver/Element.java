package io.github.aksreach.core.solver;

/**
 * One hop of a reachability graph. The solver only walks elements; model modules build them from vendor objects.
 *
 * <ul>
 *   <li>{@link Classifier}: first-match rules split the flows into parts, each passed on or dropped (a filter is a
 *       classifier whose rules allow or deny);</li>
 *   <li>{@link Fork}: weighted branches (a load balancer's backends, kube-proxy's endpoints), each with its own
 *       rewrites;</li>
 *   <li>{@link Rewrite}: constant assignments (SNAT, DNAT);</li>
 *   <li>{@link Sink}: delivered.</li>
 * </ul>
 *
 * <pre>{@code
 * ElementGraph g = ElementGraph.of(
 *     Classifier.of("fw", "firewall", "FILTER", rules, Outcome.drop("FILTER", "no rule matched")),
 *     Sink.of("svc", "service", "POD"));
 * PathTree t = PathSolver.solve(g, "fw", FlowSpace.all());
 * }</pre>
 */
public sealed interface Element permits Classifier, Fork, Rewrite, Sink {
  /** Unique id within its graph. */
  String id();

  /** What a user calls this hop: "nsg-user (subnet user)", "kube-proxy on aks-user-...". */
  String label();

  /** The category of this hop, as the model module names it ("NSG", "KUBE_PROXY", ...). */
  String kind();
}
