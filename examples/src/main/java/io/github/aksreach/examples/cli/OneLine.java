package io.github.aksreach.examples.cli;

import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.solver.DropInfo;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.k8s.analysis.CheckReport;
import io.github.aksreach.k8s.analysis.ReachReport;
import io.github.aksreach.k8s.trace.Describe;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One-line renderings of a {@code check} or {@code reach} answer, for batch text output ({@link Batch}).
 *
 * <pre>{@code
 * OneLine.of(report);
 * // tcp 192.168.1.4:50326 -> 192.168.0.22:80: SOMETIMES 0.3333 over 3 paths; delivered 1: default/simpleapi-...
 * //   10.244.1.5:8080; dropped 2: [NSG] nsg-user (subnet user) by DenyAllCustom (4000); [NSG] nsg-system ...
 * OneLine.of(reach);   // reach 192.168.0.22:80/tcp: ALWAYS 192.168.1.4/32; SOMETIMES none; NEVER 0.0.0.0/1, ...
 * }</pre>
 *
 * <p>Paths with the same destination pod, or the same drop (kind, element, rule, HTTP status), are counted
 * together ({@code x2}).
 */
final class OneLine {
  private OneLine() {}

  /** The flow, verdict, delivered fraction, then the distinct deliveries and drops. */
  static String of(CheckReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.flow()).append(": ").append(r.verdict().kind()).append(' ')
        .append(CheckReport.rounded(r.verdict().deliveredFraction()));
    int n = r.verdict().paths().size();
    sb.append(" over ").append(n).append(n == 1 ? " path" : " paths");
    Map<String, Integer> delivered = new LinkedHashMap<>();
    Map<String, Integer> dropped = new LinkedHashMap<>();
    for (PathResult p : r.verdict().paths()) {
      if (p.delivered()) {
        delivered.merge(p.deliveredTo().map(Describe::label).orElse("?"), 1, Integer::sum);
      } else {
        dropped.merge(p.drop().map(OneLine::drop).orElse("?"), 1, Integer::sum);
      }
    }
    append(sb, "delivered", delivered);
    append(sb, "dropped", dropped);
    return sb.toString();
  }

  private static String drop(DropInfo d) {
    StringBuilder sb = new StringBuilder("[").append(d.kind().name()).append("] ")
        .append(Describe.label(d.origin()));
    d.rule().ifPresent(x -> sb.append(" by ").append(x));
    d.status().ifPresent(s -> sb.append(" HTTP ").append(s));
    return sb.append(": ").append(Describe.reason(d)).toString();
  }

  private static void append(StringBuilder sb, String what, Map<String, Integer> counts) {
    if (counts.isEmpty()) {
      return;
    }
    sb.append("; ").append(what).append(' ').append(counts.values().stream().mapToInt(Integer::intValue).sum())
        .append(": ");
    sb.append(counts.entrySet().stream().map(e -> e.getKey() + (e.getValue() > 1 ? " x" + e.getValue() : ""))
        .collect(Collectors.joining("; ")));
  }

  /** The destination and its three source sets as CIDR lists. */
  static String of(ReachReport r) {
    return "reach " + r.to() + ": ALWAYS " + cidrs(r.sets().always()) + "; SOMETIMES " + cidrs(r.sets().sometimes())
        + "; NEVER " + cidrs(r.sets().never());
  }

  private static String cidrs(IpSet s) {
    return s.isEmpty() ? "none" : s.toCidrs().stream().map(IpPrefix::toString).collect(Collectors.joining(", "));
  }
}
