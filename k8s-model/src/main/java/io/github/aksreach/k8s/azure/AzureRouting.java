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

  /** The Azure platform address (DHCP, DNS, health probes): inside the VNet for routing. */
  private static final IpSet PLATFORM = IpSet.of(io.github.aksreach.core.model.IpAddress.of("168.63.129.16"));

  /**
   * The sources Azure routes into the VNet: the modelled VNets' address spaces and their peerings' remote spaces, the
   * ranges {@code scenario.yaml} declares routed in ({@code network.routedIntoVnet}, default the private ranges), every
   * address of the cluster (nodes, pods) and the platform address 168.63.129.16. Every other source is on the
   * Internet.
   */
  public IpSet routedSources() {
    IpSet in = PLATFORM.union(IpSet.ofPrefixes(net.scenario().config().routedIntoVnetOrDefault()))
        .union(net.nodeAddresses()).union(net.allPodAddresses());
    for (VirtualNetwork v : net.azure().vnets()) {
      in = in.union(v.addressSpace()).union(IpSet.ofPrefixes(v.peeredPrefixes()));
      for (Subnet s : v.subnets()) {
        in = in.union(s.addresses());
      }
    }
    for (Node n : net.absentNodes()) {
      in = in.union(net.podAddresses(n));
    }
    return in;
  }

  /**
   * A source on the Internet (outside {@link #routedSources()}) reaches public load-balancer frontends only: a private
   * node, pod or internal frontend address is not routed to it (its packets never enter the VNet). One rule, first in
   * Azure routing; none when every source is routed in.
   */
  public List<Classifier.Rule> internetRules() {
    IpSet internet = IpSet.all().difference(routedSources());
    if (internet.isEmpty()) {
      return List.of();
    }
    List<io.github.aksreach.core.model.IpAddress> publicFrontends = new ArrayList<>();
    for (LbRuleSpec r : net.loadBalancing().rules()) {
      if (!r.internal()) {
        publicFrontends.add(r.frontendIp());
      }
    }
    return List.of(Classifier.Rule.of(RuleRef.of("source on the Internet"), MatchExprs.and(
        MatchExprs.ip(Field.SRC_IP, internet),
        MatchExprs.not(MatchExprs.ip(Field.DST_IP, IpSet.ofAddresses(publicFrontends)))),
        Outcome.drop(io.github.aksreach.k8s.trace.AksHopKind.NO_ROUTE, "the source is on the Internet (outside the "
            + "VNet, its peerings and the ranges routed into it, scenario.yaml network.routedIntoVnet): only public "
            + "load-balancer frontends are reachable from it, this destination is not routed from the Internet")));
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
