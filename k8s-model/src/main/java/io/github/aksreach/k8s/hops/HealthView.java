package io.github.aksreach.k8s.hops;

import io.github.aksreach.k8s.cluster.LbRuleSpec;
import io.github.aksreach.k8s.model.Node;

/**
 * Which load-balancer backends carry traffic.
 *
 * <pre>{@code
 * HealthView up = HealthView.allUp();              // the transient view, and the view probes are traced in
 * HealthView h = (rule, node) -> health.state(node.name()) != BackendHealth.State.DOWN;
 * }</pre>
 */
public interface HealthView {
  /** Whether {@code node} receives new flows of {@code rule}. */
  boolean inRotation(LbRuleSpec rule, Node node);

  /**
   * Why Application Gateway for Containers' health probe of {@code target} fails, so that AGC sends it no traffic;
   * empty when it passes (or is not derived: every endpoint healthy).
   */
  default java.util.Optional<String> agcProbeFailure(AgcTarget target) {
    return java.util.Optional.empty();
  }

  /**
   * One endpoint Application Gateway for Containers sends to: the Gateway ({@code namespace/name}), the backend
   * Service ({@code namespace/name}) and the endpoint's address and port.
   *
   * @param gateway the Gateway
   * @param service the Service
   * @param address the endpoint address
   * @param port the endpoint port
   */
  record AgcTarget(String gateway, String service, io.github.aksreach.core.model.IpAddress address, int port) {}

  /** Every backend in rotation (the transient view, and the view probes themselves are traced in). */
  static HealthView allUp() {
    return (r, n) -> true;
  }
}
