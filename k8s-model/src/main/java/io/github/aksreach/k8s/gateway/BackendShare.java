package io.github.aksreach.k8s.gateway;

import io.github.aksreach.k8s.model.BackendRef;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServiceEndpoint;
import io.github.aksreach.k8s.model.ServicePort;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The share of a rule's traffic that one weighted backendRef receives (R2.24-R2.28): forwarded to the ready endpoints
 * of a Service port (Envoy sends to pod IP:targetPort, with the gateway pod as source), or answered 500 (invalid
 * reference) or 503 (no ready endpoint) by the gateway.
 *
 * <pre>{@code
 * BackendShare s = ((GatewayOutcome.Routed) outcome).shares().get(0);
 * s.fraction();          // 0.7
 * s.failureStatus();     // OptionalInt.empty(): forwarded
 * s.readyEndpoints();    // [10.244.1.5:8080/tcp (app/web-...)]
 * }</pre>
 *
 * @param ref the backendRef
 * @param fraction weight / sum of the rule's weights
 * @param service the resolved Service, if valid
 * @param port the resolved Service port, if valid
 * @param readyEndpoints the ready endpoints of that port
 * @param failureStatus 500 or 503 when the gateway answers this share itself
 * @param reason {@code ResolvedRefs} reason ({@code InvalidKind}, {@code RefNotPermitted}, {@code BackendNotFound}) or
 *     why the share fails; empty when forwarded
 */
public record BackendShare(BackendRef ref, double fraction, Optional<Service> service, Optional<ServicePort> port,
    List<ServiceEndpoint> readyEndpoints, OptionalInt failureStatus, String reason) {
  public BackendShare {
    readyEndpoints = List.copyOf(readyEndpoints);
  }

  /** Whether this share reaches a backend pod. */
  public boolean forwarded() {
    return failureStatus.isEmpty();
  }

  @Override
  public String toString() {
    return ref + " " + fraction + (forwarded() ? " -> " + readyEndpoints.size() + " ready endpoints"
        : " -> " + failureStatus.getAsInt() + " " + reason);
  }
}
