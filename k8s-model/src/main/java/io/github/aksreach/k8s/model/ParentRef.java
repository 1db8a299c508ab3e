package io.github.aksreach.k8s.model;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A route's {@code spec.parentRefs[]} entry (GWAPI R2.1, R2.2): the Gateway it wants to attach to, optionally narrowed
 * to one listener by {@code sectionName} and/or {@code port}.
 *
 * <pre>{@code
 * ParentRef p = ParentRef.gateway("gw", "infra").withSectionName("https");
 * p.namespaceOr("app");   // "infra"
 * p.isGateway();          // true
 * }</pre>
 *
 * @param group API group, default {@value #GATEWAY_GROUP}
 * @param kind default {@code Gateway}
 * @param namespace the parent's namespace; empty means the route's own
 * @param name the parent's name
 * @param sectionName the listener name, if the route targets one listener
 * @param port the listener port, if the route targets the listeners of one port
 */
public record ParentRef(String group, String kind, Optional<String> namespace, String name,
    Optional<String> sectionName, OptionalInt port) {
  /** The Gateway API group. */
  public static final String GATEWAY_GROUP = "gateway.networking.k8s.io";

  public ParentRef {
    if (group == null || kind == null || namespace == null || name == null || sectionName == null || port == null) {
      throw new IllegalArgumentException("ParentRef fields must not be null");
    }
  }

  /** A reference to the Gateway {@code name} in {@code namespace} (all its listeners). */
  public static ParentRef gateway(String name, String namespace) {
    return new ParentRef(GATEWAY_GROUP, "Gateway", Optional.of(namespace), name, Optional.empty(),
        OptionalInt.empty());
  }

  /** A reference to the Gateway {@code name} in the route's own namespace. */
  public static ParentRef gateway(String name) {
    return new ParentRef(GATEWAY_GROUP, "Gateway", Optional.empty(), name, Optional.empty(), OptionalInt.empty());
  }

  public ParentRef withSectionName(String section) {
    return new ParentRef(group, kind, namespace, name, Optional.of(section), port);
  }

  public ParentRef withPort(int p) {
    return new ParentRef(group, kind, namespace, name, sectionName, OptionalInt.of(p));
  }

  /** The parent's namespace, defaulting to the route's. */
  public String namespaceOr(String routeNamespace) {
    return namespace.orElse(routeNamespace);
  }

  /** Whether this names a Gateway API {@code Gateway} (other parents, such as a Service for mesh routing, are not). */
  public boolean isGateway() {
    return group.equals(GATEWAY_GROUP) && kind.equals("Gateway");
  }

  @Override
  public String toString() {
    return kind + " " + namespace.map(n -> n + "/").orElse("") + name + sectionName.map(s -> " section " + s)
        .orElse("") + (port.isPresent() ? " port " + port.getAsInt() : "");
  }
}
