package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A virtual network: its address space, subnets and the address spaces of peered networks.
 *
 * <pre>{@code
 * VirtualNetwork vnet = VirtualNetwork.builder()
 *     .id(ResourceId.of("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-aks-lab"))
 *     .addAddressPrefixes(IpPrefix.of("192.168.0.0/16"))
 *     .addSubnets(user, system)
 *     .build();
 * vnet.addressSpace();   // [192.168.0.0/16]
 * }</pre>
 *
 * <p>Important note: the {@code VirtualNetwork} service tag is wider than {@link #addressSpace()}: see
 * {@link ServiceTagCatalog#virtualNetworkSpace}.
 */
@Value.Immutable
abstract class AbstractVirtualNetwork {
  public abstract ResourceId id();

  @Value.Default
  public String name() {
    return id().name();
  }

  /** {@code addressSpace.addressPrefixes}. */
  public abstract List<IpPrefix> addressPrefixes();

  public abstract List<Subnet> subnets();

  /** The remote address spaces of {@code virtualNetworkPeerings}. */
  public abstract List<IpPrefix> peeredPrefixes();

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  /** The VNet's own address space. */
  @Value.Lazy
  public IpSet addressSpace() {
    return IpSet.ofPrefixes(addressPrefixes());
  }

  /** The subnet called {@code name} (case-insensitive). */
  public Optional<Subnet> subnet(String name) {
    return subnets().stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
  }

  @Override
  public String toString() {
    return "vnet " + name() + " " + addressPrefixes();
  }
}
