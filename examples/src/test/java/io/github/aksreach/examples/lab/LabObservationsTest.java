package io.github.aksreach.examples.lab;

import io.github.aksreach.k8s.trace.AksHopKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.solver.DropInfo;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.RuleRef;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.core.solver.Weight;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.aks.BackendHealth;
import io.github.aksreach.k8s.aks.FlowLogExplanation;
import io.github.aksreach.k8s.aks.FlowLogTuple;
import io.github.aksreach.k8s.aks.Openings;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The article's seven observations, asserted on the domain answers (not only on the lab's summary). */
class LabObservationsTest {
  private static final IpAddress CLIENT = IpAddress.of("192.168.1.4");

  private static Map<String, PathResult> byBackend(Verdict v) {
    return v.paths().stream().collect(Collectors.toMap(p -> Lab.backend(p).split(" ")[1], Function.identity()));
  }

  @Test
  void step1ClusterDeliversButNginxNeverSeesTheClient() {
    Verdict v = Lab.analysis("step1-cluster-open").check(Lab.CLIENT_FLOW).verdict();
    assertThat(v.kind()).isEqualTo(Verdict.Kind.ALWAYS);
    assertThat(v.paths()).hasSize(3).allMatch(PathResult::delivered);
    Map<String, PathResult> paths = byBackend(v);
    assertThat(Lab.nginxSaw(paths.get(Lab.INGRESS_NODE), Lab.CLIENT_FLOW)).contains(IpAddress.of("10.244.2.1"));
    assertThat(Lab.nginxSaw(paths.get(Lab.SYSTEM_NODE), Lab.CLIENT_FLOW)).contains(IpAddress.of("192.168.0.4"));
    assertThat(Lab.nginxSaw(paths.get(Lab.USER_NODE), Lab.CLIENT_FLOW)).contains(IpAddress.of("192.168.0.36"));
    // the backend pod sees the NGINX pod's address
    assertThat(paths.get(Lab.SYSTEM_NODE).deliveredTo()).hasValueSatisfying(d -> assertThat(d.label()).contains("10.244.1.5"));
  }

  @Test
  void step2AllowListUnderClusterIs403OnEveryPath() {
    Verdict v = Lab.analysis("step2-cluster-allowlist").check(Lab.CLIENT_FLOW).verdict();
    assertThat(v.kind()).isEqualTo(Verdict.Kind.NEVER);
    assertThat(v.paths()).hasSize(3).allSatisfy(p -> {
      DropInfo d = p.drop().orElseThrow();
      assertThat(d.kind()).isEqualTo(AksHopKind.INGRESS);
      assertThat(d.status()).hasValue(403);
      assertThat(Lab.nginxSaw(p, Lab.CLIENT_FLOW)).isPresent().get().isNotEqualTo(CLIENT);
    });
  }

  @Test
  void step3ForwardedProbesAreDeniedSoOnlyTheIngressNodeIsUp() {
    AksReachability a = Lab.analysis("step3-cluster-nsgs");
    assertThat(a.health().state(Lab.SYSTEM_NODE)).contains(BackendHealth.State.DOWN);
    assertThat(a.health().state(Lab.USER_NODE)).contains(BackendHealth.State.DOWN);
    assertThat(a.health().state(Lab.INGRESS_NODE)).contains(BackendHealth.State.UP);
    BackendHealth system = a.health().backends().stream().filter(b -> b.node().name().equals(Lab.SYSTEM_NODE))
        .findFirst().orElseThrow();
    DropInfo probeDrop = system.verdict().orElseThrow().paths().get(0).drop().orElseThrow();
    assertThat(probeDrop.label()).startsWith("nsg-ingress");
    assertThat(probeDrop.rule()).contains(RuleRef.of("DenyAllCustom", 4000));
    assertThat(system.reason()).contains("192.168.0.4").contains("10.244.2.2:80");

    Verdict steady = a.check(Lab.CLIENT_FLOW).verdict();
    assertThat(steady.kind()).isEqualTo(Verdict.Kind.ALWAYS);
    assertThat(steady.paths()).singleElement().satisfies(p -> assertThat(Lab.backend(p)).contains(Lab.INGRESS_NODE));

    Verdict before = AksReachability.of(a.network().scenario(), AksOptions.defaults().withTransientHealth(true))
        .check(Lab.CLIENT_FLOW).verdict();
    assertThat(before.kind()).isEqualTo(Verdict.Kind.SOMETIMES);
    assertThat(before.deliveredFraction()).isEqualTo(Weight.of(1, 3));
  }

  @Test
  void step4AllUpButOneInThreeAndTheFlowLogTupleIsTheUserSubnetPath() {
    AksReachability a = Lab.analysis("step4-cluster-nsgs-nodes");
    assertThat(a.health().backends()).hasSize(3).allMatch(b -> b.state() == BackendHealth.State.UP);
    Verdict v = a.check(Lab.CLIENT_FLOW).verdict();
    assertThat(v.kind()).isEqualTo(Verdict.Kind.SOMETIMES);
    assertThat(v.deliveredFraction()).isEqualTo(Weight.of(1, 3));
    Map<String, PathResult> paths = byBackend(v);
    assertThat(paths.get(Lab.INGRESS_NODE).delivered()).isTrue();
    assertThat(paths.get(Lab.SYSTEM_NODE).drop().orElseThrow().label()).isEqualTo("nsg-system (subnet system)");
    PathResult user = paths.get(Lab.USER_NODE);
    assertThat(user.drop().orElseThrow().label()).isEqualTo("nsg-user (subnet user)");
    assertThat(user.drop().orElseThrow().rule()).contains(RuleRef.of("DenyAllCustom", 4000));

    FlowLogTuple t = FlowLogTuple.parse(Lab.FLOW_LOG_TUPLE).get();
    assertThat(t.flow()).isEqualTo(io.github.aksreach.core.model.Flow.tcp("192.168.1.4:50326", "192.168.0.22:80"));
    FlowLogExplanation e = Lab.explainTuple(a, "nsg-user");
    assertThat(e.finding()).isEqualTo(FlowLogExplanation.Finding.EXPLAINED);
    assertThat(e.matches()).singleElement().satisfies(m -> {
      assertThat(m.denied()).isTrue();
      assertThat(m.rule()).contains(RuleRef.of("DenyAllCustom", 4000));
      assertThat(m.via().orElseThrow().decision()).contains(Lab.USER_NODE);
    });
    // the same flow through the system node is denied by nsg-system, which would log it under its own name
    FlowLogExplanation system = Lab.explainTuple(a, "nsg-system");
    assertThat(system.finding()).isEqualTo(FlowLogExplanation.Finding.EXPLAINED);
    assertThat(system.matches()).singleElement().satisfies(m -> assertThat(m.via().orElseThrow().decision())
        .contains(Lab.SYSTEM_NODE));
    // nsg-ingress never denies it: a deny logged there contradicts the model
    assertThat(Lab.explainTuple(a, "nsg-ingress").finding()).isEqualTo(FlowLogExplanation.Finding.CONTRADICTED);
  }

  /** One analysis traced for several flows gives each flow's openings as a fresh analysis does, in order. */
  @Test
  void openingsOnOneAnalysisAreTheOpeningsOfFreshOnes() {
    for (String step : List.of("step4-cluster-nsgs-nodes", "step6-local-pinned", "step7-local-spread")) {
      var s = Lab.scenario(step);
      AksReachability open = AksReachability.of(s, Openings.assumingOpenNsgs(AksOptions.defaults()));
      for (io.github.aksreach.core.model.Flow f : List.of(Lab.CLIENT_FLOW, Lab.CLIENT_FLOW.withSrc(
          IpAddress.of("192.168.1.5"), 1024))) {
        assertThat(Openings.required(open, f)).as(step).isEqualTo(Openings.required(s, AksOptions.defaults(), f))
            .isNotEmpty();
      }
    }
    AksReachability asIs = AksReachability.of(Lab.scenario("step4-cluster-nsgs-nodes"), AksOptions.defaults());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Openings.required(asIs, Lab.CLIENT_FLOW))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void step5ClusterNeedsLateralOpeningsLocalDoesNot() {
    List<Openings.Opening> cluster = Openings.required(Lab.scenario("step4-cluster-nsgs-nodes"),
        AksOptions.defaults(), Lab.CLIENT_FLOW);
    List<Openings.Opening> local = Openings.required(Lab.scenario("step6-local-pinned"), AksOptions.defaults(),
        Lab.CLIENT_FLOW);
    assertThat(cluster).filteredOn(o -> o.category() == Openings.Category.NODE_TO_NODE && o.inbound()
        && o.nsg().nsgName().orElseThrow().equals("nsg-ingress")).extracting(o -> o.flow().srcIp())
        .containsExactlyInAnyOrder(IpAddress.of("192.168.0.4"), IpAddress.of("192.168.0.36"));
    assertThat(cluster).filteredOn(o -> o.category() == Openings.Category.CLIENT && o.nsg().onSubnet())
        .extracting(o -> o.nsg().label())
        .containsExactlyInAnyOrder("nsg-system (subnet system)", "nsg-ingress (subnet ingress)",
            "nsg-user (subnet user)");
    assertThat(cluster).filteredOn(o -> !o.open()).extracting(o -> o.nsg().label())
        .containsExactlyInAnyOrder("nsg-system (subnet system)", "nsg-user (subnet user)");
    assertThat(local).noneMatch(o -> o.category() == Openings.Category.NODE_TO_NODE);
    assertThat(local).filteredOn(o -> o.category() == Openings.Category.CLIENT && o.nsg().onSubnet())
        .extracting(o -> o.nsg().label()).containsExactly("nsg-ingress (subnet ingress)");
    assertThat(local).allMatch(Openings.Opening::open);
  }

  @Test
  void step6LocalPinnedKeepsTheClientAddress() {
    AksReachability a = Lab.analysis("step6-local-pinned");
    assertThat(a.health().state(Lab.INGRESS_NODE)).contains(BackendHealth.State.UP);
    assertThat(a.health().state(Lab.SYSTEM_NODE)).contains(BackendHealth.State.DOWN);
    assertThat(a.health().state(Lab.USER_NODE)).contains(BackendHealth.State.DOWN);
    assertThat(a.health().backends()).allSatisfy(b -> assertThat(b.probe().orElseThrow().describe())
        .isEqualTo("Http 31049 /healthz"));
    assertThat(a.health().backends()).filteredOn(b -> b.node().name().equals(Lab.INGRESS_NODE))
        .singleElement().satisfies(b -> assertThat(b.reason()).contains("200").contains("\"localEndpoints\": 1"));
    assertThat(a.health().backends()).filteredOn(b -> b.node().name().equals(Lab.USER_NODE))
        .singleElement().satisfies(b -> assertThat(b.reason()).contains("503").contains("\"localEndpoints\": 0"));
    Verdict v = a.check(Lab.CLIENT_FLOW).verdict();
    assertThat(v.kind()).isEqualTo(Verdict.Kind.ALWAYS);
    assertThat(v.paths()).singleElement().satisfies(p -> {
      assertThat(p.delivered()).isTrue();
      assertThat(Lab.nginxSaw(p, Lab.CLIENT_FLOW)).contains(CLIENT);
    });
  }

  @Test
  void step7SpreadReplicasBringBackDeniedSubnets() {
    AksReachability a = Lab.analysis("step7-local-spread");
    assertThat(a.health().backends()).hasSize(3).allMatch(b -> b.state() == BackendHealth.State.UP);
    Verdict v = a.check(Lab.CLIENT_FLOW).verdict();
    assertThat(v.kind()).isEqualTo(Verdict.Kind.SOMETIMES);
    assertThat(v.deliveredFraction()).isEqualTo(Weight.of(1, 3));
    assertThat(Lab.unpinnedIngressPods(a)).singleElement().asString().contains("not pinned to the ingress pool");
    assertThat(Lab.unpinnedIngressPods(Lab.analysis("step6-local-pinned"))).isEmpty();
    assertThat(Lab.trafficShare(a, "Local")).hasSize(3).allMatch(s -> s.contains("33.33%"));
  }

  @Test
  void everyObservationReproduces() {
    assertThat(Lab.all()).extracting(Lab.Observation::reproduced).containsOnly(true).hasSize(Lab.STEPS);
  }
}
