package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Parsed;
import io.vavr.control.Validation;

/**
 * cloud-provider-azure's {@code clusterServiceLoadBalancerHealthProbeMode} (DOMAIN 3.2): how externalTrafficPolicy
 * Cluster Services are probed.
 *
 * <pre>{@code
 * ProbeMode.parse("shared").orElseThrow();   // SHARED
 * }</pre>
 */
public enum ProbeMode {
  /** Default: one probe per Service port, on its nodePort (protocol and path from annotations/appProtocol). */
  SERVICE_NODE_PORT("servicenodeport"),
  /** One shared HTTP probe on kube-proxy's health port (AKS: 10356 via health-probe-proxy, {@code /healthz}). */
  SHARED("shared");

  private final String configName;

  ProbeMode(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  public static Parsed<ProbeMode> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, ProbeMode> parseResult(String text) {
    for (ProbeMode m : values()) {
      if (m.configName.equalsIgnoreCase(text == null ? "" : text.trim())) {
        return Validation.valid(m);
      }
    }
    return Validation.invalid(ModelError.of("invalid probe mode '%s': expected servicenodeport or shared", text));
  }

  @Override
  public String toString() {
    return configName;
  }
}
