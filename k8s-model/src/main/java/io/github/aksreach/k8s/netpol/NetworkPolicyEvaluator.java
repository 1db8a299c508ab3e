package io.github.aksreach.k8s.netpol;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.NetworkPolicy;
import io.github.aksreach.k8s.model.NetworkPolicyRule;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.PolicyType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The concrete NetworkPolicy semantics (DOMAIN 6) for one connection, one address and port at a time: the reference
 * the classifiers of {@link NetworkPolicyClassifiers} are tested against.
 *
 * <pre>{@code
 * Pod redis = cluster.pod("default", "redis-0").orElseThrow();
 * NetworkPolicyEvaluator.allowsIngress(cluster, IpAddress.of("172.17.2.9"), redis, Protocol.TCP, 6379);   // true
 * NetworkPolicyEvaluator.allowsIngress(cluster, IpAddress.of("172.17.1.9"), redis, Protocol.TCP, 6379);   // false
 * NetworkPolicyEvaluator.decideEgress(cluster, redis, IpAddress.of("10.0.0.7"), Protocol.TCP, 5978,
 *     NetworkPolicyOptions.defaults()).reason();                            // "allowed by default/fred egress[0]"
 * NetworkPolicyEvaluator.allowsConnection(cluster, src, dst, Protocol.TCP, 80);  // egress of src AND ingress of dst
 * }</pre>
 *
 * <p>The rules, in order: a hostNetwork pod is not governed (allowed); a pod no policy isolates in this direction is
 * allowed; traffic from (ingress) or to (egress) the pod's own node is allowed; otherwise some rule of some isolating
 * policy must match: (no peers, or a peer matching the other end) and (no ports, or a port matching). The other end
 * is a pod when its address belongs to a live pod (not hostNetwork), which selector peers can match; any address can
 * match an {@code ipBlock}. Named ports are resolved on the destination pod: {@code dstPod} for ingress, the pod owning
 * {@code dstIp} for egress. Unaddressed other protocols (ICMP) match rules without ports, by default
 * ({@link NetworkPolicyOptions}).
 *
 * <p>Important note: this checks what NetworkPolicy decides for the header <em>as the policy engine sees it</em>.
 * Which source that is after kube-proxy's SNAT is the caller's choice (scenario.yaml
 * {@code assumptions.networkPolicySeesSource}).
 */
public final class NetworkPolicyEvaluator {
  private NetworkPolicyEvaluator() {}

  public static boolean allowsIngress(KubernetesCluster c, IpAddress srcIp, Pod dstPod, Protocol protocol, int port) {
    return decideIngress(c, srcIp, dstPod, protocol, port, NetworkPolicyOptions.defaults()).allowed();
  }

  public static boolean allowsIngress(KubernetesCluster c, IpAddress srcIp, Pod dstPod, Protocol protocol, int port,
      NetworkPolicyOptions o) {
    return decideIngress(c, srcIp, dstPod, protocol, port, o).allowed();
  }

  public static boolean allowsEgress(KubernetesCluster c, Pod srcPod, IpAddress dstIp, Protocol protocol, int port) {
    return decideEgress(c, srcPod, dstIp, protocol, port, NetworkPolicyOptions.defaults()).allowed();
  }

  public static boolean allowsEgress(KubernetesCluster c, Pod srcPod, IpAddress dstIp, Protocol protocol, int port,
      NetworkPolicyOptions o) {
    return decideEgress(c, srcPod, dstIp, protocol, port, o).allowed();
  }

  /**
   * A whole connection: the source pod's egress (if {@code srcIp} is a live pod's) and the destination pod's ingress
   * (if {@code dstIp} is a live pod's) must both allow it.
   */
  public static boolean allowsConnection(KubernetesCluster c, IpAddress srcIp, IpAddress dstIp, Protocol protocol,
      int port) {
    Optional<Pod> src = c.podByIp(srcIp);
    Optional<Pod> dst = c.podByIp(dstIp);
    return (src.isEmpty() || allowsEgress(c, src.get(), dstIp, protocol, port))
        && (dst.isEmpty() || allowsIngress(c, srcIp, dst.get(), protocol, port));
  }

  public static NetworkPolicyDecision decideIngress(KubernetesCluster c, IpAddress srcIp, Pod dstPod,
      Protocol protocol, int port, NetworkPolicyOptions o) {
    return decide(c, dstPod, PolicyType.INGRESS, srcIp, protocol, port, o);
  }

  public static NetworkPolicyDecision decideEgress(KubernetesCluster c, Pod srcPod, IpAddress dstIp,
      Protocol protocol, int port, NetworkPolicyOptions o) {
    return decide(c, srcPod, PolicyType.EGRESS, dstIp, protocol, port, o);
  }

  private static NetworkPolicyDecision decide(KubernetesCluster c, Pod pod, PolicyType dir, IpAddress other,
      Protocol protocol, int port, NetworkPolicyOptions o) {
    String d = dir == PolicyType.INGRESS ? "ingress" : "egress";
    if (pod.hostNetwork()) {
      return new NetworkPolicyDecision(true, "pod " + pod.key() + " uses the host network: NetworkPolicy does not apply",
          List.of(), Optional.empty());
    }
    List<NetworkPolicy> iso = PolicySemantics.isolating(c, pod, dir);
    if (iso.isEmpty()) {
      return new NetworkPolicyDecision(true, "pod " + pod.key() + " is not isolated for " + d
          + ": no NetworkPolicy selects it", List.of(), Optional.empty());
    }
    if (pod.podIps().contains(other)) {
      return new NetworkPolicyDecision(true, "the pod itself: a pod cannot block access to itself", iso,
          Optional.of("self"));
    }
    if (o.nodeTrafficAlwaysAllowed() && PolicySemantics.ownNodeAddresses(c, pod, o).contains(other)) {
      String rule = "own node " + PolicySemantics.nodeName(c, pod);
      return new NetworkPolicyDecision(true, (dir == PolicyType.INGRESS ? "from" : "to") + " the pod's own node "
          + PolicySemantics.nodeName(c, pod) + ": always allowed", iso, Optional.of(rule));
    }
    Map<IpAddress, List<Pod>> byIp = PolicySemantics.podsByIp(c, o);
    List<Pod> otherPods = byIp.getOrDefault(other, List.of());
    List<Pod> destinations = dir == PolicyType.INGRESS ? List.of(pod) : otherPods;
    for (NetworkPolicy p : iso) {
      List<NetworkPolicyRule> rules = p.rules(dir);
      for (int i = 0; i < rules.size(); i++) {
        NetworkPolicyRule r = rules.get(i);
        boolean peers = r.allowsAllPeers();
        for (int j = 0; !peers && j < r.peers().size(); j++) {
          peers = PolicySemantics.peerMatches(c, p.namespace(), r.peers().get(j), other, otherPods, o);
        }
        if (peers && PolicySemantics.portsMatch(r.ports(), protocol, port, destinations, o)) {
          String rule = p.key() + " " + d + "[" + i + "]";
          return new NetworkPolicyDecision(true, "allowed by " + rule, iso, Optional.of(rule));
        }
      }
    }
    return new NetworkPolicyDecision(false, "pod " + pod.key() + " is isolated for " + d + " by "
        + PolicySemantics.keys(iso) + " and no rule allows " + protocol + " "
        + (dir == PolicyType.INGRESS ? "from " + other + " to port " + port : "to " + other + ":" + port),
        iso, Optional.empty());
  }
}
