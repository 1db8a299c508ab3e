package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.IpPrefix;

import io.github.aksreach.nsg.model.NoHealthyBackendsBehavior;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code scenario.yaml}: what no dump carries (CONTRACTS.md section 1). Every key is optional; an absent key is
 * {@code Optional.empty()} so that values from {@code az} dumps can fill it, and the {@code *OrDefault()} methods give
 * the contract's defaults.
 *
 * <pre>{@code
 * ScenarioConfig c = ScenarioConfigLoader.load(Path.of("lab/step1-cluster-open/scenario.yaml")).get().value();
 * c.networkPlugin();                       // Optional[kubenet]
 * c.probeModeOrDefault();                  // SERVICE_NODE_PORT
 * c.networkPolicySeesSourceOrDefault();    // PRE_SNAT
 * c.deriveFromServicesOrDefault(false);    // true: the dumps hold no `az network lb` output
 * c.intents().get(0).name();               // "weather-api"
 * }</pre>
 *
 * <table>
 *   <caption>Keys and defaults</caption>
 *   <tr><th>key</th><th>default</th></tr>
 *   <tr><td>cluster.networkPlugin</td><td>from {@code az aks show}, else kubenet</td></tr>
 *   <tr><td>cluster.clusterNsg</td><td>from NIC dumps</td></tr>
 *   <tr><td>cluster.probeMode</td><td>servicenodeport</td></tr>
 *   <tr><td>cluster.kubernetesVersion</td><td>from {@code az aks show} or node dumps; unknown otherwise</td></tr>
 *   <tr><td>cluster.networkPolicy</td><td>from {@code az aks show}, else none (policies loaded, not enforced)</td></tr>
 *   <tr><td>loadBalancer.noHealthyBackendsBehavior</td><td>the dumped probe's ({@code az network lb}), else
 *       AllProbedDown (resolved per probe by {@code k8s.aks.LoadBalancerResolver})</td></tr>
 *   <tr><td>loadBalancer.deriveFromServices</td><td>true iff the dumps hold no {@code az network lb} output</td></tr>
 *   <tr><td>assumptions.networkPolicySeesSource</td><td>pre-snat (UNVERIFIED, see {@link NetworkPolicySource})</td></tr>
 *   <tr><td>assumptions.agcNoHealthyBackends</td><td>the option's: answer-503 (UNVERIFIED, {@code GatewayOptions})
 *   </td></tr>
 *   <tr><td>assumptions.hostPortServed</td><td>the option's: true (UNVERIFIED, {@code HostPortOptions})</td></tr>
 *   <tr><td>assumptions.hostPortKeepsClientSource</td><td>the option's: true (UNVERIFIED, {@code HostPortOptions})
 *       </td></tr>
 *   <tr><td>intents</td><td>none</td></tr>
 *   <tr><td>network.agcFrontends</td><td>none (AGC frontends unaddressed)</td></tr>
 * </table>
 */
@Value.Immutable
abstract class AbstractScenarioConfig {
  public abstract Optional<NetworkPlugin> networkPlugin();

  public abstract Optional<String> clusterNsg();

  public abstract Optional<ProbeMode> probeMode();

  public abstract Optional<KubernetesVersion> kubernetesVersion();

  public abstract Optional<NetworkPolicyEngine> networkPolicy();

  public abstract Optional<NoHealthyBackendsBehavior> noHealthyBackendsBehavior();

  public abstract Optional<Boolean> deriveFromServices();

  public abstract Optional<NetworkPolicySource> networkPolicySeesSource();

  /**
   * {@code assumptions.hostPortServed}: whether the cluster's CNI honours a container's {@code hostPort} (the
   * {@code portmap} plugin; UNVERIFIED on AKS). Absent: the analysis option's ({@code HostPortOptions.served}, default
   * true).
   */
  public abstract Optional<Boolean> hostPortServed();

  /**
   * {@code assumptions.hostPortKeepsClientSource}: whether a remote client keeps its source address through the
   * hostPort DNAT (portmap masquerades only localhost and hairpin traffic; UNVERIFIED on AKS). Absent: the analysis
   * option's ({@code HostPortOptions.keepsClientSource}, default true).
   */
  public abstract Optional<Boolean> hostPortKeepsClientSource();

  /**
   * {@code assumptions.agcNoHealthyBackends}: what Application Gateway for Containers does when no endpoint of a
   * backend passes its health probe (UNVERIFIED). Absent: the analysis option's ({@code GatewayOptions
   * .agcNoHealthyBackends}, default answer-503).
   */
  public abstract Optional<AgcNoHealthyBackends> agcNoHealthyBackends();

  public abstract List<Intent> intents();

  /**
   * {@code network.agcFrontends}: the addresses of Application Gateway for Containers frontends (and a
   * bring-your-own AGC's association subnet), which no dump carries ({@link AgcFrontend}). Empty: AGC Gateways have
   * no address a flow can be sent to (a note says so).
   */
  public abstract List<AgcFrontend> agcFrontends();

  /**
   * {@code network.routedIntoVnet}: the ranges outside the modelled VNets that are routed into them (VNet peerings
   * whose remote space the dump lacks, VPN or ExpressRoute on-premises ranges). A source outside the VNets, their
   * peerings, the cluster's own addresses and these ranges is on the Internet and reaches only public frontends.
   * These ranges are in every VNet's {@code VirtualNetwork} service tag (Azure's tag holds connected on-premises and
   * peered spaces, DOMAIN.md 1.3), so they are not {@code Internet}. Empty (absent): {@link #DEFAULT_ROUTED_INTO_VNET}.
   */
  public abstract Optional<List<IpPrefix>> routedIntoVnet();

  /**
   * The default of {@link #routedIntoVnet()}: the private ranges (RFC 1918, the shared space of RFC 6598, IPv6 unique
   * local fc00::/7), taken as on-premises or peered space routed into the VNet; every public address is the Internet.
   */
  public static final List<IpPrefix> DEFAULT_ROUTED_INTO_VNET = List.of(IpPrefix.of("10.0.0.0/8"),
      IpPrefix.of("172.16.0.0/12"), IpPrefix.of("192.168.0.0/16"), IpPrefix.of("100.64.0.0/10"),
      IpPrefix.of("fc00::/7"));

  /** {@link #routedIntoVnet()}, else {@link #DEFAULT_ROUTED_INTO_VNET}. */
  public List<IpPrefix> routedIntoVnetOrDefault() {
    return routedIntoVnet().orElse(DEFAULT_ROUTED_INTO_VNET);
  }

  /** A configuration with every key absent (no {@code scenario.yaml}). */
  public static ScenarioConfig defaults() {
    return ScenarioConfig.builder().build();
  }

  public NetworkPlugin networkPluginOrDefault() {
    return networkPlugin().orElse(NetworkPlugin.KUBENET);
  }

  public ProbeMode probeModeOrDefault() {
    return probeMode().orElse(ProbeMode.SERVICE_NODE_PORT);
  }

  public NetworkPolicyEngine networkPolicyOrDefault() {
    return networkPolicy().orElse(NetworkPolicyEngine.NONE);
  }

  /** {@code deriveFromServices}, defaulting to true iff the dumps hold no load balancer. */
  public boolean deriveFromServicesOrDefault(boolean dumpsHoldLoadBalancers) {
    return deriveFromServices().orElse(!dumpsHoldLoadBalancers);
  }

  public NetworkPolicySource networkPolicySeesSourceOrDefault() {
    return networkPolicySeesSource().orElse(NetworkPolicySource.PRE_SNAT);
  }

  public Optional<Intent> intent(String name) {
    return intents().stream().filter(i -> i.name().equals(name)).findFirst();
  }
}
