package io.github.aksreach.k8s.model;

import java.util.Locale;
import java.util.Optional;

/**
 * An Azure load balancer health-probe protocol as cloud-provider-azure chooses it from annotations or
 * {@code appProtocol} (DOMAIN 3.2).
 *
 * <pre>{@code
 * ProbeProtocol.fromAnnotation("http");    // Optional[HTTP] (case-insensitive)
 * ProbeProtocol.fromAnnotation("grpc");    // Optional.empty(): cloud-provider-azure uses TCP for unknown values
 * }</pre>
 */
public enum ProbeProtocol {
  TCP("Tcp"),
  HTTP("Http"),
  HTTPS("Https");

  private final String azureName;

  ProbeProtocol(String azureName) {
    this.azureName = azureName;
  }

  /** The name Azure uses ({@code Tcp}, {@code Http}, {@code Https}). */
  public String azureName() {
    return azureName;
  }

  /** The protocol named {@code s} (case-insensitive), or empty for an unknown value. */
  public static Optional<ProbeProtocol> fromAnnotation(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    for (ProbeProtocol p : values()) {
      if (p.azureName.toLowerCase(Locale.ROOT).equals(t)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return azureName;
  }
}
