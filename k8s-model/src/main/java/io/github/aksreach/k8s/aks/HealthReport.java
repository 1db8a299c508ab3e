package io.github.aksreach.k8s.aks;

import java.util.List;

/**
 * Every load-balancer backend with its derived state, probe and reason (the {@code health} command).
 *
 * <pre>{@code
 * HealthReport h = analysis.health();
 * h.state("aks-user-28786594-vmss000001");   // Optional[DOWN]
 * HealthOutput.json(h);   // {"loadBalancers": [{"frontend": "192.168.0.22", "rules": [...], "backends": [...]}]}
 * }</pre>
 *
 * @param backends one entry per frontend, backend node and probe
 */
public record HealthReport(List<BackendHealth> backends) {
  public HealthReport {
    // the analysis's own lists are immutable and compact (a record per backend is made when read); keep them
    backends = backends instanceof Backends || backends instanceof Backends.Concat ? backends : List.copyOf(backends);
  }

  /** The state of a node's backends: DOWN if any probe is DOWN, else FLAPPING if any flaps, else UP. */
  public java.util.Optional<BackendHealth.State> state(String node) {
    BackendHealth.State worst = null;
    for (BackendHealth b : backends) {
      if (b.node().name().equals(node)) {
        if (worst == null || b.state().ordinal() > worst.ordinal()) {
          worst = b.state();
        }
      }
    }
    return java.util.Optional.ofNullable(worst);
  }
}
