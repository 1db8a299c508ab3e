package io.github.aksreach.k8s.output;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.k8s.aks.BackendHealth;
import io.github.aksreach.k8s.aks.HealthReport;
import io.github.aksreach.k8s.cluster.LbRuleSpec;
import io.github.aksreach.nsg.model.Probe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The renderings of a {@link HealthReport} ({@code health}): every backend per frontend with its state, probe and
 * reason.
 *
 * <pre>{@code
 * HealthReport h = analysis.health();
 * HealthOutput.json(h);   // {"loadBalancers": [{"frontend": "192.168.0.22", "rules": [...], "backends": [...]}]}
 * System.out.print(HealthOutput.text(h));
 * }</pre>
 */
public final class HealthOutput {
  private HealthOutput() {}

  /** The JSON object of {@code health --format json}, as ordered maps and lists. */
  public static Map<String, Object> tree(HealthReport h) {
    Map<IpAddress, List<BackendHealth>> byFrontend = new LinkedHashMap<>();
    for (BackendHealth b : h.backends()) {
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

  /** {@link #tree} as pretty JSON. */
  public static String json(HealthReport h) {
    return Json.write(tree(h));
  }

  /** One heading per frontend, one line per backend. */
  public static String text(HealthReport h) {
    if (h.backends().isEmpty()) {
      return "no load-balancer backends: no LoadBalancer Service (or dumped load-balancing rule) has a backend pool\n";
    }
    StringBuilder sb = new StringBuilder();
    IpAddress last = null;
    for (BackendHealth b : h.backends()) {
      if (!b.frontend().equals(last)) {
        sb.append("load balancer frontend ").append(b.frontend()).append(" (rules ")
            .append(b.rules().stream().map(LbRuleSpec::name).collect(Collectors.joining(", "))).append(")\n");
        last = b.frontend();
      }
      sb.append(String.format(Locale.ROOT, "  %-8s %s %s  probe %s: %s%n", b.state(), b.node().name(), b.ip(),
          b.probe().map(Probe::describe).orElse("none"), b.reason()));
    }
    return sb.toString();
  }
}
