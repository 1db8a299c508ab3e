package io.github.aksreach.k8s.model;

import org.immutables.value.Value;

/**
 * One path of an Ingress rule.
 *
 * <pre>{@code
 * IngressPath p = IngressPath.builder().path("/weatherforecast").pathType(PathType.PREFIX)
 *     .backend(IngressBackend.service("simpleapi", PortRef.number(8080))).build();
 * }</pre>
 */
@Value.Immutable
abstract class AbstractIngressPath {
  /** The path; defaults to {@code /}. */
  @Value.Default
  public String path() {
    return "/";
  }

  public abstract PathType pathType();

  public abstract IngressBackend backend();

  @Override
  public String toString() {
    return path() + " (" + pathType() + ") -> " + backend();
  }
}
