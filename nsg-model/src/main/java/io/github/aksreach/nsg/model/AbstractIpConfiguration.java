package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.InvalidModelException;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One IP configuration of a network interface: a private address in a subnet, with its ASG and load-balancer
 * backend-pool memberships.
 *
 * <pre>{@code
 * IpConfiguration ipc = IpConfiguration.builder().name("ipconfig1")
 *     .privateIp(IpAddress.of("192.168.0.36")).subnetId(userSubnet.id()).primary(true).build();
 * IpConfiguration block = ipc.withPrivateIp(IpAddress.of("10.224.0.16")).withPrivateIpPrefixLength(28);
 * block.addresses();                          // 10.224.0.16/28: the whole block belongs to the NIC
 * }</pre>
 *
 * <p>Important note: an IP configuration may hold a CIDR block instead of one address ({@code privateIPAddress}
 * {@code 10.224.0.16/28} with {@code privateIPAddressPrefixLength} 28, as Azure CNI's static block allocation writes
 * it); every address of the block is the NIC's.
 */
@Value.Immutable
abstract class AbstractIpConfiguration {
  public abstract String name();

  public abstract Optional<ResourceId> id();

  /** The private address; empty for dynamic allocation in a template. */
  public abstract Optional<IpAddress> privateIp();

  /** The length of the block the configuration holds ({@code privateIPAddressPrefixLength}); empty: one address. */
  public abstract Optional<Integer> privateIpPrefixLength();

  public abstract Optional<ResourceId> subnetId();

  /** Application security groups this configuration is a member of. */
  public abstract List<ResourceId> asgIds();

  /** Load-balancer backend pools this configuration is a member of. */
  public abstract List<ResourceId> backendPoolIds();

  @Value.Default
  public boolean primary() {
    return false;
  }

  /** The private addresses: the block, the one address, or none (dynamic allocation not yet done). */
  @Value.Lazy
  public IpSet addresses() {
    if (privateIp().isEmpty()) {
      return IpSet.empty();
    }
    return privateIpPrefixLength().map(n -> IpSet.of(IpPrefix.of(privateIp().get(), n)))
        .orElseGet(() -> IpSet.of(privateIp().get()));
  }

  /** True if {@code ip} is this configuration's address or in its block. */
  public boolean holds(IpAddress ip) {
    return privateIp().map(p -> privateIpPrefixLength().isEmpty() ? p.equals(ip)
        : IpPrefix.of(p, privateIpPrefixLength().get()).contains(ip)).orElse(false);
  }

  @Value.Check
  void check() {
    if (privateIpPrefixLength().isPresent()) {
      int n = privateIpPrefixLength().get();
      int max = privateIp().map(ip -> ip.family().bits()).orElse(128);
      if (n < 0 || n > max) {
        throw new InvalidModelException("IP configuration " + name() + ": prefix length " + n
            + " is out of range 0-" + max);
      }
    }
  }
}
