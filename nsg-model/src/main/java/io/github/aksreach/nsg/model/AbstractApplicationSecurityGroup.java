package io.github.aksreach.nsg.model;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * An application security group: a named set of NIC IP configurations that rules can use as source or destination.
 *
 * <pre>{@code
 * ApplicationSecurityGroup web = ApplicationSecurityGroup.builder()
 *     .id(ResourceId.of(".../applicationSecurityGroups/web")).build();
 * }</pre>
 *
 * <p>Important note: membership is recorded on the IP configurations ({@code IpConfiguration.asgIds()}), not here;
 * all members must be in one VNet.
 */
@Value.Immutable
abstract class AbstractApplicationSecurityGroup {
  public abstract ResourceId id();

  @Value.Default
  public String name() {
    return id().name();
  }

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();
}
