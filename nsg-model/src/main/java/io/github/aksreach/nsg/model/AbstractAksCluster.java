package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.IpPrefix;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@code az aks show} says about a cluster's networking: plugin, policy engine, CIDRs, LB SKU and the agent
 * pools' subnets.
 *
 * <pre>{@code
 * AksCluster aks = AzureLoader.loadDirectory(dir).cluster().orElseThrow();
 * aks.networkPlugin();   // Optional[kubenet]
 * aks.podCidrs();        // [10.244.0.0/16]
 * }</pre>
 */
@Value.Immutable
abstract class AbstractAksCluster {
  public abstract String name();

  public abstract Optional<ResourceId> id();

  /** {@code kubernetesVersion} (else {@code currentKubernetesVersion}). */
  public abstract Optional<String> kubernetesVersion();

  /** {@code networkProfile.networkPlugin}: kubenet, azure, none. */
  public abstract Optional<String> networkPlugin();

  /** {@code networkProfile.networkPluginMode}: overlay or empty. */
  public abstract Optional<String> networkPluginMode();

  /** {@code networkProfile.networkPolicy}: azure, calico, cilium or empty (no engine). */
  public abstract Optional<String> networkPolicy();

  /** {@code podCidr} and {@code podCidrs}. */
  public abstract List<IpPrefix> podCidrs();

  /** {@code serviceCidr} and {@code serviceCidrs}. */
  public abstract List<IpPrefix> serviceCidrs();

  /** {@code networkProfile.loadBalancerSku}. */
  public abstract Optional<LbSku> loadBalancerSku();

  public abstract Optional<String> outboundType();

  public abstract Optional<String> nodeResourceGroup();

  public abstract List<AgentPool> agentPools();

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();
}
