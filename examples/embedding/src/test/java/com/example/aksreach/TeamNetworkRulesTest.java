package com.example.aksreach;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aksreach.core.check.Check;
import io.github.aksreach.core.check.Severity;
import io.github.aksreach.core.check.Violation;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.examples.lab.LabScenarios;
import io.github.aksreach.k8s.checks.AksConditions;
import io.github.aksreach.k8s.checks.CheckContext;
import io.github.aksreach.k8s.model.TrafficPolicy;
import org.junit.jupiter.api.Test;

/**
 * The team's own network rules as a JUnit test, run against the dump on every build: written with the checks API
 * ({@code io.github.aksreach.core.check}), like ArchUnit rules.
 */
class TeamNetworkRulesTest {
  /** The client VM reaches the weather API on every path. */
  static final Check<CheckContext> VM_ALWAYS_REACHES = AksConditions.flow(
          Flow.tcp("192.168.1.4:50326", "192.168.0.22:80").withHttp("demoapi.eyskens.corp", "/weatherforecast"))
      .should(Verdict.Kind.ALWAYS)
      .withId("team:vm-always-reaches");

  /** No node port answers the VM subnet: only the load balancer's frontend is for clients. */
  static final Check<CheckContext> NO_NODE_PORT_FROM_VMS = Check.define("team:no-node-port-from-vms",
      Severity.WARNING, "the VM subnet should not reach nodePort 31880 on any node", (ctx, out) -> {
        for (var n : ctx.scenario().kubernetes().nodes()) {
          Flow f = Flow.tcp("192.168.1.4:50000", n.primaryInternalIp().orElseThrow() + ":31880");
          Verdict v = ctx.analysis().check(f).verdict();
          if (v.kind() != Verdict.Kind.NEVER) {
            out.add(Violation.of("192.168.1.4 reaches " + n.name() + ":31880 (" + v.kind() + ")")
                .withFix("deny 30000-32767 from the VM subnet in the node subnets' NSGs")
                .at(ctx.location(n)));
          }
        }
      });

  private static CheckContext lab(String step) {
    return CheckContext.load(LabScenarios.directory(step)).orElseThrow();
  }

  @Test
  void theRulesHoldOnTheFixedSetup() {
    CheckContext step6 = lab("step6-local-pinned");
    VM_ALWAYS_REACHES.evaluate(step6).assertNoViolations();
    NO_NODE_PORT_FROM_VMS.evaluate(step6).assertNoViolations();
  }

  /** On step 4 the VM gets 1 request in 3, and the failure says why, path by path. */
  @Test
  void theRulesFailLoudlyOnTheBrokenSetup() {
    assertThatThrownBy(() -> VM_ALWAYS_REACHES.evaluate(lab("step4-cluster-nsgs-nodes")).assertNoViolations())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("SOMETIMES")
        .hasMessageContaining("DenyAllCustom");
  }

  /** The same rule, asked of a what-if before the change is made: step 4 switched to Local passes. */
  @Test
  void theRuleHoldsOnTheWhatIfBeforeTheChangeIsMade() {
    CheckContext step4 = lab("step4-cluster-nsgs-nodes");
    var local = step4.analysis().whatIf(s -> s.withExternalTrafficPolicy("ingress", "ingress-nginx-controller",
        TrafficPolicy.LOCAL)).orElseThrow();
    VM_ALWAYS_REACHES.evaluate(CheckContext.of(local, java.util.Optional.empty())).assertNoViolations();
  }
}
