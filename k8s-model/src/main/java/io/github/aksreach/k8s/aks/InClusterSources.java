package io.github.aksreach.k8s.aks;

import io.github.aksreach.core.match.MatchExpr;
import io.github.aksreach.core.match.MatchExprs;
import io.github.aksreach.core.match.SymbolicEncoder;
import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.core.model.ProtocolSet;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.ElementKey;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.core.solver.RuleRef;
import io.github.aksreach.k8s.cluster.AksNetwork;
import io.github.aksreach.k8s.cluster.NodeClasses;
import io.github.aksreach.k8s.hops.AksKey;
import io.github.aksreach.k8s.hops.Hops;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.PolicyType;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.netpol.NetworkPolicyClassifiers;
import io.github.aksreach.k8s.trace.AksHopKind;
import io.github.aksreach.k8s.trace.PodRef;
import io.github.aksreach.k8s.trace.RoutingOrigin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The cluster's own nodes and pods as clients (DOMAIN.md 4.1, 4.4, 6): to a Service address they are served by
 * kube-proxy on their own node, never by the Azure LB; pods isolated for egress pass their egress rules. Sources are
 * grouped per class of equivalent nodes and, for pods, by the policies isolating them, so this adds no per-pod
 * elements. Not thread-safe on its own: the graph calls it under its lock.
 *
 * <pre>{@code
 * for (AksGraph.SourceEntry e : graph.inClusterEntries()) {
 *   PathSolver.solve(graph, e.entry(), query.intersection(graph.serviceAddressSpace()));
 * }
 * }</pre>
 */
final class InClusterSources {
  private final AksNetwork net;
  private final Hops hops;
  private FlowSpace serviceAddressSpace;
  private List<AksGraph.SourceEntry> entries;
  /** Pods isolated for egress by the same policies, per class, by their representative. */
  private final Map<PodRef, List<Pod>> egressGroups = new HashMap<>();

  InClusterSources(AksNetwork net, Hops hops) {
    this.net = net;
    this.hops = hops;
  }

  /** Every address of a node or a live pod of the cluster. */
  IpSet addresses() {
    return net.clusterAddresses();
  }

  /** Every Service virtual address and port kube-proxy intercepts: LB frontends and ClusterIPs. */
  FlowSpace serviceAddressSpace() {
    if (serviceAddressSpace == null) {
      serviceAddressSpace = SymbolicEncoder.encode(serviceAddresses());
    }
    return serviceAddressSpace;
  }

  /**
   * The pods a group's representative stands for, if it stands for a group the entries computed so far (a pod's
   * egress element is made when first named; the entries name their groups' before anything else does).
   */
  List<Pod> egressGroup(PodRef representative) {
    return egressGroups.getOrDefault(representative, List.of());
  }

  /** The client's rules for in-cluster sources: first to a Service address, then every other flow per source kind. */
  List<Classifier.Rule> clientRules() {
    List<Classifier.Rule> rules = new ArrayList<>();
    IpSet inCluster = addresses();
    if (inCluster.isEmpty()) {
      return rules;
    }
    // one rule catches every in-cluster source sending to a Service address; the source's node is chosen after that,
    // by a classifier over the source alone, so no rule multiplies nodes by Service addresses
    rules.add(Classifier.Rule.of(RuleRef.of("in-cluster client to a Service address"),
        MatchExprs.and(MatchExprs.ip(Field.SRC_IP, inCluster), serviceAddresses()),
        Outcome.next(new AksKey.InClusterSources(), "a node or pod to a Service address: short-circuited by kube-proxy"
            + " on its own node, never through the Azure load balancer")));
    for (AksGraph.SourceEntry e : entries()) {
      rules.add(Classifier.Rule.of(RuleRef.of("from " + e.label()), MatchExprs.ip(Field.SRC_IP, e.sources()),
          Outcome.next(e.other(), e.label() + ": leaves its node (NetworkPolicy egress rules, where they isolate "
              + "it, then the node's outbound NSGs)")));
    }
    return rules;
  }

  /** Which node's kube-proxy handles an in-cluster client sending to a Service address. */
  Classifier element(AksKey.InClusterSources key) {
    List<Classifier.Rule> rules = new ArrayList<>();
    for (AksGraph.SourceEntry e : entries()) {
      rules.add(Classifier.Rule.of(RuleRef.of(e.label()), MatchExprs.ip(Field.SRC_IP, e.sources()),
          Outcome.next(e.entry(), e.label())));
    }
    return Classifier.of(key, RoutingOrigin.of(RoutingOrigin.Step.IN_CLUSTER_CLIENT), rules,
        Outcome.drop(AksHopKind.NO_ROUTE, "source is not a node or pod of the cluster"));
  }

  List<AksGraph.SourceEntry> entries() {
    if (entries == null) {
      entries = List.copyOf(compute());
    }
    return entries;
  }

  private List<AksGraph.SourceEntry> compute() {
    Map<Object, List<Node>> classes = new LinkedHashMap<>();
    Function<Node, NodeClasses.Key> keys = net.classes().inClusterKeys();
    for (Node n : net.kubernetes().nodes()) {
      classes.computeIfAbsent(keys.apply(n), k -> new ArrayList<>()).add(n);
    }
    boolean egress = net.enforcesNetworkPolicy();
    boolean postDnat = net.options().networkPolicy().egressSeesServiceBackend();
    List<AksGraph.SourceEntry> podEntries = new ArrayList<>();
    List<AksGraph.SourceEntry> hostEntries = new ArrayList<>();
    for (List<Node> members : classes.values()) {
      Node n = members.get(0);
      List<IpAddress> hostIps = new ArrayList<>();
      // pods by the policies isolating them for egress (none: the empty list); the class's first node comes first,
      // so a group's representative is a pod of the node that stands for the class (node classes key pod labels)
      Map<List<String>, List<Pod>> groups = new LinkedHashMap<>();
      for (Node m : members) {
        hostIps.addAll(m.internalIps());
        for (Pod p : net.livePods(m)) {
          List<String> sig = egress ? NetworkPolicyClassifiers.isolatingPolicies(net.kubernetes(), p, PolicyType.EGRESS)
              : List.of();
          groups.computeIfAbsent(sig, k -> new ArrayList<>()).add(p);
        }
      }
      IpSet host = IpSet.ofAddresses(hostIps);
      String also = members.size() > 1 ? " (and " + (members.size() - 1) + " equivalent nodes)" : "";
      ElementKey leave = hops.leaveOf(n);
      for (Map.Entry<List<String>, List<Pod>> g : groups.entrySet()) {
        IpSet pods = AksNetwork.podIps(g.getValue()).difference(host);
        if (pods.isEmpty()) {
          continue;
        }
        if (g.getKey().isEmpty()) {
          podEntries.add(new AksGraph.SourceEntry(pods, new AksKey.InCluster(n.name(), AksKey.Mode.FROM_POD), leave,
              "pods on " + n.name() + also));
          continue;
        }
        Pod rep = g.getValue().get(0);
        // one classifier for the group, exact for each pod (its own address, its own node)
        egressGroups.put(PodRef.of(rep), g.getValue());
        ElementKey entry = postDnat
            ? new AksKey.InCluster(n.name(), AksKey.Mode.FROM_POD.withEgressOf(PodRef.of(rep)))
            : hops.egressOf(rep, new AksKey.InCluster(n.name(), AksKey.Mode.FROM_POD));
        podEntries.add(new AksGraph.SourceEntry(pods, entry, hops.egressOf(rep, leave),
            "pods on " + n.name() + also + " isolated for egress by " + g.getKey()));
      }
      if (!host.isEmpty()) {
        hostEntries.add(new AksGraph.SourceEntry(host, new AksKey.InCluster(n.name(), AksKey.Mode.FROM_HOST), leave,
            "node " + n.name() + also));
      }
    }
    // pods before nodes, first match: each entry keeps only the sources no earlier entry took. Addresses are normally
    // unique (one linear check says so); only a dump with shared addresses pays for the subtraction.
    List<AksGraph.SourceEntry> all = new ArrayList<>(podEntries);
    all.addAll(hostEntries);
    if (disjoint(all)) {
      return all;
    }
    List<AksGraph.SourceEntry> out = new ArrayList<>();
    IpSet taken = IpSet.empty();
    for (AksGraph.SourceEntry e : all) {
      IpSet own = e.sources().difference(taken);
      if (!own.isEmpty()) {
        out.add(new AksGraph.SourceEntry(own, e.entry(), e.other(), e.label()));
        taken = taken.union(own);
      }
    }
    return out;
  }

  /** Whether no address is in two entries: their ranges, sorted by first address, never overlap. */
  private static boolean disjoint(List<AksGraph.SourceEntry> entries) {
    List<IpAddress[]> ranges = new ArrayList<>();
    for (AksGraph.SourceEntry e : entries) {
      e.sources().forEachRange((first, last) -> ranges.add(new IpAddress[] {first, last}));
    }
    ranges.sort((x, y) -> x[0].compareTo(y[0]));
    for (int i = 1; i < ranges.size(); i++) {
      if (ranges.get(i)[0].compareTo(ranges.get(i - 1)[1]) <= 0) {
        return false;
      }
    }
    return true;
  }

  /** Every Service virtual address and port kube-proxy intercepts (KUBE-SERVICES): LB frontends and ClusterIPs. */
  private MatchExpr serviceAddresses() {
    List<MatchExpr> out = new ArrayList<>();
    for (Service svc : net.kubernetes().services()) {
      List<IpAddress> vips = new ArrayList<>(svc.headless() ? List.of() : svc.clusterIps());
      if (svc.isLoadBalancer()) {
        vips.addAll(svc.frontendIps());
      }
      for (ServicePort sp : svc.ports()) {
        for (IpAddress fe : vips) {
          out.add(MatchExprs.and(MatchExprs.protocol(ProtocolSet.of(sp.protocol())),
              MatchExprs.ip(Field.DST_IP, IpSet.of(fe)), MatchExprs.port(Field.DST_PORT, PortSet.of(sp.port()))));
        }
      }
    }
    return MatchExprs.or(out);
  }
}
