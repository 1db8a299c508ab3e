package io.github.aksreach.k8s.model;

import java.util.Optional;

/**
 * A NetworkPolicy direction ({@code policyTypes}).
 *
 * <pre>{@code
 * PolicyType.fromApiName("Egress");   // Optional[EGRESS]
 * }</pre>
 */
public enum PolicyType implements ApiNamed {
  INGRESS("Ingress"),
  EGRESS("Egress");

  private final String apiName;

  PolicyType(String apiName) {
    this.apiName = apiName;
  }

  @Override
  public String apiName() {
    return apiName;
  }

  public static Optional<PolicyType> fromApiName(String s) {
    return ApiNamed.lookup(values(), s);
  }

  @Override
  public String toString() {
    return apiName;
  }
}
