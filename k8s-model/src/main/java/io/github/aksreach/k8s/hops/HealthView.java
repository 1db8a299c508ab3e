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

  /** Every backend in rotation (the transient view, and the view probes themselves are traced in). */
  static HealthView allUp() {
    return (r, n) -> true;
  }
}
