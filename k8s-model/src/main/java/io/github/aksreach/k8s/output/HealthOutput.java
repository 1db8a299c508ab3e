package io.github.aksreach.k8s.output;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.k8s.aks.AgcBackendHealth;
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

  /**
   * {@link #tree(HealthReport)} with the endpoints behind Application Gateway for Containers Gateways under
   * {@code "agcBackends"} (only when there are some, so a cluster without AGC prints what it always printed):
   * {@code {"gateway", "service", "endpoint", "state", "probe", "reason", "hops": [{"element", "kind", "src", "dst",
   * "decision"}]}}.
   */
  public static Map<String, Object> tree(HealthReport h, List<AgcBackendHealth> agc) {
    Map<String, Object> root = tree(h);
    if (agc.isEmpty()) {
      return root;
    }
    List<Object> out = new ArrayList<>();
    for (AgcBackendHealth b : agc) {
      Map<String, Object> bj = new LinkedHashMap<>();
      bj.put("gateway", b.gateway());
      bj.put("service", b.service());
      bj.put("endpoint", b.address() + ":" + b.port());
      bj.put("state", b.state().name());
      bj.put("probe", b.probe().describe());
      bj.put("reason", b.reason());
      List<Object> hops = new ArrayList<>();
      if (b.verdict().isPresent() && b.probeFlow().isPresent() && !b.verdict().get().paths().isEmpty()) {
        for (Hop hop : b.verdict().get().paths().get(0).hops()) {
          Map<String, Object> hj = new LinkedHashMap<>();
          Flow seen = hop.seen(b.probeFlow().get());
          hj.put("element", hop.label());
          hj.put("kind", hop.kind().name());
          hj.put("src", seen.srcIp() + ":" + seen.srcPort());
          hj.put("dst", seen.dstIp() + ":" + seen.dstPort());
          hj.put("decision", hop.decision());
          hops.add(hj);
        }
      }
      bj.put("hops", hops);
      out.add(bj);
    }
    root.put("agcBackends", out);
    return root;
  }

  /** {@link #tree(HealthReport, List)} as pretty JSON. */
  public static String json(HealthReport h, List<AgcBackendHealth> agc) {
    return Json.write(tree(h, agc));
  }

  /** {@link #text(HealthReport)}, then one heading per AGC Gateway and one line per endpoint with its hops. */
  public static String text(HealthReport h, List<AgcBackendHealth> agc) {
    if (agc.isEmpty()) {
      return text(h);
    }
    StringBuilder sb = new StringBuilder(h.backends().isEmpty() ? "" : text(h));
    String last = null;
    for (AgcBackendHealth b : agc) {
      if (!b.gateway().equals(last)) {
        sb.append("Application Gateway for Containers, Gateway ").append(b.gateway())
            .append(" (health probes from its association subnet)\n");
        last = b.gateway();
      }
      sb.append(String.format(Locale.ROOT, "  %-8s %s %s:%d  probe %s: %s%n", b.state(), b.service(), b.address(),
          b.port(), b.probe().describe(), b.reason()));
      if (b.verdict().isPresent() && b.probeFlow().isPresent() && !b.verdict().get().paths().isEmpty()) {
        for (Hop hop : b.verdict().get().paths().get(0).hops()) {
          sb.append(String.format(Locale.ROOT, "      %-14s %s  %s%n", hop.kind().name(), hop.label(),
              hop.decision()));
        }
      }
    }
    return sb.toString();
  }
}
