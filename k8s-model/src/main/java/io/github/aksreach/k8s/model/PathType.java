package io.github.aksreach.k8s.model;

import java.util.Optional;

/**
 * An Ingress path's {@code pathType}.
 *
 * <pre>{@code
 * PathType.fromApiName("Prefix");   // Optional[PREFIX]
 * }</pre>
 *
 * <p>How ingress-nginx matches each is described in {@code io.github.aksreach.k8s.nginx.IngressNginxRouter}.
 */
public enum PathType implements ApiNamed {
  /** The path, exactly (case-sensitive). */
  EXACT("Exact"),
  /** Path-element prefix: {@code /foo} matches {@code /foo} and {@code /foo/bar}, not {@code /foobar}. */
  PREFIX("Prefix"),
  /** Left to the ingress controller. */
  IMPLEMENTATION_SPECIFIC("ImplementationSpecific");

  private final String apiName;

  PathType(String apiName) {
    this.apiName = apiName;
  }

  @Override
  public String apiName() {
    return apiName;
  }

  public static Optional<PathType> fromApiName(String s) {
    return ApiNamed.lookup(values(), s);
  }

  @Override
  public String toString() {
    return apiName;
  }
}
