package io.github.aksreach.k8s.model;

import io.github.aksreach.nsg.model.ProbeProtocol;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * The cloud-provider-azure annotations of one Service port ({@code service.beta.kubernetes.io/port_{port}_...}), typed.
 *
 * <pre>{@code
 * AzureServiceAnnotations a = AzureServiceAnnotations.parse(Map.of(
 *     "service.beta.kubernetes.io/port_80_health-probe_request-path", "/healthz",
 *     "service.beta.kubernetes.io/port_443_no_probe_rule", "true"));
 * a.port(80).healthProbeRequestPath();   // Optional[/healthz]
 * a.port(443).noProbeRule();             // true
 * a.port(8080).noLbRule();               // false: no annotation for that port
 * }</pre>
 *
 * <p>Important note (DOMAIN 3.1/3.2): {@code no_lb_rule} removes both the rule and the probe of the port;
 * {@code no_probe_rule} keeps the rule without a probe. {@code health-probe_port} is a number or a Service port name;
 * if it equals a Service {@code port}, that port's {@code nodePort} is probed.
 */
@Value.Immutable
abstract class AbstractAzurePortAnnotations {
  /** {@code port_{port}_no_lb_rule: "true"}. */
  @Value.Default
  public boolean noLbRule() {
    return false;
  }

  /** {@code port_{port}_no_probe_rule: "true"}. */
  @Value.Default
  public boolean noProbeRule() {
    return false;
  }

  /** {@code port_{port}_health-probe_protocol}; an unknown value reads as TCP (what cloud-provider-azure does). */
  public abstract Optional<ProbeProtocol> healthProbeProtocol();

  /** {@code port_{port}_health-probe_request-path}. */
  public abstract Optional<String> healthProbeRequestPath();

  /** {@code port_{port}_health-probe_interval} in seconds. */
  public abstract OptionalInt healthProbeInterval();

  /** {@code port_{port}_health-probe_num-of-probe}. */
  public abstract OptionalInt healthProbeNumOfProbe();

  /** {@code port_{port}_health-probe_port}: a number or a Service port name. */
  public abstract Optional<PortRef> healthProbePort();

  /** True iff no annotation is set for this port. */
  public boolean isEmpty() {
    return !noLbRule() && !noProbeRule() && healthProbeProtocol().isEmpty() && healthProbeRequestPath().isEmpty()
        && healthProbeInterval().isEmpty() && healthProbeNumOfProbe().isEmpty() && healthProbePort().isEmpty();
  }
}
