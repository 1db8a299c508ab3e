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
 *     Classifier.of("fw", "firewall", "FILTER", rules, Outcome.drop("FILTER", "denied")),
 *     Sink.of("svc", "service", "POD"));
 * PathTree t = PathSolver.solve(g, ElementKey.named("fw"), FlowSpace.all());
 * }</pre>
 */
public sealed interface Element permits Classifier, Fork, Rewrite, Sink {
  /** Unique key within its graph. */
  ElementKey key();

  /** Where this hop comes from, as typed values (an NSG on a subnet, kube-proxy on a node, ...). */
  Origin origin();

  /** The category of this hop, as the model module defines it. */
  default HopKind kind() {
    return origin().kind();
  }
}
