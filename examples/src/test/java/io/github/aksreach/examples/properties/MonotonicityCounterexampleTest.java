package io.github.aksreach.examples.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.core.solver.Weight;
import io.github.aksreach.examples.lab.LabScenarios;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.aks.BackendHealth;
import org.junit.jupiter.api.Test;

/**
 * Why {@link EndToEndProperties#nsgRulesAreMonotoneUnderFixedHealth} fixes the health: with health derived from the
 * probes, adding one NSG Allow rule can lower a verdict. The lab's step 4 is step 3 plus the single Allow rule
 * {@code AllowNodesToIngress}; it brings the system and user nodes UP, and client flows through them are denied by
 * their own subnets' NSGs: ALWAYS becomes SOMETIMES (1 of 3). Health itself and the transient (all UP) fraction
 * move the right way.
 */
class MonotonicityCounterexampleTest {
  private static final Flow FLOW = Flow.of(io.github.aksreach.core.model.Protocol.TCP,
      io.github.aksreach.core.model.IpAddress.of("192.168.1.4"), 50326,
      io.github.aksreach.core.model.IpAddress.of("192.168.0.22"), 80).withHttp("demoapi.eyskens.corp",
      "/weatherforecast");

  private static AksReachability step(String name, boolean transientHealth) {
    return AksReachability.load(LabScenarios.directory(name), AksOptions.defaults().withTransientHealth(transientHealth))
        .get();
  }

  @Test
  void anAllowRuleLowersTheVerdictWhenHealthIsDerived() {
    Verdict before = step("step3-cluster-nsgs", false).check(FLOW).verdict();
    Verdict after = step("step4-cluster-nsgs-nodes", false).check(FLOW).verdict();
    assertThat(before.kind()).isEqualTo(Verdict.Kind.ALWAYS);
    assertThat(after.kind()).isEqualTo(Verdict.Kind.SOMETIMES);
    assertThat(after.deliveredFraction()).isEqualTo(Weight.of(1, 3));
  }

  @Test
  void healthAndTheTransientFractionAreMonotone() {
    AksReachability s3 = step("step3-cluster-nsgs", false);
    AksReachability s4 = step("step4-cluster-nsgs-nodes", false);
    for (BackendHealth b : s3.health().backends()) {
      BackendHealth.State now = s4.health().state(b.node().name()).orElseThrow();
      assertThat(now.ordinal() == b.state().ordinal() || now == BackendHealth.State.UP).as(b.node().name()).isTrue();
    }
    assertThat(s3.health().backends()).anyMatch(b -> b.state() == BackendHealth.State.DOWN);
    assertThat(s4.health().backends()).allMatch(b -> b.state() == BackendHealth.State.UP);
    Weight t3 = step("step3-cluster-nsgs", true).check(FLOW).verdict().deliveredFraction();
    Weight t4 = step("step4-cluster-nsgs-nodes", true).check(FLOW).verdict().deliveredFraction();
    assertThat(t4).isGreaterThanOrEqualTo(t3);
  }
}
