package io.github.aksreach.k8s.model;

import io.github.aksreach.nsg.model.Provenance;
import io.github.aksreach.core.model.InvalidModelException;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A Gateway API {@code GatewayClass}: which controller implements the Gateways of this class.
 *
 * <pre>{@code
 * GatewayClass istio = GatewayClass.builder().name("approuting-istio")
 *     .controllerName("istio.io/gateway-controller").build();
 * istio.isIstio();   // true
 * }</pre>
 *
 * <p>On AKS (DOMAIN-GATEWAY 4.1): {@code approuting-istio} (app routing add-on), {@code istio} (service mesh add-on),
 * both implemented by Istio; {@code azure-alb-external} (Application Gateway for Containers).
 */
@Value.Immutable
abstract class AbstractGatewayClass {
  /** Istio's controller name. */
  public static final String ISTIO_CONTROLLER = "istio.io/gateway-controller";

  public abstract String name();

  /** {@code spec.controllerName}. */
  public abstract String controllerName();

  /** {@code spec.parametersRef} (for Istio: a ConfigMap of overlays, A4.9). */
  public abstract Optional<Gateway.LocalObjectRef> parametersRef();

  /** {@code spec.parametersRef.namespace}, for a namespaced parameters object. */
  public abstract Optional<String> parametersNamespace();

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  @Value.Check
  protected void check() {
    if (name().isEmpty()) {
      throw new InvalidModelException("GatewayClass name must not be empty");
    }
  }

  /** Whether Istio implements this class (by controller name). */
  public boolean isIstio() {
    return controllerName().equals(ISTIO_CONTROLLER);
  }

  @Override
  public String toString() {
    return "GatewayClass " + name();
  }
}
