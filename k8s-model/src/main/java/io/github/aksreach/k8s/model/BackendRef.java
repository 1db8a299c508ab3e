package io.github.aksreach.k8s.model;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A route rule's {@code backendRefs[]} entry (GWAPI R2.23, R2.24): usually a Service and its <em>Service</em> port,
 * with a weight (default 1; 0 = never chosen).
 *
 * <pre>{@code
 * BackendRef v1 = BackendRef.service("infra-backend-v1", 8080).withWeight(70);
 * v1.isService();         // true
 * v1.namespaceOr("app");  // "app"
 * }</pre>
 *
 * @param group API group; empty for the core group (Services)
 * @param kind default {@code Service}
 * @param name the object's name
 * @param namespace the object's namespace; empty means the route's (another namespace needs a ReferenceGrant)
 * @param port the Service port (required for Services; the loader reports its absence)
 * @param weight relative weight, 0 to 1,000,000
 */
public record BackendRef(String group, String kind, String name, Optional<String> namespace, OptionalInt port,
    int weight) {
  public BackendRef {
    if (group == null || kind == null || name == null || namespace == null || port == null) {
      throw new IllegalArgumentException("BackendRef fields must not be null");
    }
    if (weight < 0 || weight > 1_000_000) {
      throw new IllegalArgumentException("backendRef weight out of range 0-1000000: " + weight);
    }
  }

  /** The Service {@code name} (route's namespace), port {@code port}, weight 1. */
  public static BackendRef service(String name, int port) {
    return new BackendRef("", "Service", name, Optional.empty(), OptionalInt.of(port), 1);
  }

  public BackendRef withWeight(int w) {
    return new BackendRef(group, kind, name, namespace, port, w);
  }

  public BackendRef inNamespace(String ns) {
    return new BackendRef(group, kind, name, Optional.of(ns), port, weight);
  }

  public String namespaceOr(String routeNamespace) {
    return namespace.orElse(routeNamespace);
  }

  /** A core-group Service reference. */
  public boolean isService() {
    return group.isEmpty() && kind.equals("Service");
  }

  @Override
  public String toString() {
    return (isService() ? "" : kind + (group.isEmpty() ? "" : "." + group) + " ") + namespace.map(n -> n + "/")
        .orElse("") + name + (port.isPresent() ? ":" + port.getAsInt() : "") + (weight == 1 ? "" : " weight "
        + weight);
  }
}
