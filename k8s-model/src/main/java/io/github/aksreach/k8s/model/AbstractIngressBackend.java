package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.InvalidModelException;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An Ingress backend: a Service and port (number or name), or a {@code resource} reference.
 *
 * <pre>{@code
 * IngressBackend b = IngressBackend.service("simpleapi", PortRef.number(8080));
 * b.toString();   // "simpleapi:8080"
 * }</pre>
 */
@Value.Immutable
abstract class AbstractIngressBackend {
  public abstract Optional<String> serviceName();

  public abstract Optional<PortRef> servicePort();

  /** A non-Service backend ({@code spec.rules[].http.paths[].backend.resource}). */
  public abstract Optional<ObjectRef> resource();

  public static IngressBackend service(String name, PortRef port) {
    return IngressBackend.builder().serviceName(name).servicePort(port).build();
  }

  @Value.Check
  protected void check() {
    if (serviceName().isPresent() == resource().isPresent()) {
      throw new InvalidModelException("an Ingress backend names exactly one of a service or a resource");
    }
    if (serviceName().isPresent() && servicePort().isEmpty()) {
      throw new InvalidModelException("an Ingress service backend needs a port");
    }
  }

  @Override
  public String toString() {
    return serviceName().map(s -> s + ":" + servicePort().map(Object::toString).orElse("?"))
        .orElseGet(() -> resource().map(Object::toString).orElse("?"));
  }
}
