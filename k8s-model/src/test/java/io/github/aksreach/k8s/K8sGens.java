package io.github.aksreach.k8s;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.k8s.model.Container;
import io.github.aksreach.k8s.model.ContainerPort;
import io.github.aksreach.k8s.model.IpBlock;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.LabelSelector;
import io.github.aksreach.k8s.model.LabelSelectorRequirement;
import io.github.aksreach.k8s.model.Namespace;
import io.github.aksreach.k8s.model.NetworkPolicy;
import io.github.aksreach.k8s.model.NetworkPolicyPeer;
import io.github.aksreach.k8s.model.NetworkPolicyPort;
import io.github.aksreach.k8s.model.NetworkPolicyRule;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.PodPhase;
import io.github.aksreach.k8s.model.PolicyType;
import io.github.aksreach.k8s.model.PortRef;
import io.github.aksreach.k8s.model.SelectorOperator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Shared QuickTheories generators for Kubernetes models: small clusters (namespaces, two nodes, pods with named
 * ports) with random NetworkPolicies, and the address/port universes worth probing them with. Reused by other
 * modules through this module's test-jar.
 *
 * <pre>{@code
 * qt().forAll(K8sGens.clustersWithPolicies()).checkAssert(c -> ...);
 * List<IpAddress> probes = K8sGens.probeAddresses(cluster);
 * }</pre>
 *
 * <p>Universe: namespaces {@code ns-a}, {@code ns-b} (dumped, labelled) and {@code ns-c} (not dumped: only its name
 * label is known); nodes {@code n1} 10.0.0.1 (pods 10.244.1.0/24) and {@code n2} 10.0.0.2 (pods 10.244.2.0/24);
 * labels {@code app} in {a, b, c} and {@code role} in {x, y}; ports 80, 8080, 9100 with names {@code http} (TCP 80
 * or 8080 per pod) and {@code metrics} (UDP 9100).
 */
public final class K8sGens {
  public static final List<String> NAMESPACES = List.of("ns-a", "ns-b", "ns-c");
  public static final List<Integer> PORTS = List.of(0, 80, 443, 8080, 9100);
  public static final List<Protocol> PROTOCOLS = List.of(Protocol.TCP, Protocol.UDP, Protocol.SCTP, Protocol.ICMP);

  private K8sGens() {}

  /** A thin helper over QuickTheories' randomness. */
  public static final class R {
    private final RandomnessSource in;

    public R(RandomnessSource in) {
      this.in = in;
    }

    public int between(int lo, int hi) {
      return (int) in.next(Constraint.between(lo, hi));
    }

    /** True with probability 1/n. */
    public boolean oneIn(int n) {
      return between(0, n - 1) == 0;
    }

    public <T> T pick(List<T> l) {
      return l.get(between(0, l.size() - 1));
    }
  }

  private static Map<String, String> labels(R r) {
    Map<String, String> m = new LinkedHashMap<>();
    if (!r.oneIn(4)) {
      m.put("app", r.pick(List.of("a", "b", "c")));
    }
    if (r.oneIn(2)) {
      m.put("role", r.pick(List.of("x", "y")));
    }
    return m;
  }

  private static LabelSelector selector(R r) {
    switch (r.between(0, 3)) {
      case 0:
        return LabelSelector.everything();
      case 1:
        return LabelSelector.ofLabels(Map.of("app", r.pick(List.of("a", "b", "c"))));
      case 2: {
        SelectorOperator op = r.pick(List.of(SelectorOperator.values()));
        List<String> values = op == SelectorOperator.IN || op == SelectorOperator.NOT_IN
            ? List.of(r.pick(List.of("x", "y")), r.pick(List.of("a", "x"))) : List.of();
        return LabelSelector.builder().addMatchExpressions(LabelSelectorRequirement.of(
            r.pick(List.of("role", "app")), op, new ArrayList<>(new LinkedHashSet<>(values)))).build();
      }
      default:
        return LabelSelector.builder().putMatchLabels("app", r.pick(List.of("a", "b")))
            .addMatchExpressions(LabelSelectorRequirement.of("role", SelectorOperator.EXISTS, List.of())).build();
    }
  }

  private static LabelSelector namespaceSelector(R r) {
    switch (r.between(0, 3)) {
      case 0:
        return LabelSelector.everything();
      case 1:
        return LabelSelector.ofLabels(Map.of("team", r.pick(List.of("x", "y"))));
      case 2:
        return LabelSelector.ofLabels(Map.of(Namespace.NAME_LABEL, r.pick(NAMESPACES)));
      default:
        return r.oneIn(2)
            ? LabelSelector.builder().addMatchExpressions(
                LabelSelectorRequirement.of("team", SelectorOperator.NOT_IN, List.of("x"))).build()
            : LabelSelector.builder().addMatchExpressions(
                LabelSelectorRequirement.of("team", SelectorOperator.DOES_NOT_EXIST, List.of())).build();
    }
  }

  private static final List<String> CIDRS = List.of("10.244.0.0/16", "10.244.1.0/24", "10.244.2.0/25",
      "10.0.0.0/24", "192.168.0.0/16", "0.0.0.0/0");

  private static NetworkPolicyPeer peer(R r) {
    switch (r.between(0, 3)) {
      case 0:
        return NetworkPolicyPeer.ofPods(selector(r));
      case 1:
        return NetworkPolicyPeer.ofNamespaces(namespaceSelector(r));
      case 2:
        return NetworkPolicyPeer.builder().podSelector(selector(r)).namespaceSelector(namespaceSelector(r)).build();
      default: {
        IpPrefix cidr = IpPrefix.of(r.pick(CIDRS));
        IpBlock.Builder b = IpBlock.builder().cidr(cidr);
        int n = r.between(0, 2);
        for (int i = 0; i < n; i++) {
          int len = Math.min(32, cidr.length() + r.between(1, 8));
          long base = cidr.network().v4Value();
          long span = cidr.length() == 0 ? 0xFFFF_FFFFL : (1L << (32 - cidr.length())) - 1;
          // sometimes an except around the pods of n1 or the nodes
          IpAddress inside = r.oneIn(2) && cidr.contains(IpAddress.of("10.244.1.2"))
              ? IpAddress.of("10.244.1." + r.between(0, 9)) : IpAddress.v4(base + (r.between(0, 1 << 16) & span));
          b.addExcept(IpPrefix.of(inside, Math.max(len, cidr.length())));
        }
        return NetworkPolicyPeer.ofIpBlock(b.build());
      }
    }
  }

  private static NetworkPolicyPort policyPort(R r) {
    Protocol p = r.oneIn(4) ? Protocol.UDP : r.oneIn(8) ? Protocol.SCTP : Protocol.TCP;
    NetworkPolicyPort.Builder b = NetworkPolicyPort.builder().protocol(p);
    switch (r.between(0, 4)) {
      case 0:
        return b.build();
      case 1:
        return b.port(PortRef.name(r.pick(List.of("http", "metrics", "nope")))).build();
      case 2: {
        int start = r.pick(List.of(80, 443, 8000));
        return b.port(PortRef.number(start)).endPort(start + r.between(0, 1200)).build();
      }
      default:
        return b.port(PortRef.number(r.pick(List.of(80, 443, 8080, 9100)))).build();
    }
  }

  private static NetworkPolicyRule rule(R r) {
    NetworkPolicyRule.Builder b = NetworkPolicyRule.builder();
    int peers = r.between(0, 2);
    for (int i = 0; i < peers; i++) {
      b.addPeers(peer(r));
    }
    int ports = r.between(0, 2);
    for (int i = 0; i < ports; i++) {
      b.addPorts(policyPort(r));
    }
    return b.build();
  }

  /** A random cluster of up to 7 pods on two nodes with up to 4 NetworkPolicies. */
  public static KubernetesCluster cluster(R r) {
    KubernetesCluster.Builder c = KubernetesCluster.builder();
    c.addNamespaces(Namespace.builder().name("ns-a").putLabels("team", r.pick(List.of("x", "y"))).build());
    Namespace.Builder nb = Namespace.builder().name("ns-b");
    if (r.oneIn(2)) {
      nb.putLabels("team", r.pick(List.of("x", "y")));
    }
    c.addNamespaces(nb.build());
    for (int n = 1; n <= 2; n++) {
      c.addNodes(Node.builder().name("n" + n).addInternalIps(IpAddress.of("10.0.0." + n))
          .addPodCidrs(IpPrefix.of("10.244." + n + ".0/24")).build());
    }
    int pods = r.between(1, 7);
    for (int i = 0; i < pods; i++) {
      int node = r.between(1, 2);
      boolean host = r.oneIn(8);
      Pod.Builder p = Pod.builder().namespace(r.pick(NAMESPACES)).name("p" + i).putAllLabels(labels(r))
          .nodeName("n" + node).hostIp(IpAddress.of("10.0.0." + node)).hostNetwork(host)
          .addPodIps(host ? IpAddress.of("10.0.0." + node) : IpAddress.of("10.244." + node + "." + (i + 2)));
      if (r.oneIn(10)) {
        p.phase(PodPhase.SUCCEEDED);
      }
      Container.Builder cb = Container.builder().name("main");
      if (!r.oneIn(4)) {
        cb.addPorts(ContainerPort.of("http", r.pick(List.of(80, 8080)), Protocol.TCP));
      }
      if (r.oneIn(3)) {
        cb.addPorts(ContainerPort.of("metrics", 9100, Protocol.UDP));
      }
      c.addPods(p.addContainers(cb.build()).build());
    }
    int policies = r.between(0, 4);
    for (int i = 0; i < policies; i++) {
      NetworkPolicy.Builder p = NetworkPolicy.builder().namespace(r.pick(NAMESPACES)).name("np" + i)
          .podSelector(selector(r));
      switch (r.between(0, 3)) {
        case 0:
          break;
        case 1:
          p.addDeclaredPolicyTypes(PolicyType.INGRESS);
          break;
        case 2:
          p.addDeclaredPolicyTypes(PolicyType.EGRESS);
          break;
        default:
          p.addDeclaredPolicyTypes(PolicyType.INGRESS, PolicyType.EGRESS);
      }
      int in = r.between(0, 2);
      for (int j = 0; j < in; j++) {
        p.addIngress(rule(r));
      }
      int out = r.between(0, 2);
      for (int j = 0; j < out; j++) {
        p.addEgress(rule(r));
      }
      c.addNetworkPolicies(p.build());
    }
    return c.build();
  }

  public static Gen<KubernetesCluster> clustersWithPolicies() {
    return in -> cluster(new R(in));
  }

  /**
   * The addresses worth probing a generated cluster with: every pod and node address, the kubenet bridge addresses,
   * neighbours, ipBlock boundaries and a few external clients.
   */
  public static List<IpAddress> probeAddresses(KubernetesCluster c) {
    Set<IpAddress> s = new LinkedHashSet<>();
    for (Pod p : c.pods()) {
      s.addAll(p.podIps());
    }
    for (Node n : c.nodes()) {
      s.addAll(n.internalIps());
      n.podCidrs().forEach(pc -> {
        s.add(pc.network());
        s.add(pc.network().next());
      });
    }
    for (NetworkPolicy p : c.networkPolicies()) {
      for (NetworkPolicyRule r : concat(p.ingress(), p.egress())) {
        for (NetworkPolicyPeer peer : r.peers()) {
          peer.ipBlock().ifPresent(b -> {
            s.add(b.cidr().first());
            s.add(b.cidr().last());
            for (IpPrefix e : b.except()) {
              s.add(e.first());
              s.add(e.last());
              s.add(e.last().next());
            }
          });
        }
      }
    }
    for (String ext : List.of("192.168.1.4", "8.8.8.8", "10.244.1.200", "10.244.3.7", "10.0.0.9")) {
      s.add(IpAddress.of(ext));
    }
    return new ArrayList<>(s);
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> l = new ArrayList<>(a);
    l.addAll(b);
    return l;
  }
}
