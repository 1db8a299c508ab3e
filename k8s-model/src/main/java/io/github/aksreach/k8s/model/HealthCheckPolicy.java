package io.github.aksreach.k8s.model;

import io.github.aksreach.nsg.model.Provenance;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Application Gateway for Containers' {@code HealthCheckPolicy} ({@code alb.networking.azure.io/v1}): the health probe
 * AGC sends to every endpoint pod of the Service it targets, in place of the pods' readiness probe or the default
 * {@code GET /} (learn.microsoft.com/azure/application-gateway/for-containers/custom-health-probe; API specification
 * {@code HealthCheckPolicyConfig}). {@code spec.override} wins over {@code spec.default} field by field.
 *
 * <pre>{@code
 * HealthCheckPolicy p = new HealthCheckPolicy("test-infra", "gateway-health-check-policy", "test-infra",
 *     "test-service", OptionalInt.of(8123), Optional.of(true), false, Optional.of("contoso.com"), Optional.of("/"),
 *     List.of(new HealthCheckPolicy.StatusRange(200, 299)), Optional.of("5s"), Optional.of("3s"), OptionalInt.of(1),
 *     OptionalInt.of(1), new Provenance("alb.yaml", "doc[0]"));
 * p.accepts(204);   // true
 * }</pre>
 *
 * @param namespace the policy's namespace
 * @param name its name
 * @param serviceNamespace {@code targetRef.namespace} (default: the policy's)
 * @param service {@code targetRef.name} (kind Service, group "")
 * @param port the probed port; absent: the port the traffic goes to
 * @param useTls {@code useTLS}; absent: the backend's protocol on the same port, cleartext on another
 * @param grpc {@code grpc: {}}: a gRPC health check
 * @param host {@code http.host}; absent: {@code localhost}
 * @param path {@code http.path}; absent: {@code /}
 * @param statusCodes {@code http.match.statusCodes}; empty: 200-399 (UNVERIFIED: the default range is not documented
 *     for AGC; Application Gateway's is 200-399)
 * @param interval {@code interval} as written
 * @param timeout {@code timeout} as written
 * @param healthyThreshold {@code healthyThreshold}
 * @param unhealthyThreshold {@code unhealthyThreshold}
 * @param provenance where it was read
 */
public record HealthCheckPolicy(String namespace, String name, String serviceNamespace, String service,
                                OptionalInt port, Optional<Boolean> useTls, boolean grpc, Optional<String> host,
                                Optional<String> path, List<StatusRange> statusCodes, Optional<String> interval,
                                Optional<String> timeout, OptionalInt healthyThreshold, OptionalInt unhealthyThreshold,
                                Provenance provenance) {
  /** The API group and version. */
  public static final String API_VERSION = "alb.networking.azure.io/v1";

  /**
   * An inclusive range of healthy statuses.
   *
   * @param start the first
   * @param end the last
   */
  public record StatusRange(int start, int end) {
    @Override
    public String toString() {
      return start + "-" + end;
    }
  }

  public HealthCheckPolicy {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(service, "service");
    statusCodes = List.copyOf(statusCodes);
  }

  public String key() {
    return namespace + "/" + name;
  }

  /** The targeted Service, {@code namespace/name}. */
  public String serviceKey() {
    return serviceNamespace + "/" + service;
  }

  /** Whether {@code status} counts as healthy. */
  public boolean accepts(int status) {
    if (statusCodes.isEmpty()) {
      return status >= 200 && status <= 399;
    }
    return statusCodes.stream().anyMatch(r -> status >= r.start() && status <= r.end());
  }

  @Override
  public String toString() {
    return "HealthCheckPolicy " + key() + " (" + (grpc ? "grpc" : (useTls.orElse(false) ? "https" : "http") + " "
        + host.orElse("localhost") + path.orElse("/")) + (port.isPresent() ? " port " + port.getAsInt() : "") + ")";
  }
}
