package io.github.aksreach.nsg.model;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A route table of user-defined routes (kubenet installs one route per node's pod CIDR).
 *
 * <pre>{@code
 * RouteTable rt = RouteTable.builder()
 *     .id(ResourceId.of("/subscriptions/s/resourceGroups/mc/providers/Microsoft.Network/routeTables/aks-agentpool-rt"))
 *     .addRoutes(podRoute)
 *     .build();
 * }</pre>
 *
 * <p>Important note: route prefixes widen the {@code VirtualNetwork} service tag of every VNet whose subnets use
 * the table.
 */
@Value.Immutable
abstract class AbstractRouteTable {
  public abstract ResourceId id();

  @Value.Default
  public String name() {
    return id().name();
  }

  public abstract List<Route> routes();

  /** Subnets the table reports it is associated with. */
  public abstract List<ResourceId> subnetIds();

  @Value.Default
  public boolean disableBgpRoutePropagation() {
    return false;
  }

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();
}
