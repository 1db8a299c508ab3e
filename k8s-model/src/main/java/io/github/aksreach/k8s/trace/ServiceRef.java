package io.github.aksreach.k8s.trace;

import io.github.aksreach.k8s.model.Service;
import java.util.Objects;

/**
 * A Service by namespace and name: a component of element keys.
 *
 * <pre>{@code
 * ServiceRef.of(svc).toString();   // "ingress/ingress-nginx-controller"
 * }</pre>
 *
 * @param namespace the Service's namespace
 * @param name the Service's name
 */
public record ServiceRef(String namespace, String name) {
  public ServiceRef {
    Objects.requireNonNull(namespace);
    Objects.requireNonNull(name);
  }

  public static ServiceRef of(Service svc) {
    return new ServiceRef(svc.namespace(), svc.name());
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
