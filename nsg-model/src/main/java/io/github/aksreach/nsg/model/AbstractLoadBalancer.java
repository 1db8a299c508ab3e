package io.github.aksreach.nsg.model;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An Azure load balancer: frontends, backend pools, load-balancing rules and health probes.
 *
 * <pre>{@code
 * LoadBalancer lb = LoadBalancer.builder().id(ResourceId.of(".../loadBalancers/kubernetes-internal"))
 *     .sku(LbSku.STANDARD).addFrontends(fe).addBackendPools(pool).addRules(rule).addProbes(probe).build();
 * lb.probe(rule.probeId().get());   // Optional[probe]
 * }</pre>
 */
@Value.Immutable
abstract class AbstractLoadBalancer {
  public abstract ResourceId id();

  @Value.Default
  public String name() {
    return id().name();
  }

  /** {@code sku.name} as dumped; empty when the dump has none (then {@code az aks show}'s, else Standard). */
  public abstract Optional<LbSku> sku();

  public abstract List<Frontend> frontends();

  public abstract List<BackendPool> backendPools();

  public abstract List<LbRule> rules();

  public abstract List<Probe> probes();

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  /** The probe with id {@code id}. */
  public Optional<Probe> probe(ResourceId id) {
    return probes().stream().filter(p -> p.id().map(id::equals).orElse(false)).findFirst();
  }

  /** The frontend with id {@code id}. */
  public Optional<Frontend> frontend(ResourceId id) {
    return frontends().stream().filter(p -> p.id().map(id::equals).orElse(false)).findFirst();
  }

  /** The backend pool with id {@code id}. */
  public Optional<BackendPool> backendPool(ResourceId id) {
    return backendPools().stream().filter(p -> p.id().map(id::equals).orElse(false)).findFirst();
  }
}
