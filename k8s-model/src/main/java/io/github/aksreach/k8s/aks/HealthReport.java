package io.github.aksreach.k8s.aks;

import io.github.aksreach.k8s.cluster.LbRuleSpec;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.k8s.analysis.Json;
import io.github.aksreach.nsg.model.Probe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every load-balancer backend with its derived state, probe and reason (the {@code health} command).
 *
 * <pre>{@code
 * HealthReport h = analysis.health();
 * h.state("aks-user-28786594-vmss000001");   // Optional[DOWN]
 * h.toJson();   // {"loadBalancers": [{"frontend": "192.168.0.22", "rules": [...], "backends": [...]}]}
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

  public Map<String, Object> toJsonTree() {
    Map<IpAddress, List<BackendHealth>> byFrontend = new LinkedHashMap<>();
    for (BackendHealth b : backends) {
      byFrontend.computeIfAbsent(b.frontend(), k -> new ArrayList<>()).add(b);
    }
    List<Object> lbs = new ArrayList<>();
    for (Map.Entry<IpAddress, List<BackendHealth>> e : byFrontend.entrySet()) {
      Map<String, Object> lb = new LinkedHashMap<>();
      lb.put("frontend", e.getKey().toString());
      lb.put("rules", e.getValue().stream().flatMap(b -> b.rules().stream()).map(LbRuleSpec::name).distinct()
          .collect(Collectors.toList()));
      List<Object> bs = new ArrayList<>();
      for (BackendHealth b : e.getValue()) {
        Map<String, Object> bj = new LinkedHashMap<>();
        bj.put("node", b.node().name());
        bj.put("ip", b.ip().toString());
        bj.put("state", b.state().name());
        bj.put("probe", b.probe().map(Probe::describe).orElse("none"));
        bj.put("reason", b.reason());
        bs.add(bj);
      }
      lb.put("backends", bs);
      lbs.add(lb);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("loadBalancers", lbs);
    return root;
  }

  public String toJson() {
    return Json.write(toJsonTree());
  }

  public String toText() {
    if (backends.isEmpty()) {
      return "no load-balancer backends: no LoadBalancer Service (or dumped load-balancing rule) has a backend pool\n";
    }
    StringBuilder sb = new StringBuilder();
    IpAddress last = null;
    for (BackendHealth b : backends) {
      if (!b.frontend().equals(last)) {
        sb.append("load balancer frontend ").append(b.frontend()).append(" (rules ")
            .append(b.rules().stream().map(LbRuleSpec::name).collect(Collectors.joining(", "))).append(")\n");
        last = b.frontend();
      }
      sb.append(String.format("  %-8s %s %s  probe %s: %s%n", b.state(), b.node().name(), b.ip(),
          b.probe().map(Probe::describe).orElse("none"), b.reason()));
    }
    return sb.toString();
  }
}
