package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.IpAddress;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One user-defined route.
 *
 * <pre>{@code
 * Route r = Route.builder().name("aks-user-28786594-vmss000001")
 *     .destination(AddressSpec.prefixes(IpPrefix.of("10.244.1.0/24")))
 *     .nextHopType(NextHopType.VIRTUAL_APPLIANCE).nextHopIp(IpAddress.of("192.168.0.36"))
 *     .build();
 * }</pre>
 *
 * <p>{@link #destination()} is a prefix or, as Azure allows on routes, one service tag.
 */
@Value.Immutable
abstract class AbstractRoute {
  public abstract String name();

  public abstract AddressSpec destination();

  public abstract NextHopType nextHopType();

  public abstract Optional<IpAddress> nextHopIp();

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();
}
