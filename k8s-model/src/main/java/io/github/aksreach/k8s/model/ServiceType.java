package io.github.aksreach.k8s.model;

import java.util.Optional;

/**
 * A Service's {@code spec.type}; absent means ClusterIP.
 *
 * <pre>{@code
 * ServiceType.fromApiName("LoadBalancer");   // Optional[LOAD_BALANCER]
 * ServiceType.LOAD_BALANCER.hasNodePorts();  // true
 * }</pre>
 */
public enum ServiceType implements ApiNamed {
  CLUSTER_IP("ClusterIP"),
  NODE_PORT("NodePort"),
  LOAD_BALANCER("LoadBalancer"),
  EXTERNAL_NAME("ExternalName");

  private final String apiName;

  ServiceType(String apiName) {
    this.apiName = apiName;
  }

  @Override
  public String apiName() {
    return apiName;
  }

  /** NodePort and LoadBalancer Services open node ports (unless a LoadBalancer opts out). */
  public boolean hasNodePorts() {
    return this == NODE_PORT || this == LOAD_BALANCER;
  }

  public static Optional<ServiceType> fromApiName(String s) {
    return ApiNamed.lookup(values(), s);
  }

  @Override
  public String toString() {
    return apiName;
  }
}
