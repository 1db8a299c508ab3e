package io.github.aksreach.k8s.checks;

import io.github.aksreach.core.check.Violation;
import io.github.aksreach.core.check.ViolationCollector;
import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.analysis.ReachReport;
import io.github.aksreach.k8s.model.Intent;
import java.util.List;
import java.util.Optional;

/**
 * The intent checks: each intent's allow set must reach ALWAYS, its deny set NEVER, computed symbolically over every
 * source address with {@code reach()}, the violating sources given as CIDRs.
 */
final class IntentRules {
  private IntentRules() {}

  private static ReachReport reach(CheckContext ctx, Intent intent, CheckContext.Target t, IpSet from) {
    return ctx.analysis().reach(t.ip(), t.port(), t.protocol(), intent.host(),
        intent.path().or(() -> intent.host().map(h -> "/")), from);
  }

  /** The trace of one witness source, for the evidence. */
  private static String witness(CheckContext ctx, Intent intent, CheckContext.Target t, IpAddress src) {
    Flow f = Flow.of(t.protocol(), src, 50000, t.ip(), t.port());
    if (intent.host().isPresent() || intent.path().isPresent()) {
      f = f.withHttp(intent.host().orElse(null), intent.path().orElse("/"));
    }
    Verdict v = ctx.analysis().check(f).verdict();
    return "for example " + f + ": " + v.kind() + "\n" + Support.describe(v.paths(), f);
  }

  static void allowNotAlways(CheckContext ctx, Intent intent, ViolationCollector out) {
    List<CheckContext.Target> targets = ctx.targets(intent);
    if (targets.isEmpty()) {
      out.add(Violation.of("intent " + intent.name() + " targets " + intent.target() + ", which is not in the "
              + "scenario (no such Service, port or frontend address)")
          .withFix("correct the intent's target in scenario.yaml, or dump the Service")
          .at(ctx.intentLocation(intent)));
      return;
    }
    for (CheckContext.Target t : targets) {
      IpSet allow = intent.allowSet().restrict(t.ip().family());
      if (allow.isEmpty()) {
        continue;
      }
      ReachReport r = reach(ctx, intent, t, allow);
      IpSet sometimes = r.sets().sometimes();
      IpSet never = r.sets().never();
      if (sometimes.isEmpty() && never.isEmpty()) {
        continue;
      }
      IpSet bad = sometimes.union(never);
      String what = (sometimes.isEmpty() ? "" : "SOMETIMES from " + Support.cidrs(sometimes))
          + (!sometimes.isEmpty() && !never.isEmpty() ? "; " : "")
          + (never.isEmpty() ? "" : "NEVER from " + Support.cidrs(never));
      out.add(Violation.of("intent " + intent.name() + ": sources that must always reach " + t
              + intent.host().map(h -> " (Host " + h + intent.path().orElse("") + ")").orElse("")
              + " reach it only " + what)
          .withEvidence(witness(ctx, intent, t, bad.first().orElseThrow()))
          .withFlows(FlowSpace.where(Field.SRC_IP, bad))
          .withFix("follow the drops in the evidence: admit these sources in every NSG on their paths (subnet and "
              + "NIC), in loadBalancerSourceRanges and in the NGINX allow-list, or make sure the load balancer only "
              + "picks backends where they are admitted")
          .at(ctx.intentLocation(intent)));
    }
  }

  static void denyReaches(CheckContext ctx, Intent intent, ViolationCollector out) {
    for (CheckContext.Target t : ctx.targets(intent)) {
      // the platform address 168.63.129.16 sends probes, never client connections to a frontend
      IpSet deny = intent.denySet().restrict(t.ip().family())
          .difference(IpSet.of(io.github.aksreach.k8s.aks.AksReachability.PROBE_SOURCE));
      if (deny.isEmpty()) {
        continue;
      }
      ReachReport r = reach(ctx, intent, t, deny);
      IpSet leak = r.sets().always().union(r.sets().sometimes());
      if (leak.isEmpty()) {
        continue;
      }
      Optional<IpAddress> w = leak.first();
      out.add(Violation.of("intent " + intent.name() + ": sources that must never reach " + t
              + intent.host().map(h -> " (Host " + h + intent.path().orElse("") + ")").orElse("")
              + " do reach it: " + (r.sets().always().isEmpty() ? "" : "ALWAYS from "
              + Support.cidrs(r.sets().always()))
              + (!r.sets().always().isEmpty() && !r.sets().sometimes().isEmpty() ? "; " : "")
              + (r.sets().sometimes().isEmpty() ? "" : "SOMETIMES from " + Support.cidrs(r.sets().sometimes())))
          .withEvidence(witness(ctx, intent, t, w.orElseThrow()))
          .withFlows(FlowSpace.where(Field.SRC_IP, leak))
          .withFix("deny these sources before they reach the load balancer: an NSG rule on the ingress subnet, "
              + "loadBalancerSourceRanges, or the NGINX allow-list under externalTrafficPolicy Local")
          .at(ctx.intentLocation(intent)));
    }
  }
}
