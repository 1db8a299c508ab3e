package com.example.aksreach;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aksreach.core.check.Check;
import io.github.aksreach.core.check.Severity;
import io.github.aksreach.core.check.Violation;
import io.github.aksreach.core.model.Destination;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.core.solver.ReachSets;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.examples.lab.LabScenarios;
import io.github.aksreach.k8s.checks.AksConditions;
import io.github.aksreach.k8s.checks.CheckContext;
import io.github.aksreach.k8s.cluster.L7;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.nsg.model.Access;
import io.github.aksreach.nsg.model.AddressSpec;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NsgProtocol;
import io.github.aksreach.nsg.model.Priority;
import io.github.aksreach.nsg.model.SecurityRule;
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

  /** A plain lambda, exact over every address: of the VM subnet, only the client VM reaches the weather API. */
  static final Check<CheckContext> ONLY_THE_CLIENT_VM = Check.define("team:only-the-client-vm", Severity.ERROR,
      "of the VM subnet 192.168.1.0/24 only 192.168.1.4 should reach 192.168.0.22:80", (ctx, out) -> {
        ReachSets sets = ctx.analysis().reach(Destination.parse("192.168.0.22:80/tcp").get(), L7.none(),
            IpSet.parse("192.168.1.0/24").get()).sets();
        IpSet others = sets.always().union(sets.sometimes()).difference(IpSet.parse("192.168.1.4/32").get());
        if (!others.isEmpty()) {
          out.add(Violation.of(others.toCidrs() + " also reach 192.168.0.22:80")
              .withFix("allow only 192.168.1.4/32 in the NSG rules in front of the ingress"));
        }
      });

  private static CheckContext lab(String step) {
    return CheckContext.load(LabScenarios.directory(step)).orElseThrow();
  }

  @Test
  void theRulesHoldOnTheFixedSetup() {
    CheckContext step6 = lab("step6-local-pinned");
    VM_ALWAYS_REACHES.evaluate(step6).assertNoViolations();
    ONLY_THE_CLIENT_VM.evaluate(step6).assertNoViolations();
  }

  /** On step 4 the VM gets 1 request in 3, and the failure says why, path by path. */
  @Test
  void theRulesFailLoudlyOnTheBrokenSetup() {
    assertThatThrownBy(() -> VM_ALWAYS_REACHES.evaluate(lab("step4-cluster-nsgs-nodes")).assertNoViolations())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("SOMETIMES")
        .hasMessageContaining("DenyAllCustom");
  }

  /** A change someone proposes, checked before it is made: opening nsg-ingress to the whole VM subnet is caught. */
  @Test
  void theRulesCatchAProposedChange() {
    SecurityRule vmSubnet = SecurityRule.builder().name("AllowVmSubnetToLb").priority(Priority.of(105))
        .direction(Direction.INBOUND).access(Access.ALLOW).protocol(NsgProtocol.TCP)
        .source(AddressSpec.prefixes(IpPrefix.of("192.168.1.0/24"))).destinationPorts(PortSet.of(80)).build();
    var proposed = lab("step6-local-pinned").analysis().whatIf(s -> s.withNsgRule("nsg-ingress", vmSubnet))
        .orElseThrow();
    assertThatThrownBy(() -> ONLY_THE_CLIENT_VM.evaluate(CheckContext.of(proposed, java.util.Optional.empty()))
        .assertNoViolations())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("[192.168.1.0/30, 192.168.1.5/32, 192.168.1.6/31, 192.168.1.8/29");
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
