package io.github.aksreach.k8s.model;

import java.util.Optional;

/**
 * {@code externalTrafficPolicy} / {@code internalTrafficPolicy}: Cluster (every ready endpoint, with masquerade for
 * external traffic) or Local (node-local endpoints only, client source kept). See DOMAIN 4.1.
 *
 * <pre>{@code
 * TrafficPolicy.fromApiName("Local");   // Optional[LOCAL]
 * }</pre>
 */
public enum TrafficPolicy implements ApiNamed {
  CLUSTER("Cluster"),
  LOCAL("Local");

  private final String apiName;

  TrafficPolicy(String apiName) {
    this.apiName = apiName;
  }

  @Override
  public String apiName() {
    return apiName;
  }

  public static Optional<TrafficPolicy> fromApiName(String s) {
    return ApiNamed.lookup(values(), s);
  }

  @Override
  public String toString() {
    return apiName;
  }
}
