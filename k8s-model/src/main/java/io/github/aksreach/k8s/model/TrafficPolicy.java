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
public enum TrafficPolicy {
  CLUSTER("Cluster"),
  LOCAL("Local");

  private final String apiName;

  TrafficPolicy(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }

  public static Optional<TrafficPolicy> fromApiName(String s) {
    for (TrafficPolicy t : values()) {
      if (t.apiName.equals(s)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return apiName;
  }
}
