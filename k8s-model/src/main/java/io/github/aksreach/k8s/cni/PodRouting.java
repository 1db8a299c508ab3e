package io.github.aksreach.k8s.cni;

import io.github.aksreach.core.match.MatchExprs;
import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.ElementKey;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.core.solver.RuleRef;
import io.github.aksreach.k8s.cluster.AksNetwork;
import io.github.aksreach.k8s.hops.AksKey;
import io.github.aksreach.k8s.hops.Hops;
import io.github.aksreach.k8s.model.NetworkPlugin;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.trace.AksHopKind;
import io.github.aksreach.nsg.model.AddressSpec;
import io.github.aksreach.nsg.model.Subnet;
import io.github.aksreach.nsg.model.VirtualNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * Which node Azure routes a node or pod address to, by network plugin: a node's own addresses always; its pods'
 * addresses under Azure CNI (VNet addresses), under kubenet only from subnets whose route table routes the node's pod
 * CIDR to it (DOMAIN.md 4.5), and never under Overlay (pod addresses are not routable outside the cluster).
 *
 * <pre>{@code
 * new PodRouting(net, hops).addressRules();   // "node aks-...", "route to pods on aks-...", "no route to pods on ..."
 * }</pre>
 */
public final class PodRouting {
  private final AksNetwork net;
  private final Hops hops;

  public PodRouting(AksNetwork net, Hops hops) {
    this.net = net;
    this.hops = hops;
  }

  /** Per node: its addresses, then its pods' addresses as the plugin routes them, to the node's inbound NSGs. */
  public List<Classifier.Rule> addressRules() {
    List<Classifier.Rule> rules = new ArrayList<>();
    NetworkPlugin plugin = net.networkPlugin();
    for (Node n : net.kubernetes().nodes()) {
      IpSet addrs = IpSet.ofAddresses(n.internalIps());
      IpSet pods = plugin == NetworkPlugin.AZURE_OVERLAY ? IpSet.empty() : net.podAddresses(n).difference(addrs);
      ElementKey entry = hops.nodeIn(n, new AksKey.Host(n.name()));
      if (!addrs.isEmpty()) {
        rules.add(Classifier.Rule.of(RuleRef.of("node " + n.name()), MatchExprs.ip(Field.DST_IP, addrs),
            Outcome.next(entry, "routed to node " + n.name())));
      }
      if (pods.isEmpty()) {
        continue;
      }
      if (plugin == NetworkPlugin.KUBENET && !net.azure().routeTables().isEmpty()) {
        rules.add(Classifier.Rule.of(RuleRef.of("route to pods on " + n.name()),
            MatchExprs.and(MatchExprs.ip(Field.DST_IP, pods), MatchExprs.ip(Field.SRC_IP, kubenetRoutedSources(n))),
            Outcome.next(entry, "user-defined route to node " + n.name())));
        rules.add(Classifier.Rule.of(RuleRef.of("no route to pods on " + n.name()), MatchExprs.ip(Field.DST_IP, pods),
            Outcome.drop(AksHopKind.NO_ROUTE, "kubenet pod address of node " + n.name() + ": only subnets whose route "
                + "table routes the node's pod CIDR to it reach it")));
      } else {
        rules.add(Classifier.Rule.of(RuleRef.of("pods on " + n.name()), MatchExprs.ip(Field.DST_IP, pods),
            Outcome.next(entry, "routed to node " + n.name())));
      }
    }
    for (Node n : net.absentNodes()) {
      rules.add(absentNodeRule(n, plugin));
    }
    return rules;
  }

  /**
   * The pods of a node the dump lacks: under Azure CNI their VNet addresses are routed by Azure to the node whatever
   * the node's own address (its inbound NSGs: the pods' subnet's and the cluster NSG on its NIC); under kubenet the
   * route to them is the node's own route-table entry, and under Overlay they are not routable outside the cluster:
   * neither can be derived without the node, so the flow ends there with a reason naming the pod's node.
   */
  private Classifier.Rule absentNodeRule(Node n, NetworkPlugin plugin) {
    IpSet pods = net.podAddresses(n);
    String missing = "node " + n.name() + ", which is not in the dump (kubectl get nodes)";
    if (plugin == NetworkPlugin.AZURE) {
      return Classifier.Rule.of(RuleRef.of("pods on " + n.name() + " (node not in the dump)"),
          MatchExprs.ip(Field.DST_IP, pods), Outcome.next(hops.nodeIn(n, new AksKey.Host(n.name())),
              "Azure CNI: pod address routed by the VNet to its " + missing + "; assumed behind its subnet's NSG and"
                  + " the cluster NSG on its NIC"));
    }
    return Classifier.Rule.of(RuleRef.of("pods on " + n.name() + " (node not in the dump)"),
        MatchExprs.ip(Field.DST_IP, pods), Outcome.drop(AksHopKind.NO_ROUTE, "pod address of " + missing + ": under "
            + plugin.configName() + " the route to it is the node's and cannot be derived; dump the node to answer"));
  }

  /**
   * The sources that reach {@code n}'s kubenet pods: the addresses of every subnet whose route table has a route to
   * (part of) those pods with {@code n} as next hop, and the pods of the nodes in such subnets.
   */
  private IpSet kubenetRoutedSources(Node n) {
    IpSet pods = net.podAddresses(n);
    IpSet out = IpSet.empty();
    for (VirtualNetwork v : net.azure().vnets()) {
      for (Subnet s : v.subnets()) {
        boolean routes = s.routeTableId().flatMap(net.azure()::routeTable).map(t -> t.routes().stream().anyMatch(r ->
            r.nextHopIp().map(n.internalIps()::contains).orElse(false)
                && r.destination() instanceof AddressSpec.Prefixes
                && ((AddressSpec.Prefixes) r.destination()).set().intersects(pods)))
            .orElse(false);
        if (!routes) {
          continue;
        }
        out = out.union(s.addresses());
        for (Node m : net.kubernetes().nodes()) {
          if (m.internalIps().stream().anyMatch(s.addresses()::contains)) {
            out = out.union(net.podAddresses(m));
          }
        }
      }
    }
    return out;
  }
}
