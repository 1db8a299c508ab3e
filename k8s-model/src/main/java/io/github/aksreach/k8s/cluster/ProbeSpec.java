package io.github.aksreach.k8s.cluster;

import io.github.aksreach.k8s.model.ProbeProtocol;
import java.util.Optional;

/**
 * One load-balancer health probe, as cloud-provider-azure writes it (or as {@code az network lb} shows it).
 *
 * <pre>{@code
 * ProbeSpec p = new ProbeSpec("a1b2-TCP-31049", ProbeProtocol.HTTP, 31049, Optional.of("/healthz"), 5, 2);
 * p.describe();   // "Http 31049 /healthz"
 * }</pre>
 *
 * @param name the probe's name
 * @param protocol Tcp, Http or Https
 * @param port the port probed on each backend's address
 * @param requestPath the HTTP(S) request path
 * @param intervalSeconds seconds between probes
 * @param threshold consecutive results to change state
 */
public record ProbeSpec(String name, ProbeProtocol protocol, int port, Optional<String> requestPath,
                        int intervalSeconds, int threshold) {
  public String describe() {
    return protocol.azureName() + " " + port + requestPath.map(p -> " " + p).orElse("");
  }
}
