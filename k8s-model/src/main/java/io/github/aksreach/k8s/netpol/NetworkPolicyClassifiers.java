package io.github.aksreach.k8s.netpol;

import io.github.aksreach.core.match.MatchExpr;
import io.github.aksreach.core.match.MatchExprs;
import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.model.ProtocolSet;
import io.github.aksreach.core.model.PortRange;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.ElementKey;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.core.solver.RuleRef;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.NetworkPolicy;
import io.github.aksreach.k8s.model.NetworkPolicyPeer;
import io.github.aksreach.k8s.model.NetworkPolicyPort;
import io.github.aksreach.k8s.model.NetworkPolicyRule;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.PolicyType;
import io.github.aksreach.k8s.trace.AksHopKind;
import io.github.aksreach.k8s.trace.NetworkPolicyOrigin;
import io.github.aksreach.k8s.trace.PodRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Builds the core {@link Classifier} for "ingress into pod P" or "egress from pod P": first-match rules over the header
 * as that hop sees it (source address, destination port and protocol for ingress; destination address, port and
 * protocol for egress), exactly equivalent to {@link NetworkPolicyEvaluator}.
 *
 * <pre>{@code
 * ElementKey app = ElementKey.named("pod");
 * Classifier in = NetworkPolicyClassifiers.ingress(cluster, pod, ElementKey.named("netpol-in"), app);
 * in.rules();   // [own node ..., default/np1 ingress[0], ...]; otherwise: drop NETWORK_POLICY
 * ElementGraph g = ElementGraph.of(in, Sink.of("pod", pod.key(), "POD"));
 * PathSolver.solve(g, in.key(), FlowSpace.all()).reachBySource();   // who may connect, exactly
 * }</pre>
 *
 * <p>Rules, in order: the pod itself ({@code self}); the pod's own node ({@code own node <name>}); one rule per rule
 * of each isolating policy ({@code <ns>/<policy> ingress[i]}), matching (some peer) AND (some port), each with
 * {@code Outcome.next(target, "allowed by <ns>/<policy> ingress[i]")}. A peer's addresses are the pod IPs of the live
 * pods its selectors match, or its {@code ipBlock} minus {@code except}. Flows no rule matches are dropped with kind
 * {@code AksHopKind.NETWORK_POLICY} and a reason naming the isolating policies, and bypass to {@code target} in explain mode. A pod
 * that no policy isolates (or a hostNetwork pod) gets a classifier with no rules whose {@code otherwise} passes on.
 *
 * <p>Important note: whether policies are enforced at all is the caller's decision (CONTRACTS.md: only with a policy
 * engine, {@code cluster.networkPolicy} or {@code az aks show}); so is which header the classifier sees for
 * masqueraded traffic ({@code assumptions.networkPolicySeesSource}).
 */
public final class NetworkPolicyClassifiers {

  private NetworkPolicyClassifiers() {}

  public static Classifier ingress(KubernetesCluster c, Pod pod, ElementKey id, ElementKey target) {
    return ingress(c, pod, id, target, NetworkPolicyOptions.defaults());
  }

  public static Classifier egress(KubernetesCluster c, Pod pod, ElementKey id, ElementKey target) {
    return egress(c, pod, id, target, NetworkPolicyOptions.defaults());
  }

  /** The classifier for traffic into {@code pod}, over (SRC_IP, DST_PORT, PROTOCOL). */
  public static Classifier ingress(KubernetesCluster c, Pod pod, ElementKey id, ElementKey target, NetworkPolicyOptions o) {
    return factory(c, o).ingress(pod, id, target);
  }

  /** The classifier for traffic out of {@code pod}, over (DST_IP, DST_PORT, PROTOCOL). */
  public static Classifier egress(KubernetesCluster c, Pod pod, ElementKey id, ElementKey target, NetworkPolicyOptions o) {
    return factory(c, o).egress(pod, id, target);
  }

  /**
   * A factory for many pods of one cluster: the address sets of policy peers and of named ports are computed once
   * and shared by every classifier it builds.
   *
   * <pre>{@code
   * NetworkPolicyClassifiers.Factory f = NetworkPolicyClassifiers.factory(cluster, NetworkPolicyOptions.defaults());
   * for (Pod p : cluster.pods()) {
   *   elements.add(f.ingress(p, new MyKey("netpol-in", p), new MyKey("pod", p)));
   * }
   * }</pre>
   */
  public static Factory factory(KubernetesCluster c, NetworkPolicyOptions o) {
    return new Factory(c, o);
  }

  /** Builds classifiers for the pods of one cluster, sharing computed address sets. Not thread-safe. */
  public static final class Factory {
    private final KubernetesCluster c;
    private final NetworkPolicyOptions o;
    private final Map<List<Object>, IpSet> peers = new HashMap<>();
    private final Map<List<Object>, Map<Integer, IpSet>> namedPorts = new HashMap<>();

    private Factory(KubernetesCluster c, NetworkPolicyOptions o) {
      this.c = c;
      this.o = o;
    }

    public Classifier ingress(Pod pod, ElementKey id, ElementKey target) {
      return build(this, pod, PolicyType.INGRESS, id, target);
    }

    public Classifier egress(Pod pod, ElementKey id, ElementKey target) {
      return build(this, pod, PolicyType.EGRESS, id, target);
    }

    /**
     * One egress classifier for pods the same policies isolate ({@link #isolatingPolicies}), exact for each of them:
     * each pod's own address only for that pod ({@code self}: source and destination the pod), each node's addresses
     * only for the pods on that node ({@code own node}), then the policies' rules, which do not depend on which pod
     * sends. With a destination fixed (a flow after kube-proxy's DNAT, a reach question), at most a pod and a node
     * rule can meet it, so the size of the group costs rules, not fragmented sets.
     */
    public Classifier egressOfGroup(List<Pod> pods, ElementKey id, ElementKey target) {
      if (pods.size() == 1) {
        return egress(pods.get(0), id, target);
      }
      Pod first = pods.get(0);
      List<NetworkPolicy> iso = PolicySemantics.isolating(c, first, PolicyType.EGRESS);
      List<String> keys = PolicySemantics.keys(iso);
      for (Pod p : pods) {
        if (p.hostNetwork() || !PolicySemantics.keys(PolicySemantics.isolating(c, p, PolicyType.EGRESS)).equals(keys)) {
          throw new IllegalArgumentException("pods of one egress group must be isolated by the same policies: "
              + first.key() + " " + keys + ", " + p.key());
        }
      }
      NetworkPolicyOrigin label = new NetworkPolicyOrigin(PodRef.of(first), pods.size(), PolicyType.EGRESS, keys);
      if (iso.isEmpty()) {
        return Classifier.of(id, label, List.of(),
            Outcome.next(target, "not isolated for egress: no NetworkPolicy selects the pods"));
      }
      List<Classifier.Rule> rules = new ArrayList<>();
      Map<String, List<Pod>> byNode = new java.util.LinkedHashMap<>();
      for (Pod p : pods) {
        IpSet self = IpSet.ofAddresses(p.podIps());
        rules.add(Classifier.Rule.of(RuleRef.of("self " + p.key()), MatchExprs.and(MatchExprs.ip(Field.SRC_IP, self),
            MatchExprs.ip(Field.DST_IP, self)), Outcome.next(target, "the pod itself: a pod cannot block access to "
            + "itself")));
        byNode.computeIfAbsent(PolicySemantics.nodeName(c, p), k -> new ArrayList<>()).add(p);
      }
      if (o.nodeTrafficAlwaysAllowed()) {
        for (Map.Entry<String, List<Pod>> e : byNode.entrySet()) {
          List<IpAddress> srcs = new ArrayList<>();
          e.getValue().forEach(p -> srcs.addAll(p.podIps()));
          rules.add(Classifier.Rule.of(RuleRef.of("own node " + e.getKey()), MatchExprs.and(
              MatchExprs.ip(Field.SRC_IP, IpSet.ofAddresses(srcs)),
              MatchExprs.ip(Field.DST_IP,
                  IpSet.ofAddresses(PolicySemantics.ownNodeAddresses(c, e.getValue().get(0), o)))),
              Outcome.next(target, "to the pod's own node " + e.getKey() + ": always allowed")));
        }
      }
      rules.addAll(policyRules(this, first, iso, PolicyType.EGRESS, Field.DST_IP, target));
      Outcome deny = Outcome.drop(AksHopKind.NETWORK_POLICY, "pods " + first.key() + " (and " + (pods.size() - 1)
          + " more) are isolated for egress by " + keys + " and no rule allows this flow").bypassingTo(target);
      return Classifier.of(id, label, rules, deny);
    }

    IpSet peerAddresses(String policyNs, NetworkPolicyPeer peer) {
      return peers.computeIfAbsent(List.of(policyNs, peer),
          k -> PolicySemantics.peerAddresses(c, policyNs, peer, o));
    }

    /** For a port name and protocol: the addresses of the eligible pods naming it, by port number. */
    Map<Integer, IpSet> namedPort(String name, Protocol protocol) {
      return namedPorts.computeIfAbsent(List.of(name, protocol), k -> {
        Map<Integer, List<IpAddress>> byNumber = new TreeMap<>();
        for (Pod d : c.pods()) {
          if (PolicySemantics.eligible(d, o)) {
            OptionalInt r = d.namedPort(name, protocol);
            if (r.isPresent()) {
              byNumber.computeIfAbsent(r.getAsInt(), x -> new ArrayList<>()).addAll(d.podIps());
            }
          }
        }
        Map<Integer, IpSet> out = new TreeMap<>();
        byNumber.forEach((n, ips) -> out.put(n, IpSet.ofAddresses(ips)));
        return out;
      });
    }
  }

  /**
   * The policies ({@code namespace/name}) that isolate {@code pod} in {@code direction}, in the cluster's order;
   * empty for a hostNetwork pod or a pod no policy selects. Pods with equal lists get classifiers with equal policy
   * rules (only the rules for the pod itself and its own node differ).
   */
  public static List<String> isolatingPolicies(KubernetesCluster c, Pod pod, PolicyType direction) {
    return pod.hostNetwork() ? List.of() : PolicySemantics.keys(PolicySemantics.isolating(c, pod, direction));
  }

  /** Whether some policy isolates {@code pod} in {@code direction} (a hostNetwork pod never is). */
  public static boolean isIsolated(KubernetesCluster c, Pod pod, PolicyType direction) {
    return !pod.hostNetwork() && !PolicySemantics.isolating(c, pod, direction).isEmpty();
  }

  private static Classifier build(Factory f, Pod pod, PolicyType dir, ElementKey id, ElementKey target) {
    KubernetesCluster c = f.c;
    NetworkPolicyOptions o = f.o;
    String d = dir == PolicyType.INGRESS ? "ingress" : "egress";
    NetworkPolicyOrigin label = new NetworkPolicyOrigin(PodRef.of(pod), 1, dir, pod.hostNetwork() ? List.of()
        : PolicySemantics.keys(PolicySemantics.isolating(c, pod, dir)));
    if (pod.hostNetwork()) {
      return Classifier.of(id, label, List.of(),
          Outcome.next(target, "pod uses the host network: NetworkPolicy does not apply"));
    }
    List<NetworkPolicy> iso = PolicySemantics.isolating(c, pod, dir);
    if (iso.isEmpty()) {
      return Classifier.of(id, label, List.of(),
          Outcome.next(target, "not isolated for " + d + ": no NetworkPolicy selects the pod"));
    }
    Field addr = dir == PolicyType.INGRESS ? Field.SRC_IP : Field.DST_IP;
    List<Classifier.Rule> rules = new ArrayList<>();
    rules.add(Classifier.Rule.of(RuleRef.of("self"), MatchExprs.ip(addr, IpSet.ofAddresses(pod.podIps())),
        Outcome.next(target, "the pod itself: a pod cannot block access to itself")));
    if (o.nodeTrafficAlwaysAllowed()) {
      String node = PolicySemantics.nodeName(c, pod);
      rules.add(Classifier.Rule.of(RuleRef.of("own node " + node),
          MatchExprs.ip(addr, IpSet.ofAddresses(PolicySemantics.ownNodeAddresses(c, pod, o))),
          Outcome.next(target, (dir == PolicyType.INGRESS ? "from" : "to") + " the pod's own node " + node
              + ": always allowed")));
    }
    rules.addAll(policyRules(f, pod, iso, dir, addr, target));
    Outcome deny = Outcome.drop(AksHopKind.NETWORK_POLICY, "pod " + pod.key() + " is isolated for " + d + " by "
        + PolicySemantics.keys(iso) + " and no rule allows this flow").bypassingTo(target);
    return Classifier.of(id, label, rules, deny);
  }

  /** The rules of the isolating policies, in order: each rule's peers AND its ports. */
  private static List<Classifier.Rule> policyRules(Factory f, Pod pod, List<NetworkPolicy> iso, PolicyType dir,
                                                   Field addr, ElementKey target) {
    String d = dir == PolicyType.INGRESS ? "ingress" : "egress";
    List<Classifier.Rule> rules = new ArrayList<>();
    for (NetworkPolicy p : iso) {
      List<NetworkPolicyRule> prs = p.rules(dir);
      for (int i = 0; i < prs.size(); i++) {
        NetworkPolicyRule r = prs.get(i);
        String name = p.key() + " " + d + "[" + i + "]";
        MatchExpr m = MatchExprs.and(peers(f, p, r, addr), ports(f, pod, dir, r.ports()));
        rules.add(Classifier.Rule.of(RuleRef.of(name), m, Outcome.next(target, "allowed by " + name)));
      }
    }
    return rules;
  }

  private static MatchExpr peers(Factory f, NetworkPolicy p, NetworkPolicyRule r, Field addr) {
    if (r.allowsAllPeers()) {
      return MatchExprs.TRUE;
    }
    IpSet s = IpSet.empty();
    for (NetworkPolicyPeer peer : r.peers()) {
      s = s.union(f.peerAddresses(p.namespace(), peer));
    }
    return MatchExprs.ip(addr, s);
  }

  private static MatchExpr ports(Factory f, Pod pod, PolicyType dir, List<NetworkPolicyPort> ports) {
    if (ports.isEmpty()) {
      return f.o.portlessRulesMatchOtherProtocols() ? MatchExprs.TRUE
          : MatchExprs.protocol(ProtocolSet.of(Protocol.TCP, Protocol.UDP, Protocol.SCTP));
    }
    List<MatchExpr> any = new ArrayList<>();
    for (NetworkPolicyPort pp : ports) {
      MatchExpr proto = MatchExprs.protocol(ProtocolSet.of(pp.protocol()));
      if (pp.port().isEmpty()) {
        any.add(proto);
        continue;
      }
      OptionalInt n = pp.port().get().asNumber();
      if (n.isPresent()) {
        PortSet range = PortSet.of(PortRange.of(n.getAsInt(), pp.endPort().orElse(n.getAsInt())));
        any.add(MatchExprs.and(proto, MatchExprs.port(Field.DST_PORT, range)));
        continue;
      }
      String name = pp.port().get().asName().orElseThrow();
      if (dir == PolicyType.INGRESS) {
        OptionalInt r = pod.namedPort(name, pp.protocol());
        if (r.isPresent()) {
          any.add(MatchExprs.and(proto, MatchExprs.port(Field.DST_PORT, PortSet.of(r.getAsInt()))));
        }
        continue;
      }
      // egress: the name resolves on whichever pod owns the destination address
      for (Map.Entry<Integer, IpSet> e : f.namedPort(name, pp.protocol()).entrySet()) {
        any.add(MatchExprs.and(proto, MatchExprs.ip(Field.DST_IP, e.getValue()),
            MatchExprs.port(Field.DST_PORT, PortSet.of(e.getKey()))));
      }
    }
    return MatchExprs.or(any);
  }
}
