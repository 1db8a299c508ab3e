package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.IpAddress;
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
 * }</pre>
 */
@Value.Immutable
abstract class AbstractIpConfiguration {
  public abstract String name();

  public abstract Optional<ResourceId> id();

  /** The private address; empty for dynamic allocation in a template. */
  public abstract Optional<IpAddress> privateIp();

  public abstract Optional<ResourceId> subnetId();

  /** Application security groups this configuration is a member of. */
  public abstract List<ResourceId> asgIds();

  /** Load-balancer backend pools this configuration is a member of. */
  public abstract List<ResourceId> backendPoolIds();

  @Value.Default
  public boolean primary() {
    return false;
  }
}
