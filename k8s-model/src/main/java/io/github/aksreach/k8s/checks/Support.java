package io.github.aksreach.k8s.checks;

import io.github.aksreach.k8s.hops.AksKey;
import io.github.aksreach.nsg.eval.NsgHopKey;
import io.github.aksreach.k8s.trace.IngressOrigin;
import io.github.aksreach.k8s.trace.LbOrigin;
import io.github.aksreach.k8s.trace.Describe;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.solver.DropInfo;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.Weight;
import io.github.aksreach.k8s.analysis.CheckReport;
import io.github.aksreach.k8s.model.Pod;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Shared wording for the built-in checks: paths, CIDR lists, percentages. */
final class Support {
  /** A documentation address (TEST-NET-3) used as "some client outside every modelled network". */
  static final String OUTSIDE_CLIENT = "203.0.113.10";

  private Support() {}

  /** The backend the load balancer chose on a path ("backend aks-user-0 (192.168.0.36)"), if it went through one. */
  static Optional<String> backend(PathResult p) {
    for (Hop h : p.hops()) {
      if (h.origin() instanceof LbOrigin) {
        return Optional.of(Describe.decision(h));
      }
    }
    return Optional.empty();
  }

  /**
   * The node the load balancer chose on a path, if it went through one: the chain the next hop belongs to (the
   * node's inbound NSGs) names it.
   */
  static Optional<String> backendNode(PathResult p) {
    List<Hop> hops = p.hops();
    for (int i = 0; i + 1 < hops.size(); i++) {
      if (hops.get(i).origin() instanceof LbOrigin && hops.get(i + 1).element() instanceof NsgHopKey
          && ((NsgHopKey) hops.get(i + 1).element()).chain() instanceof AksKey.NodeInbound) {
        return Optional.of(((AksKey.NodeInbound) ((NsgHopKey) hops.get(i + 1).element()).chain()).node());
      }
    }
    return Optional.empty();
  }

  /** The hop where the path was dropped. */
  static Optional<Hop> dropHop(PathResult p) {
    if (p.drop().isEmpty()) {
      return Optional.empty();
    }
    DropInfo d = p.drop().get();
    for (Hop h : p.hops()) {
      if (h.element().equals(d.element())) {
        return Optional.of(h);
      }
    }
    return Optional.empty();
  }

  /** The source address NGINX checked on a path, if the path reached an ingress-nginx pod. */
  static Optional<Flow> nginxSaw(PathResult p, Flow f) {
    for (Hop h : p.hops()) {
      if (h.origin() instanceof IngressOrigin && ((IngressOrigin) h.origin()).stage() == IngressOrigin.Stage.ROUTING) {
        return Optional.of(h.seen(f));
      }
    }
    return Optional.empty();
  }

  /** One line per path: weight, backend, and where it was delivered or dropped, with the header there. */
  static String describe(List<PathResult> paths, Flow f) {
    StringBuilder sb = new StringBuilder();
    for (PathResult p : paths) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(percent(p.weight())).append(' ');
      backend(p).ifPresent(b -> sb.append("via ").append(b).append(": "));
      if (p.delivered()) {
        sb.append("delivered to ").append(p.deliveredTo().map(Describe::label).orElse("?"));
      } else {
        DropInfo d = p.drop().orElseThrow();
        sb.append("dropped at ").append(Describe.label(d.origin()));
        d.rule().ifPresent(r -> sb.append(" by ").append(r));
        d.status().ifPresent(s -> sb.append(" (HTTP ").append(s).append(')'));
        Optional<Hop> h = dropHop(p);
        h.ifPresent(x -> sb.append(", seen as ").append(x.seen(f).src()).append(" -> ").append(x.seen(f).dst()));
        sb.append(": ").append(Describe.reason(d));
      }
    }
    return sb.toString();
  }

  static String percent(Weight w) {
    return CheckReport.rounded(w).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
  }

  /** At most {@code max} CIDRs of a set, and how many more. */
  static String cidrs(IpSet s, int max) {
    List<IpPrefix> ps = s.toCidrs();
    String head = ps.stream().limit(max).map(IpPrefix::toString).collect(Collectors.joining(", "));
    return ps.size() > max ? head + " and " + (ps.size() - max) + " more CIDRs" : head;
  }

  static String cidrs(IpSet s) {
    return cidrs(s, 12);
  }

  static boolean pinnedByNodeSelector(Pod p) {
    return p.nodeSelector().containsKey("agentpool") || p.nodeSelector().containsKey("kubernetes.azure.com/agentpool");
  }
}
