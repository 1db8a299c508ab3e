package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A subnet of a virtual network, with its NSG and route table associations.
 *
 * <pre>{@code
 * Subnet user = Subnet.builder()
 *     .id(ResourceId.of("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/user"))
 *     .addPrefixes(IpPrefix.of("192.168.0.32/28"))
 *     .nsgId(ResourceId.of("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg-user"))
 *     .build();
 * user.addresses().contains(IpAddress.of("192.168.0.36"));   // true
 * user.vnetId();                                              // Optional[.../virtualNetworks/v]
 * }</pre>
 */
@Value.Immutable
abstract class AbstractSubnet {
  public abstract ResourceId id();

  /** The name; defaults to the last segment of the id. */
  @Value.Default
  public String name() {
    return id().name();
  }

  /** {@code addressPrefix} or {@code addressPrefixes}. */
  public abstract List<IpPrefix> prefixes();

  public abstract Optional<ResourceId> nsgId();

  public abstract Optional<ResourceId> routeTableId();

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  /** The subnet's addresses. */
  @Value.Lazy
  public IpSet addresses() {
    return IpSet.ofPrefixes(prefixes());
  }

  /** The virtual network this subnet belongs to, from its id. */
  public Optional<ResourceId> vnetId() {
    return id().parent();
  }

  @Override
  public String toString() {
    return "subnet " + name() + " " + prefixes();
  }
}
