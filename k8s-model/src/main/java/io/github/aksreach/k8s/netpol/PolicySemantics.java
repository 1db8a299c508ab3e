package io.github.aksreach.k8s.netpol;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.NetworkPolicy;
import io.github.aksreach.k8s.model.NetworkPolicyPeer;
import io.github.aksreach.k8s.model.NetworkPolicyPort;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.PolicyType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** The shared reading of the NetworkPolicy spec used by the evaluator and the classifier factory. */
final class PolicySemantics {
  private PolicySemantics() {}

  /** The protocols NetworkPolicy ports can name. */
  static boolean definedProtocol(Protocol p) {
    return p == Protocol.TCP || p == Protocol.UDP || p == Protocol.SCTP;
  }

  /** The policies that isolate {@code pod} in {@code direction}, in cluster order. */
  static List<NetworkPolicy> isolating(KubernetesCluster c, Pod pod, PolicyType direction) {
    List<NetworkPolicy> out = new ArrayList<>();
    for (NetworkPolicy p : c.networkPolicies()) {
      if (p.isolates(pod, direction)) {
        out.add(p);
      }
    }
    return out;
  }

  /** Whether a pod can be a selector peer: live, addressed, and not hostNetwork (unless the option says so). */
  static boolean eligible(Pod p, NetworkPolicyOptions o) {
    return p.isLive() && !p.podIps().isEmpty() && (!p.hostNetwork() || o.hostNetworkPodsMatchSelectors());
  }

  /** Eligible pods by address (several only in a broken dump, or for hostNetwork pods with the option on). */
  static Map<IpAddress, List<Pod>> podsByIp(KubernetesCluster c, NetworkPolicyOptions o) {
    Map<IpAddress, List<Pod>> m = new HashMap<>();
    for (Pod p : c.pods()) {
      if (eligible(p, o)) {
        for (IpAddress a : p.podIps()) {
          m.computeIfAbsent(a, k -> new ArrayList<>()).add(p);
        }
      }
    }
    return m;
  }

  /** The addresses of the node {@code pod} runs on (its "own node"). */
  static Set<IpAddress> ownNodeAddresses(KubernetesCluster c, Pod pod, NetworkPolicyOptions o) {
    Set<IpAddress> s = new LinkedHashSet<>();
    pod.hostIp().ifPresent(s::add);
    Optional<Node> n = c.nodeOf(pod);
    if (n.isPresent()) {
      s.addAll(c.nodeAddresses(n.get()));
      if (o.bridgeAddressIsNodeAddress()) {
        for (IpFamily f : IpFamily.values()) {
          n.get().bridgeAddress(f).ifPresent(s::add);
        }
      }
    }
    return s;
  }

  static String nodeName(KubernetesCluster c, Pod pod) {
    return pod.nodeName().orElse(pod.hostIp().map(Object::toString).orElse("?"));
  }

  /** Whether a selector peer of a policy in {@code policyNs} selects pod {@code p}. */
  static boolean selectsPod(KubernetesCluster c, String policyNs, NetworkPolicyPeer peer, Pod p) {
    if (peer.ipBlock().isPresent()) {
      return false;
    }
    if (peer.namespaceSelector().isPresent()) {
      if (!peer.namespaceSelector().get().matches(c.namespaceLabels(p.namespace()))) {
        return false;
      }
    } else if (!p.namespace().equals(policyNs)) {
      return false;
    }
    return peer.podSelector().isEmpty() || peer.podSelector().get().matches(p.labels());
  }

  /** The addresses a peer matches. */
  static IpSet peerAddresses(KubernetesCluster c, String policyNs, NetworkPolicyPeer peer, NetworkPolicyOptions o) {
    if (peer.ipBlock().isPresent()) {
      IpSet block = peer.ipBlock().get().toIpSet();
      return o.ipBlockMatchesClusterAddressesOrDefault() ? block : block.difference(clusterAddresses(c));
    }
    List<IpAddress> ips = new ArrayList<>();
    for (Pod p : c.pods()) {
      if (eligible(p, o) && selectsPod(c, policyNs, peer, p)) {
        ips.addAll(p.podIps());
      }
    }
    return IpSet.ofAddresses(ips);
  }

  /**
   * The addresses of the cluster's own endpoints, which an {@code ipBlock} does not match when {@link
   * NetworkPolicyOptions#ipBlockMatchesClusterAddresses()} is false (Cilium): every live pod's address (hostNetwork
   * pods have their node's) and every node's addresses.
   */
  static IpSet clusterAddresses(KubernetesCluster c) {
    List<IpAddress> ips = new ArrayList<>();
    for (Pod p : c.pods()) {
      if (p.isLive()) {
        ips.addAll(p.podIps());
      }
    }
    for (Node n : c.nodes()) {
      ips.addAll(c.nodeAddresses(n));
    }
    return IpSet.ofAddresses(ips);
  }

  /** Whether a peer matches address {@code ip}, which belongs to {@code pods} (possibly none). */
  static boolean peerMatches(KubernetesCluster c, String policyNs, NetworkPolicyPeer peer, IpAddress ip,
      List<Pod> pods, NetworkPolicyOptions o) {
    if (peer.ipBlock().isPresent()) {
      return peer.ipBlock().get().toIpSet().contains(ip)
          && (o.ipBlockMatchesClusterAddressesOrDefault() || !clusterAddresses(c).contains(ip));
    }
    for (Pod p : pods) {
      if (selectsPod(c, policyNs, peer, p)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether one {@code ports} entry matches (protocol, port), resolving a named port on {@code destinations} (a
   * name matches if any destination pod has a container port of that name and protocol equal to {@code port}).
   */
  static boolean portMatches(NetworkPolicyPort pp, Protocol protocol, int port, List<Pod> destinations) {
    if (pp.protocol() != protocol) {
      return false;
    }
    if (pp.port().isEmpty()) {
      return true;
    }
    OptionalInt n = pp.port().get().asNumber();
    if (n.isPresent()) {
      int end = pp.endPort().orElse(n.getAsInt());
      return port >= n.getAsInt() && port <= end;
    }
    String name = pp.port().get().asName().orElseThrow();
    for (Pod d : destinations) {
      OptionalInt r = d.namedPort(name, pp.protocol());
      if (r.isPresent() && r.getAsInt() == port) {
        return true;
      }
    }
    return false;
  }

  static boolean portsMatch(List<NetworkPolicyPort> ports, Protocol protocol, int port, List<Pod> destinations,
      NetworkPolicyOptions o) {
    if (ports.isEmpty()) {
      return definedProtocol(protocol) || o.portlessRulesMatchOtherProtocols();
    }
    for (NetworkPolicyPort pp : ports) {
      if (portMatches(pp, protocol, port, destinations)) {
        return true;
      }
    }
    return false;
  }

  static List<String> keys(List<NetworkPolicy> ps) {
    return ps.stream().map(NetworkPolicy::key).toList();
  }
}
