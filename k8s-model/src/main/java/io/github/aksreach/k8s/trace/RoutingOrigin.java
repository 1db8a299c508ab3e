package io.github.aksreach.k8s.trace;

import io.github.aksreach.core.solver.HopKind;
import io.github.aksreach.core.solver.Origin;
import java.util.Objects;
import java.util.Optional;

/**
 * A routing hop: where a client's flow enters, Azure's routing to frontends, nodes and pods, a node's own flows
 * leaving it, or the route from one node to another.
 *
 * <pre>{@code
 * if (hop.origin() instanceof RoutingOrigin r && r.step() == RoutingOrigin.Step.NODE_TO_NODE) {
 *   System.out.println(r.from() + " -> " + r.to());
 * }
 * }</pre>
 *
 * @param step which routing decision
 * @param from the node the flow leaves, for {@code LEAVE_NODE} and {@code NODE_TO_NODE}
 * @param to the destination pod's node, for {@code NODE_TO_NODE} (empty: the dump lacks it)
 * @param alike for {@code LEAVE_NODE}: how many other nodes share {@code from}'s outbound NSGs
 */
public record RoutingOrigin(Step step, Optional<String> from, Optional<String> to, int alike) implements Origin {
  /** Which routing decision. */
  public enum Step {
    /** Any client's entry (its own outbound NSGs when it sits in a modelled NIC or subnet). */
    CLIENT,
    /** An in-cluster client's entry: which node's kube-proxy serves it. */
    IN_CLUSTER_CLIENT,
    /** Azure routing: LB frontends, node and pod addresses. */
    AZURE,
    /** A node's or pod's own flow leaving its node. */
    LEAVE_NODE,
    /** From one node to another. */
    NODE_TO_NODE
  }

  public RoutingOrigin {
    Objects.requireNonNull(step);
  }

  public static RoutingOrigin of(Step step) {
    return new RoutingOrigin(step, Optional.empty(), Optional.empty(), 0);
  }

  @Override
  public HopKind kind() {
    return step == Step.CLIENT || step == Step.IN_CLUSTER_CLIENT ? AksHopKind.CLIENT : AksHopKind.ROUTING;
  }

  @Override
  public String label() {
    switch (step) {
      case CLIENT:
        return "client";
      case IN_CLUSTER_CLIENT:
        return "in-cluster client";
      case AZURE:
        return "Azure routing";
      case LEAVE_NODE:
        return "leaving its node (as " + from.orElse("?") + (alike > 0 ? " and " + alike + " nodes like it" : "")
            + ")";
      default:
        return "route " + from.orElse("?") + " -> " + to.orElse("(no node)");
    }
  }
}
