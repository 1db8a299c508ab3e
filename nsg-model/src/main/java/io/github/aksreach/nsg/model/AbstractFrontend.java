package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.IpAddress;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A load-balancer frontend IP configuration: a private address in a subnet (internal LB) or a public IP resource.
 *
 * <pre>{@code
 * Frontend fe = Frontend.builder().name("a2ec4a75-ingress").privateIp(IpAddress.of("192.168.0.22"))
 *     .subnetId(ingressSubnet.id()).build();
 * }</pre>
 */
@Value.Immutable
abstract class AbstractFrontend {
  public abstract String name();

  public abstract Optional<ResourceId> id();

  public abstract Optional<IpAddress> privateIp();

  public abstract Optional<ResourceId> subnetId();

  public abstract Optional<ResourceId> publicIpId();

  /** The public address, when the public IP resource was loaded too. */
  public abstract Optional<IpAddress> publicIp();
}
