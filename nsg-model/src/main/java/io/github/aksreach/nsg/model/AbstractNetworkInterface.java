package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpSet;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A network interface (a VM's or a scale-set instance's), with its IP configurations and NSG.
 *
 * <pre>{@code
 * NetworkInterface nic = NetworkInterface.builder()
 *     .id(ResourceId.of(".../networkInterfaces/aks-user-28786594-vmss"))
 *     .addIpConfigurations(ipc)
 *     .nsgId(clusterNsg.id())
 *     .enableIpForwarding(true)
 *     .build();
 * nic.ipConfigurationFor(IpAddress.of("192.168.0.36"));   // Optional[ipc]
 * }</pre>
 */
@Value.Immutable
abstract class AbstractNetworkInterface {
  public abstract ResourceId id();

  @Value.Default
  public String name() {
    return id().name();
  }

  public abstract List<IpConfiguration> ipConfigurations();

  public abstract Optional<ResourceId> nsgId();

  @Value.Default
  public boolean enableIpForwarding() {
    return false;
  }

  public abstract Optional<ResourceId> virtualMachineId();

  /**
   * Azure's {@code disableTcpStateTracking}: the NSGs of this NIC evaluate TCP statelessly, so the return traffic of
   * a flow is evaluated by the rules too instead of being admitted by the flow record (DOMAIN.md 1.2 statefulness).
   */
  @Value.Default
  public boolean disableTcpStateTracking() {
    return false;
  }

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  /** Every private address of the interface. */
  @Value.Lazy
  public IpSet privateIps() {
    IpSet s = IpSet.empty();
    for (IpConfiguration c : ipConfigurations()) {
      s = s.union(c.addresses());
    }
    return s;
  }

  /** The primary IP configuration (or the first one). */
  public Optional<IpConfiguration> primaryIpConfiguration() {
    return ipConfigurations().stream().filter(IpConfiguration::primary).findFirst()
        .or(() -> ipConfigurations().stream().findFirst());
  }

  /** The IP configuration holding {@code ip} (its address, else its block). */
  public Optional<IpConfiguration> ipConfigurationFor(IpAddress ip) {
    for (IpConfiguration c : ipConfigurations()) {   // asked once per node: loops, no capturing lambda
      if (c.privateIp().isPresent() && c.privateIp().get().equals(ip)) {
        return Optional.of(c);
      }
    }
    for (IpConfiguration c : ipConfigurations()) {
      if (c.holds(ip)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "nic " + name() + " " + privateIps();
  }
}
