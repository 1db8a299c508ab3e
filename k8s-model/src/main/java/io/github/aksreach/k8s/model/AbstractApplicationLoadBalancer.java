package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.nsg.model.Provenance;
import io.github.aksreach.nsg.model.ResourceId;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An Application Gateway for Containers {@code ApplicationLoadBalancer} ({@code alb.networking.azure.io/v1}): the
 * custom resource with which the ALB Controller provisions and manages an AGC (the "managed by ALB Controller"
 * deployment strategy, DOMAIN-GATEWAY 4.6). {@code spec.associations} names the delegated subnet(s) the AGC proxies
 * sit in (A4.22); a Gateway binds to it with the annotations {@code alb.networking.azure.io/alb-namespace} and
 * {@code alb.networking.azure.io/alb-name}.
 *
 * <pre>{@code
 * ApplicationLoadBalancer alb = ApplicationLoadBalancer.builder().namespace("alb-infra").name("alb-test")
 *     .addAssociations(ResourceId.of("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/"
 *         + "virtualNetworks/vnet/subnets/subnet-alb"))
 *     .build();
 * alb.associations().get(0).name();   // "subnet-alb"
 * alb.albId();                        // the trafficControllers id the controller reported in status, if any
 * }</pre>
 */
@Value.Immutable
abstract class AbstractApplicationLoadBalancer {
  /** The CRD's group. */
  public static final String GROUP = "alb.networking.azure.io";

  public abstract String namespace();

  public abstract String name();

  /** {@code spec.associations}: subnet ids (delegated to {@code Microsoft.ServiceNetworking/trafficControllers}). */
  public abstract List<ResourceId> associations();

  /** The {@code alb-id=} the controller reports in the {@code Deployment} status condition, when deployed. */
  public abstract Optional<String> albId();

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  @Value.Check
  protected void check() {
    if (name().isEmpty() || namespace().isEmpty()) {
      throw new InvalidModelException("ApplicationLoadBalancer namespace and name must not be empty");
    }
    if (associations().isEmpty()) {
      throw new InvalidModelException("ApplicationLoadBalancer " + key() + " needs at least one association subnet");
    }
  }

  public String key() {
    return namespace() + "/" + name();
  }
}
