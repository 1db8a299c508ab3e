package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.InvalidModelException;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One {@code from}/{@code to} entry of a NetworkPolicy rule: pods by {@code podSelector} (in the policy's namespace),
 * pods of namespaces by {@code namespaceSelector}, both at once (AND: matching pods in matching namespaces), or an
 * {@code ipBlock}.
 *
 * <pre>{@code
 * NetworkPolicyPeer traefik = NetworkPolicyPeer.builder()
 *     .namespaceSelector(LabelSelector.everything())
 *     .podSelector(LabelSelector.ofLabels(Map.of("app.kubernetes.io/name", "traefik-ingress-ilb")))
 *     .build();                                    // traefik pods in any namespace
 * NetworkPolicyPeer.ofIpBlock(IpBlock.builder().cidr(IpPrefix.of("10.0.0.0/24")).build());
 * }</pre>
 */
@Value.Immutable
abstract class AbstractNetworkPolicyPeer {
  public abstract Optional<LabelSelector> podSelector();

  public abstract Optional<LabelSelector> namespaceSelector();

  public abstract Optional<IpBlock> ipBlock();

  public static NetworkPolicyPeer ofIpBlock(IpBlock b) {
    return NetworkPolicyPeer.builder().ipBlock(b).build();
  }

  public static NetworkPolicyPeer ofPods(LabelSelector s) {
    return NetworkPolicyPeer.builder().podSelector(s).build();
  }

  public static NetworkPolicyPeer ofNamespaces(LabelSelector s) {
    return NetworkPolicyPeer.builder().namespaceSelector(s).build();
  }

  @Value.Check
  protected void check() {
    boolean selectors = podSelector().isPresent() || namespaceSelector().isPresent();
    if (selectors == ipBlock().isPresent()) {
      throw new InvalidModelException(
          "a NetworkPolicy peer needs exactly one of ipBlock or podSelector/namespaceSelector");
    }
  }

  @Override
  public String toString() {
    if (ipBlock().isPresent()) {
      return "ipBlock " + ipBlock().get();
    }
    StringBuilder sb = new StringBuilder();
    namespaceSelector().ifPresent(s -> sb.append("namespaces ").append(s));
    podSelector().ifPresent(s -> sb.append(sb.length() > 0 ? " and " : "").append("pods ").append(s));
    return sb.toString();
  }
}
