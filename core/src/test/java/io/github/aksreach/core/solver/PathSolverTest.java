package io.github.aksreach.core.solver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.match.MatchExprs;
import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.PortSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathSolverTest {
  private static final Flow CLIENT = Flow.tcp("192.168.1.4:50326", "192.168.0.22:80");

  /** Client -> LB fork over 3 nodes -> per-node filter -> SNAT -> pod filter on the SNATed source -> pod. */
  private static ElementGraph lab() {
    IpSet allowedClient = IpSet.parse("192.168.1.4").get();
    Classifier ingressNsg = Classifier.of("nsg-a", "nsg-a", "NSG", List.of(
        Classifier.Rule.of(RuleRef.of("AllowClient", 100), MatchExprs.ip(Field.SRC_IP, allowedClient),
            Outcome.next("snat-a", "allowed"))),
        Outcome.drop("NSG", "denied").bypassingTo("snat-a"));
    Classifier denyNsg = Classifier.of("nsg-b", "nsg-b", "NSG", List.of(
        Classifier.Rule.of(RuleRef.of("DenyAll", 4000), MatchExprs.TRUE,
            Outcome.drop("NSG", "denied").bypassingTo("snat-b"))),
        Outcome.next("snat-b", "allowed"));
    Rewrite snatA = Rewrite.of("snat-a", "snat a", "KUBE_PROXY",
        List.of(Assign.srcIp(IpAddress.of("10.244.2.1")), Assign.dstIp(IpAddress.of("10.244.2.2"))), "allow");
    Rewrite snatB = Rewrite.of("snat-b", "snat b", "KUBE_PROXY",
        List.of(Assign.srcIp(IpAddress.of("192.168.0.4")), Assign.dstIp(IpAddress.of("10.244.2.2"))), "allow");
    Classifier allowList = Classifier.of("allow", "nginx allow-list", "INGRESS", List.of(
        Classifier.Rule.of(RuleRef.of("whitelist"), MatchExprs.ip(Field.SRC_IP, IpSet.parse("10.244.2.1").get()),
            Outcome.next("pod", "allowed"))),
        Outcome.drop("INGRESS", "not in allow-list").withStatus(403));
    Fork lb = Fork.even(ElementKey.named("lb"), Origin.of(HopKind.named("LOAD_BALANCER"), "lb"), List.of(
        Fork.Branch.of(Weight.ONE, "nsg-a", List.of(), "node a"),
        Fork.Branch.of(Weight.ONE, "nsg-b", List.of(), "node b"),
        Fork.Branch.of(Weight.ONE, "nsg-b", List.of(), "node c")));
    return ElementGraph.of(ingressNsg, denyNsg, snatA, snatB, allowList, lb,
        Sink.of("pod", "pod 10.244.2.2:80", "POD"));
  }

  @Test
  void concreteFlowIsSometimesWithExactFraction() {
    PathTree t = PathSolver.solve(lab(), ElementKey.named("lb"), CLIENT, SolveOptions.defaults());
    Verdict v = t.verdict(CLIENT);
    assertThat(v.kind()).isEqualTo(Verdict.Kind.SOMETIMES);
    assertThat(v.deliveredFraction()).isEqualTo(Weight.of(1, 3));
    PathResult delivered = v.paths().stream().filter(PathResult::delivered).findFirst().orElseThrow();
    Hop atAllowList = delivered.hops().stream().filter(h -> h.element().equals(ElementKey.named("allow"))).findFirst().orElseThrow();
    assertThat(atAllowList.seen(CLIENT).srcIp()).isEqualTo(IpAddress.of("10.244.2.1"));
    PathResult dropped = v.paths().stream().filter(p -> !p.delivered()).findFirst().orElseThrow();
    assertThat(dropped.drop().orElseThrow().rule()).contains(RuleRef.of("DenyAll", 4000));
  }

  @Test
  void explainModeListsEveryBlocker() {
    PathTree t = PathSolver.solve(lab(), ElementKey.named("lb"), CLIENT.withSrc(IpAddress.of("10.1.1.1"), 1), SolveOptions.explaining());
    assertThat(t.paths()).hasSize(3).noneMatch(PathResult::delivered);
    // through node a: only the NSG blocks (the SNATed source 10.244.2.1 passes the allow-list)
    assertThat(t.paths().get(0).blockers()).extracting(d -> d.kind().name()).containsExactly("NSG");
    // through node b: the NSG and then the allow-list (source 192.168.0.4) both block
    assertThat(t.paths().get(1).blockers()).extracting(d -> d.kind().name()).containsExactly("NSG", "INGRESS");
    assertThat(t.paths().get(1).blockers().get(1).status()).hasValue(403);
  }

  @Test
  void symbolicReachSplitsSources() {
    FlowSpace q = FlowSpace.where(Field.DST_IP, IpSet.parse("192.168.0.22").get())
        .restrictTo(Field.DST_PORT, PortSet.of(80))
        .restrictTo(Field.SRC_IP, IpSet.all(IpFamily.V4));
    PathTree t = PathSolver.solve(lab(), ElementKey.named("lb"), q);
    ReachSets r = t.reachBySource();
    assertThat(r.always().isEmpty()).isTrue();
    assertThat(r.sometimes()).isEqualTo(IpSet.parse("192.168.1.4").get());
    assertThat(r.never()).isEqualTo(IpSet.all(IpFamily.V4).difference(IpSet.parse("192.168.1.4").get()));
    assertThat(t.verdict(CLIENT).deliveredFraction()).isEqualTo(Weight.of(1, 3));
  }

  @Test
  void classifierIndexAgreesWithLinearScan() {
    Classifier c = Classifier.of("c", "c", "F", List.of(
        Classifier.Rule.of(RuleRef.of("r0"), MatchExprs.port(Field.DST_PORT, PortSet.of(22)),
            Outcome.drop("F", "ssh")),
        Classifier.Rule.of(RuleRef.of("r1"), MatchExprs.ip(Field.SRC_IP, IpSet.parse("10.0.0.0/8").get()),
            Outcome.next("x", "ok"))),
        Outcome.drop("F", "default"));
    Flow f = Flow.tcp("10.1.2.3:5", "1.1.1.1:22");
    assertThat(c.decide(f)).isEqualTo(0).isEqualTo(c.decideLinear(f));
    Flow g = Flow.tcp("10.1.2.3:5", "1.1.1.1:80");
    assertThat(c.decide(g)).isEqualTo(1).isEqualTo(c.decideLinear(g));
    Flow h = Flow.tcp("11.1.2.3:5", "1.1.1.1:80");
    assertThat(c.decide(h)).isEqualTo(-1).isEqualTo(c.decideLinear(h));
  }
}
