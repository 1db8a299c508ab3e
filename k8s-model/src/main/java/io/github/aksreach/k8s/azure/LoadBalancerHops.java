package io.github.aksreach.k8s.azure;

import io.github.aksreach.core.solver.Assign;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.Element;
import io.github.aksreach.core.solver.Fork;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.core.solver.Weight;
import io.github.aksreach.k8s.cluster.AksNetwork;
import io.github.aksreach.k8s.cluster.LbRuleSpec;
import io.github.aksreach.k8s.cluster.NodeClasses;
import io.github.aksreach.k8s.hops.AksKey;
import io.github.aksreach.k8s.hops.HealthView;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.trace.AksHopKind;
import io.github.aksreach.k8s.trace.LbOrigin;
import io.github.aksreach.nsg.model.NoHealthyBackendsBehavior;
import io.github.aksreach.nsg.model.Probe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The load-balancing rules' forks: each rule sends its flows to its backends in rotation, one branch per class of
 * equivalent nodes weighted by its size, rewriting the destination to the node (no floating IP) and the backend port
 * (none for backend port 0, HA ports), into the node's inbound NSGs. With every backend probed DOWN the rule's probe
 * decides: AllProbedUp sends to all, AllProbedDown drops.
 *
 * <pre>{@code
 * Element fork = new LoadBalancerHops(net, chains, HealthView.allUp()).rule(new AksKey.LbRule(0));
 * }</pre>
 */
public final class LoadBalancerHops {
  private final AksNetwork net;
  private final NsgChains chains;
  private final HealthView health;

  public LoadBalancerHops(AksNetwork net, NsgChains chains, HealthView health) {
    this.net = net;
    this.chains = chains;
    this.health = health;
  }

  /** The fork of one load-balancing rule, or a drop when no backend takes new flows. */
  public Element rule(AksKey.LbRule key) {
    LbRuleSpec r = net.loadBalancing().rules().get(key.index());
    LbOrigin origin = new LbOrigin(r.loadBalancerName(), r.frontendIp(), r.frontendPort(), r.name(),
        r.probe().map(Probe::name));
    if (r.backends().isEmpty()) {
      return Classifier.of(key, origin, List.of(), Outcome.drop(AksHopKind.LOAD_BALANCER, "the backend pool is empty"));
    }
    List<Node> up = new ArrayList<>();
    for (Node n : r.backends()) {
      if (health.inRotation(r, n)) {
        up.add(n);
      }
    }
    if (up.isEmpty()) {
      // the probe's behaviour, resolved: scenario.yaml, else the dumped probe's, else AllProbedDown
      if (r.noHealthyBackendsBehavior() != NoHealthyBackendsBehavior.ALL_PROBED_UP) {
        return Classifier.of(key, origin, List.of(), Outcome.drop(AksHopKind.LOAD_BALANCER,
            "every backend is probed DOWN and noHealthyBackendsBehavior is AllProbedDown: no new flows are sent"));
      }
      up = r.backends();
    }
    Map<NodeClasses.Key, List<Node>> classes = new LinkedHashMap<>();
    Function<Node, NodeClasses.Key> keys = net.classes().keys(r.service());
    for (Node n : up) {
      classes.computeIfAbsent(keys.apply(n), k -> new ArrayList<>()).add(n);
    }
    List<Fork.Branch> branches = new ArrayList<>();
    for (List<Node> members : classes.values()) {
      Node n = members.get(0);
      List<Assign> assigns = new ArrayList<>();
      if (!r.floatingIp()) {
        n.primaryInternalIp().ifPresent(ip -> assigns.add(Assign.dstIp(ip)));
      }
      // backend port 0 (HA ports): the destination port stays as it is
      if (r.backendPort() != 0 && (!r.floatingIp() || r.backendPort() != r.frontendPort())) {
        assigns.add(Assign.dstPort(r.backendPort()));
      }
      branches.add(Fork.Branch.of(Weight.of(members.size(), up.size()),
          chains.nodeInFromFrontend(n, new AksKey.Host(n.name()), r), assigns,
          "backend " + n.name() + " (" + n.primaryInternalIp().map(Object::toString).orElse("?") + ")"
              + (members.size() > 1 ? " and " + (members.size() - 1) + " equivalent nodes" : "")
              + (up.size() < r.backends().size() ? ", " + up.size() + " of " + r.backends().size() + " in rotation"
              : "")));
    }
    return Fork.of(key, origin, branches);
  }
}
