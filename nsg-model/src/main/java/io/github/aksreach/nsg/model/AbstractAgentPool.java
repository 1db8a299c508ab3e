package io.github.aksreach.nsg.model;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * One agent pool of an AKS cluster, as {@code az aks show} prints it.
 *
 * <pre>{@code
 * AgentPool p = AgentPool.builder().name("user").mode("User").count(1).vnetSubnetId(userSubnet.id()).build();
 * }</pre>
 */
@Value.Immutable
abstract class AbstractAgentPool {
  public abstract String name();

  public abstract Optional<String> mode();

  public abstract Optional<Integer> count();

  public abstract Optional<ResourceId> vnetSubnetId();

  public abstract Optional<ResourceId> podSubnetId();
}
