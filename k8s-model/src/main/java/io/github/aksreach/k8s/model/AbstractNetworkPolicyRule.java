package io.github.aksreach.k8s.model;

import java.util.List;
import org.immutables.value.Value;

/**
 * One ingress or egress rule of a NetworkPolicy: (some peer matches) AND (some port matches). An empty peer list
 * matches every address; an empty port list matches every port.
 *
 * <pre>{@code
 * NetworkPolicyRule r = NetworkPolicyRule.builder()
 *     .addPeers(NetworkPolicyPeer.ofPods(LabelSelector.ofLabels(Map.of("app", "fred"))))
 *     .addPorts(NetworkPolicyPort.builder().port(PortRef.number(6379)).build())
 *     .build();
 * NetworkPolicyRule.builder().build();   // allows everything in its direction
 * }</pre>
 */
@Value.Immutable
abstract class AbstractNetworkPolicyRule {
  /** {@code from} (ingress) or {@code to} (egress). */
  public abstract List<NetworkPolicyPeer> peers();

  public abstract List<NetworkPolicyPort> ports();

  public boolean allowsAllPeers() {
    return peers().isEmpty();
  }

  public boolean allowsAllPorts() {
    return ports().isEmpty();
  }
}
