package io.github.aksreach.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aksreach.core.check.Check;
import io.github.aksreach.core.check.CheckSuite;
import io.github.aksreach.core.check.Checks;
import io.github.aksreach.core.check.DescribedPredicate;
import io.github.aksreach.core.check.Severity;
import io.github.aksreach.core.check.Violation;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.examples.lab.LabScenarios;
import io.github.aksreach.k8s.aks.BackendHealth;
import io.github.aksreach.k8s.checks.AksChecks;
import io.github.aksreach.k8s.checks.AksConditions;
import io.github.aksreach.k8s.checks.AksSubjects;
import io.github.aksreach.k8s.checks.CheckContext;
import org.junit.jupiter.api.Test;

/**
 * How a team keeps its own network rules in its JUnit suite: checks as {@code static final} fields, run against the
 * dumped cluster on every build. Here the "cluster" is the article's lab.
 */
class UserWrittenCheckTest {
  /** The team's rules, grouped in a plain class like ArchUnit rules. */
  static final class WeatherTeamRules {
    /** Fluent: every backend of the weather API's load balancer must be in rotation. */
    static final Check<CheckContext> BACKENDS_UP = Checks.all(AksSubjects.backends())
        .that(DescribedPredicate.describe("serve 192.168.0.22", (BackendHealth b) -> b.frontend().toString()
            .equals("192.168.0.22")))
        .should(AksConditions.beUp())
        .because("a DOWN node silently drops its share of the calls")
        .withId("weather:backends-up");

    /** Fluent: the client VM reaches the weather API on every path. */
    static final Check<CheckContext> VM_ALWAYS_REACHES = AksConditions.flow(
            Flow.tcp("192.168.1.4:50326", "192.168.0.22:80").withHttp("demoapi.eyskens.corp", "/weatherforecast"))
        .should(Verdict.Kind.ALWAYS)
        .withId("weather:vm-always-reaches");

    /** A plain lambda for anything else: no node may be reachable on its nodePorts from the VM subnet. */
    static final Check<CheckContext> NO_NODEPORT_FROM_VMS = Check.define("weather:no-nodeport-from-vms",
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

    /** And a built-in check the team adopts as is. */
    static final Check<CheckContext> NO_SNAT_ALLOWLIST = AksChecks.ALLOWLIST_UNDER_CLUSTER_POLICY;
  }

  static CheckContext lab(String step) {
    return CheckContext.load(LabScenarios.directory(step)).get();
  }

  @Test
  void theTeamsRulesPassOnTheFixedSetupAndFailLoudlyOnTheBrokenOne() {
    CheckSuite<CheckContext> rules = CheckSuite.in(WeatherTeamRules.class);
    assertThat(rules.checks()).hasSize(4);

    // step 6 (Local, pinned, restrictive NSGs): all backends that carry traffic are UP? No: under Local the nodes
    // without an ingress pod answer 503, so BACKENDS_UP is about step 4, where every node is UP.
    WeatherTeamRules.VM_ALWAYS_REACHES.evaluate(lab("step6-local-pinned")).assertNoViolations();
    WeatherTeamRules.NO_SNAT_ALLOWLIST.evaluate(lab("step6-local-pinned")).assertNoViolations();
    WeatherTeamRules.NO_NODEPORT_FROM_VMS.evaluate(lab("step6-local-pinned")).assertNoViolations();
    WeatherTeamRules.BACKENDS_UP.evaluate(lab("step4-cluster-nsgs-nodes")).assertNoViolations();

    // step 4: the VM reaches only 1 time in 3, and the failure message says why, path by path
    assertThatThrownBy(() -> rules.assertNoViolations(lab("step4-cluster-nsgs-nodes")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Check 'flows tcp 192.168.1.4:50326 -> 192.168.0.22:80")
        .hasMessageContaining("SOMETIMES")
        .hasMessageContaining("DenyAllCustom");

    // step 3: two backends DOWN
    assertThatThrownBy(() -> WeatherTeamRules.BACKENDS_UP.evaluate(lab("step3-cluster-nsgs")).assertNoViolations())
        .hasMessageStartingWith("Check 'load-balancer backends that serve 192.168.0.22 should be UP, because a DOWN "
            + "node silently drops its share of the calls' was violated (2 times)");
  }
}
