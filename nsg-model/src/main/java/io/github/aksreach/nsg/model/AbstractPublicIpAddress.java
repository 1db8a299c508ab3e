package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.IpAddress;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A public IP address resource, as a load-balancer frontend refers to it.
 *
 * <pre>{@code
 * PublicIpAddress pip = PublicIpAddress.builder().id(ResourceId.of(".../publicIPAddresses/lb-pip"))
 *     .ipAddress(IpAddress.of("20.1.2.3")).sku("Standard").build();
 * }</pre>
 */
@Value.Immutable
abstract class AbstractPublicIpAddress {
  public abstract ResourceId id();

  @Value.Default
  public String name() {
    return id().name();
  }

  /** The allocated address, if the dump shows one. */
  public abstract Optional<IpAddress> ipAddress();

  public abstract Optional<String> sku();

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();
}
