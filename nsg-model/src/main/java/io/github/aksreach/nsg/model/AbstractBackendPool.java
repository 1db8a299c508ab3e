package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.IpAddress;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A load-balancer backend pool: NIC IP configurations (by id) or, for IP-based pools, addresses.
 *
 * <pre>{@code
 * BackendPool pool = BackendPool.builder().name("kubernetes")
 *     .addIpConfigurationIds(ResourceId.of(".../networkInterfaces/n/ipConfigurations/ipconfig1")).build();
 * }</pre>
 *
 * <p>Membership is also recorded on the NICs ({@code IpConfiguration.backendPoolIds()}); a NIC dump alone is enough.
 */
@Value.Immutable
abstract class AbstractBackendPool {
  public abstract String name();

  public abstract Optional<ResourceId> id();

  /** {@code backendIPConfigurations[].id}. */
  public abstract List<ResourceId> ipConfigurationIds();

  /** {@code loadBalancerBackendAddresses[].ipAddress}. */
  public abstract List<IpAddress> addresses();
}
