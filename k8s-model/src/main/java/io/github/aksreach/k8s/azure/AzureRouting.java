package io.github.aksreach.k8s.azure;

import io.github.aksreach.core.match.MatchExpr;
import io.github.aksreach.core.match.MatchExprs;
import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.Element;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.core.solver.RuleRef;
import io.github.aksreach.k8s.cluster.AksNetwork;
import io.github.aksreach.k8s.cluster.LbRuleSpec;
import io.github.aksreach.k8s.hops.AksKey;
import io.github.aksreach.k8s.hops.Hops;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.trace.RoutingOrigin;
import io.github.aksreach.nsg.model.NetworkInterface;
import io.github.aksreach.nsg.model.Subnet;
import io.github.aksreach.nsg.model.VirtualNetwork;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Azure's side of routing: clients in modelled NICs and subnets leave through their own outbound NSGs, flows to a
 * load-balancer frontend take its rule, and a node's or pod's own flows leave their node through its outbound NSGs.
 *
 * <pre>{@code
 * AzureRouting r = new AzureRouting(net, hops, chains);
 * r.clientRules();     // one rule per client NIC and subnet with an NSG: to its outbound NSG chain
 * r.frontendRules();   // one rule per load-balancing rule: to its fork
 * }</pre>
 */
public final class AzureRouting {
  private final AksNetwork net;
  private final Hops hops;
  private final NsgChains chains;
  /** The nodes that leave through the same outbound NSGs, by that path's key (first node first). */
  private Map<Object, List<Node>> leaveMembers;

  public AzureRouting(AksNetwork net, Hops hops, NsgChains chains) {
    this.net = net;
    this.hops = hops;
    this.chains = chains;
  }

  /** Clients sitting in a modelled NIC (not a node's) or subnet with an NSG: through their outbound NSGs. */
  public List<Classifier.Rule> clientRules() {
    List<Classifier.Rule> rules = new ArrayList<>();
    for (NetworkInterface nic : net.azure().nics()) {
      IpSet ips = nic.privateIps();
      if (ips.isEmpty() || ips.intersects(net.nodeAddresses())) {
        continue;
      }
      rules.add(Classifier.Rule.of(RuleRef.of("client NIC " + nic.name()), MatchExprs.ip(Field.SRC_IP, ips),
          Outcome.next(chains.clientNic(nic), "client in NIC " + nic.name())));
    }
    for (VirtualNetwork v : net.azure().vnets()) {
      for (Subnet s : v.subnets()) {
        if (s.nsgId().isEmpty()) {
          continue;
        }
        rules.add(Classifier.Rule.of(RuleRef.of("client subnet " + s.name()),
            MatchExprs.ip(Field.SRC_IP, s.addresses()),
            Outcome.next(chains.clientSubnet(s), "client in subnet " + s.name())));
      }
    }
    return rules;
  }

  /**
   * Flows to a load-balancer frontend (protocols: Tcp, Udp, or for All every transport protocol; address; port, 0 for
   * every port): to its rule's fork.
   */
  public List<Classifier.Rule> frontendRules() {
    List<Classifier.Rule> rules = new ArrayList<>();
    List<LbRuleSpec> lbRules = net.loadBalancing().rules();
    for (int i = 0; i < lbRules.size(); i++) {
      LbRuleSpec r = lbRules.get(i);
      MatchExpr m = MatchExprs.and(MatchExprs.protocol(r.protocols()),
          MatchExprs.ip(Field.DST_IP, IpSet.of(r.frontendIp())),
          r.frontendPort() == 0 ? MatchExprs.TRUE : MatchExprs.port(Field.DST_PORT, PortSet.of(r.frontendPort())));
      rules.add(Classifier.Rule.of(RuleRef.of(r.loadBalancerName() + "/" + r.name()), m,
          Outcome.next(new AksKey.LbRule(i), "load-balancing rule " + r.name())));
    }
    return rules;
  }

  /** Where a node's or pod's own flow to a non-Service destination starts: one element per outbound NSG path. */
  public synchronized AksKey.Leave leaveOf(Node n) {
    return new AksKey.Leave(leaveMembers().get(pathKey(n)).get(0).name());
  }

  /**
   * A node's or pod's own flow to a non-Service destination, for the nodes leaving through {@code n}'s NSGs: to its
   * own node or a pod of that node it stays on the node (the node's kube-proxy and the pod's NetworkPolicy, no NSG),
   * one rule per node, so each source keeps its own node; anything else leaves through the outbound NSGs (NIC, then
   * subnet) to the network.
   */
  public synchronized Element leave(AksKey.Leave key) {
    Node n = hops.node(key.node());
    List<Node> members = leaveMembers().get(pathKey(n));
    List<Classifier.Rule> rules = new ArrayList<>();
    for (Node m : members) {
      IpSet local = IpSet.ofAddresses(m.internalIps()).union(net.podAddresses(m));
      if (local.isEmpty()) {
        continue;
      }
      rules.add(Classifier.Rule.of(RuleRef.of("on node " + m.name()), MatchExprs.and(
          MatchExprs.ip(Field.SRC_IP, local), MatchExprs.ip(Field.DST_IP, local)),
          Outcome.next(new AksKey.Host(m.name()), "to its own node " + m.name() + " or a pod of it: stays on the node")));
    }
    return Classifier.of(key, new RoutingOrigin(RoutingOrigin.Step.LEAVE_NODE, Optional.of(n.name()), Optional.empty(),
        members.size() - 1), rules, Outcome.next(chains.nodeOut(n, AksKey.DISPATCH), "through the node's outbound NSGs"));
  }

  private Map<Object, List<Node>> leaveMembers() {
    if (leaveMembers == null) {
      leaveMembers = new LinkedHashMap<>();
      for (Node m : net.kubernetes().nodes()) {
        leaveMembers.computeIfAbsent(pathKey(m), k -> new ArrayList<>()).add(m);
      }
    }
    return leaveMembers;
  }

  private Object pathKey(Node n) {
    return chains.outboundPathKey(n);
  }
}
