package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Parsed;
import io.vavr.control.Validation;

/**
 * Which engine enforces NetworkPolicies (AKS {@code networkProfile.networkPolicy}); with {@link #NONE} policies are
 * loaded but not enforced.
 *
 * <pre>{@code
 * NetworkPolicyEngine.parse("calico").orElseThrow().enforces();   // true
 * NetworkPolicyEngine.NONE.enforces();                      // false
 * }</pre>
 */
public enum NetworkPolicyEngine {
  NONE("none"),
  /** Azure Network Policy Manager (iptables). */
  AZURE("azure"),
  CALICO("calico"),
  /** Azure CNI powered by Cilium (eBPF). */
  CILIUM("cilium");

  private final String configName;

  NetworkPolicyEngine(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  public boolean enforces() {
    return this != NONE;
  }

  public static Parsed<NetworkPolicyEngine> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, NetworkPolicyEngine> parseResult(String text) {
    for (NetworkPolicyEngine m : values()) {
      if (m.configName.equalsIgnoreCase(text == null ? "" : text.trim())) {
        return Validation.valid(m);
      }
    }
    return Validation.invalid(ModelError.of(
        "invalid network policy engine '%s': expected none, azure, calico or cilium", text));
  }

  @Override
  public String toString() {
    return configName;
  }
}
