package io.github.aksreach.k8s.netpol;

import io.github.aksreach.k8s.model.NetworkPolicyEngine;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The points of NetworkPolicy behaviour the Kubernetes spec leaves undefined (DOMAIN 6), as explicit options with the
 * behaviour of the common engines as default.
 *
 * <pre>{@code
 * NetworkPolicyOptions o = NetworkPolicyOptions.defaults();
 * o.nodeTrafficAlwaysAllowed();                 // true
 * NetworkPolicyOptions strict = o.withPortlessRulesMatchOtherProtocols(false);
 * }</pre>
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>default</th><th>why</th></tr>
 *   <tr><td>{@link #nodeTrafficAlwaysAllowed()}</td><td>true</td><td>spec: "traffic to and from the node where a Pod is
 *   running is always allowed"</td></tr>
 *   <tr><td>{@link #bridgeAddressIsNodeAddress()}</td><td>true</td><td>kubenet's cbr0 address (first address of the
 *   node's pod CIDR) is an address of the node; the spec allows node traffic "regardless of the IP address of the Pod
 *   or the node"</td></tr>
 *   <tr><td>{@link #portlessRulesMatchOtherProtocols()}</td><td>true</td><td>the spec defines TCP/UDP/SCTP only; Azure
 *   NPM, Calico and Cilium let a rule without {@code ports} match every protocol (ICMP included). With false, protocols
 *   other than TCP/UDP/SCTP match no rule</td></tr>
 *   <tr><td>{@link #hostNetworkPodsMatchSelectors()}</td><td>false</td><td>the common implementation ignores
 *   hostNetwork pods for pod/namespace selectors; their traffic is node traffic, matchable by {@code ipBlock}
 *   only</td></tr>
 *   <tr><td>{@link #egressSeesServiceBackend()}</td><td>true</td><td>the spec leaves NAT and policy order undefined
 *   (UNVERIFIED). A pod's connection to a Service address is matched against its egress rules with the endpoint
 *   kube-proxy chose as destination (post-DNAT): Azure NPM and Calico filter in {@code FORWARD}, after kube-proxy's
 *   {@code PREROUTING} DNAT, and Cilium translates Service addresses at the socket, before policy. With false, the
 *   Service address and port are matched</td></tr>
 *   <tr><td>{@link #ipBlockMatchesClusterAddresses()}</td><td>by engine ({@link #forEngine}): false for Cilium,
 *   true for Azure NPM and Calico</td><td>an {@code ipBlock} matches any address for the iptables engines (upstream e2e
 *   tests rely on it for pod addresses). Cilium turns {@code ipBlock} into CIDR rules, and its documentation (Layer 3
 *   policy, "CIDR based"): "CIDR rules do not apply to traffic where both sides of the connection are either managed
 *   by Cilium or use an IP belonging to a node in the cluster (including host networking pods)": with false, an
 *   {@code ipBlock} matches no address of a live pod or a node of the cluster</td></tr>
 * </table>
 *
 * <p>One point is not an option because it is defined: hostNetwork pods are never isolated.
 */
@Value.Immutable
abstract class AbstractNetworkPolicyOptions {
  @Value.Default
  public boolean nodeTrafficAlwaysAllowed() {
    return true;
  }

  @Value.Default
  public boolean bridgeAddressIsNodeAddress() {
    return true;
  }

  @Value.Default
  public boolean portlessRulesMatchOtherProtocols() {
    return true;
  }

  @Value.Default
  public boolean hostNetworkPodsMatchSelectors() {
    return false;
  }

  @Value.Default
  public boolean egressSeesServiceBackend() {
    return true;
  }

  /**
   * Whether an {@code ipBlock} matches the addresses of the cluster's own live pods and nodes; empty: the engine
   * decides ({@link #forEngine}).
   */
  public abstract Optional<Boolean> ipBlockMatchesClusterAddresses();

  /** {@link #ipBlockMatchesClusterAddresses()}, true where unset (the iptables engines' behaviour). */
  public boolean ipBlockMatchesClusterAddressesOrDefault() {
    return ipBlockMatchesClusterAddresses().orElse(true);
  }

  /**
   * These options with the per-engine semantics filled in where not set explicitly: with Cilium, {@code ipBlock}
   * does not match the cluster's pod and node addresses.
   *
   * <pre>{@code
   * NetworkPolicyOptions.defaults().forEngine(NetworkPolicyEngine.CILIUM).ipBlockMatchesClusterAddressesOrDefault();  // false
   * }</pre>
   */
  public NetworkPolicyOptions forEngine(NetworkPolicyEngine engine) {
    NetworkPolicyOptions self = NetworkPolicyOptions.copyOf(this);
    return ipBlockMatchesClusterAddresses().isPresent() ? self
        : self.withIpBlockMatchesClusterAddresses(engine != NetworkPolicyEngine.CILIUM);
  }

  /** Every option at its default. */
  public static NetworkPolicyOptions defaults() {
    return NetworkPolicyOptions.builder().build();
  }
}
