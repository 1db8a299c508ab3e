package io.github.aksreach.k8s.migration;

import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.k8s.hops.AksKey;
import io.github.aksreach.k8s.trace.LbOrigin;
import io.github.aksreach.nsg.eval.NsgHopKey;
import java.util.List;
import java.util.Optional;

/**
 * Typed facts about a path through an Azure load balancer.
 *
 * <pre>{@code
 * LoadBalancedPaths.receivingNode(path);   // Optional["aks-nodepool1-12345678-vmss000001"]
 * }</pre>
 */
public final class LoadBalancedPaths {
  private LoadBalancedPaths() {}

  /**
   * The node the load balancer chose on a path, if it went through one: the chain of the hop after the load balancer
   * (the node's inbound NSGs) names it.
   */
  public static Optional<String> receivingNode(PathResult p) {
    List<Hop> hops = p.hops();
    for (int i = 0; i + 1 < hops.size(); i++) {
      if (hops.get(i).origin() instanceof LbOrigin && hops.get(i + 1).element() instanceof NsgHopKey k
          && k.chain() instanceof AksKey.NodeInbound n) {
        return Optional.of(n.node());
      }
    }
    return Optional.empty();
  }
}
