package io.github.aksreach.k8s.model;

import java.util.Optional;

/**
 * A NetworkPolicy direction ({@code policyTypes}).
 *
 * <pre>{@code
 * PolicyType.fromApiName("Egress");   // Optional[EGRESS]
 * }</pre>
 */
public enum PolicyType {
  INGRESS("Ingress"),
  EGRESS("Egress");

  private final String apiName;

  PolicyType(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }

  public static Optional<PolicyType> fromApiName(String s) {
    for (PolicyType t : values()) {
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
