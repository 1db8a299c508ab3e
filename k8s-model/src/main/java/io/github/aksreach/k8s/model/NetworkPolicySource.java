package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Parsed;
import io.vavr.control.Validation;

/**
 * Which source address a NetworkPolicy engine sees for traffic that kube-proxy masquerades on the endpoint's own node
 * (externalTrafficPolicy Cluster, endpoint local to the node the load balancer picked). The Kubernetes spec leaves it
 * undefined (DOMAIN 6, UNVERIFIED for every engine), so it is an assumption in {@code scenario.yaml}.
 *
 * <pre>{@code
 * NetworkPolicySource.parse("post-snat").orElseThrow();   // POST_SNAT
 * }</pre>
 *
 * <p>Default {@link #PRE_SNAT}: iptables-based engines (Azure NPM, Calico in iptables mode) filter in the
 * {@code FORWARD} chain, before {@code POSTROUTING} masquerades. For an endpoint on another node the wire source is the
 * forwarding node's address whatever this option says.
 */
public enum NetworkPolicySource {
  /** The policy sees the client address (before masquerade). Default. */
  PRE_SNAT("pre-snat"),
  /** The policy sees the masqueraded address (node IP, or kubenet's cbr0 address). */
  POST_SNAT("post-snat");

  private final String configName;

  NetworkPolicySource(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  public static Parsed<NetworkPolicySource> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, NetworkPolicySource> parseResult(String text) {
    for (NetworkPolicySource m : values()) {
      if (m.configName.equalsIgnoreCase(text == null ? "" : text.trim())) {
        return Validation.valid(m);
      }
    }
    return Validation.invalid(ModelError.of(
        "invalid networkPolicySeesSource '%s': expected pre-snat or post-snat", text));
  }

  @Override
  public String toString() {
    return configName;
  }
}
