package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.nsg.model.Provenance;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A Kubernetes node: its addresses, pod CIDRs, labels, taints and state.
 *
 * <pre>{@code
 * Node n = Node.builder().name("aks-user-28786594-vmss000001")
 *     .putLabels("kubernetes.azure.com/agentpool", "user")
 *     .addInternalIps(IpAddress.of("192.168.0.36"))
 *     .addPodCidrs(IpPrefix.of("10.244.1.0/24"))
 *     .providerId("azure:///subscriptions/.../virtualMachineScaleSets/aks-user-28786594-vmss/virtualMachines/1")
 *     .build();
 * n.pool();                            // Optional[user]
 * n.primaryInternalIp();               // Optional[192.168.0.36]
 * n.bridgeAddress(IpFamily.V4);        // Optional[10.244.1.1]: kubenet's cbr0
 * n.excludedFromExternalLoadBalancersLabel();   // Optional.empty()
 * }</pre>
 *
 * <p>{@link #ready()} is the node's {@code Ready} condition ({@code "True"} only; {@code False}, {@code Unknown} or a
 * missing condition are not ready). Important note (DOMAIN 3.4): readiness does <em>not</em> take a node out of an
 * Azure load balancer's backend pool; the exclude label, the {@code ToBeDeletedByClusterAutoscaler} taint and
 * deletion do.
 */
@Value.Immutable
abstract class AbstractNode {
  /** {@code agentpool}: the AKS node pool (legacy label). */
  public static final String LABEL_AGENTPOOL = "agentpool";
  /** {@code kubernetes.azure.com/agentpool}: the AKS node pool. */
  public static final String LABEL_AKS_AGENTPOOL = "kubernetes.azure.com/agentpool";
  /** {@code node.kubernetes.io/exclude-from-external-load-balancers}. */
  public static final String LABEL_EXCLUDE_FROM_EXTERNAL_LB = "node.kubernetes.io/exclude-from-external-load-balancers";
  /** {@code kubernetes.azure.com/managed}: {@code "false"} marks a node cloud-provider-azure does not manage. */
  public static final String LABEL_AKS_MANAGED = "kubernetes.azure.com/managed";
  /** The cluster autoscaler's taint on nodes it is about to delete. */
  public static final String TAINT_TO_BE_DELETED = "ToBeDeletedByClusterAutoscaler";

  public abstract String name();

  public abstract Map<String, String> labels();

  public abstract Map<String, String> annotations();

  /** {@code status.addresses[type=InternalIP]}, in dump order. */
  public abstract List<IpAddress> internalIps();

  /** {@code status.addresses[type=ExternalIP]}, in dump order. */
  public abstract List<IpAddress> externalIps();

  /** {@code status.addresses[type=Hostname]}. */
  public abstract Optional<String> hostname();

  /** {@code spec.podCIDRs} (or {@code spec.podCIDR}); empty with Azure CNI (node subnet / pod subnet). */
  public abstract List<IpPrefix> podCidrs();

  public abstract List<Taint> taints();

  /** The {@code Ready} condition is {@code "True"}. Builders default to true. */
  @Value.Default
  public boolean ready() {
    return true;
  }

  /** {@code spec.unschedulable} (cordoned). */
  @Value.Default
  public boolean unschedulable() {
    return false;
  }

  /** {@code metadata.deletionTimestamp} is set. */
  @Value.Default
  public boolean deleting() {
    return false;
  }

  /** {@code spec.providerID}, e.g. {@code azure:///subscriptions/.../virtualMachines/1}. */
  public abstract Optional<String> providerId();

  /** {@code status.nodeInfo.kubeletVersion}, e.g. {@code v1.24.6}. */
  public abstract Optional<String> kubeletVersion();

  /** Every {@code status.conditions} entry: type to status ({@code "True"}, {@code "False"}, {@code "Unknown"}). */
  public abstract Map<String, String> conditions();

  /** Where this node was read from. */
  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  @Value.Check
  protected void check() {
    if (name().isEmpty()) {
      throw new InvalidModelException("node name must not be empty");
    }
  }

  /** The node pool: label {@code agentpool}, else {@code kubernetes.azure.com/agentpool}. */
  public Optional<String> pool() {
    String p = labels().get(LABEL_AGENTPOOL);
    if (p == null) {
      p = labels().get(LABEL_AKS_AGENTPOOL);
    }
    return Optional.ofNullable(p);
  }

  public Optional<String> label(String key) {
    return Optional.ofNullable(labels().get(key));
  }

  /** The first InternalIP of IPv4, else the first InternalIP. */
  public Optional<IpAddress> primaryInternalIp() {
    Optional<IpAddress> v4 = internalIp(IpFamily.V4);
    return v4.isPresent() ? v4 : internalIps().stream().findFirst();
  }

  /** The first InternalIP of one family. */
  public Optional<IpAddress> internalIp(IpFamily family) {
    return internalIps().stream().filter(a -> a.family() == family).findFirst();
  }

  /** The node's own addresses: InternalIPs and ExternalIPs. */
  public Set<IpAddress> addresses() {
    Set<IpAddress> s = new LinkedHashSet<>(internalIps());
    s.addAll(externalIps());
    return s;
  }

  /**
   * The first address of this node's pod CIDR of {@code family}: on kubenet the address of the {@code cbr0} bridge,
   * which is the source a local pod sees after kube-proxy's masquerade (DOMAIN 4.4, observed in Azure/AKS#402).
   */
  public Optional<IpAddress> bridgeAddress(IpFamily family) {
    return podCidrs().stream().filter(p -> p.family() == family).findFirst()
        .map(p -> p.network().next());
  }

  /** Whether {@code a} is inside one of this node's pod CIDRs. */
  public boolean podCidrsContain(IpAddress a) {
    return podCidrs().stream().anyMatch(p -> p.contains(a));
  }

  public boolean hasTaint(String key) {
    for (Taint t : taints()) {   // asked of every node: a loop, no stream or capturing lambda
      if (t.key().equals(key)) {
        return true;
      }
    }
    return false;
  }

  /** The taint {@value #TAINT_TO_BE_DELETED} is present. */
  public boolean toBeDeletedByClusterAutoscaler() {
    return hasTaint(TAINT_TO_BE_DELETED);
  }

  /**
   * The value of the label {@value #LABEL_EXCLUDE_FROM_EXTERNAL_LB}, if present. Important note (DOMAIN 3.4): upstream
   * excludes the node iff the value parses to true (or does not parse), cloud-provider-azure excludes it when the label
   * is present with <em>any</em> value.
   */
  public Optional<String> excludedFromExternalLoadBalancersLabel() {
    return label(LABEL_EXCLUDE_FROM_EXTERNAL_LB);
  }

  /** Label {@value #LABEL_AKS_MANAGED} is {@code "false"}: cloud-provider-azure does not manage this node. */
  public boolean unmanaged() {
    return "false".equals(labels().get(LABEL_AKS_MANAGED));
  }

  @Override
  public String toString() {
    return "Node " + name() + " " + internalIps();
  }
}
