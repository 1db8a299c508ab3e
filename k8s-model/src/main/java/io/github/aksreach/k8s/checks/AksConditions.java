package io.github.aksreach.k8s.checks;

import io.github.aksreach.core.check.Check;
import io.github.aksreach.core.check.PolicyCondition;
import io.github.aksreach.core.check.Severity;
import io.github.aksreach.core.check.Violation;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.aks.BackendHealth;
import java.util.Locale;

/**
 * Conditions and check shapes for users' own AKS checks: "every LB backend should be UP", "this flow should be
 * delivered ALWAYS".
 *
 * <pre>{@code
 * Check<CheckContext> up = Checks.all(AksSubjects.backends()).should(AksConditions.beUp());
 * Check<CheckContext> vm = AksConditions.flow(Flow.tcp("192.168.1.4:50326", "192.168.0.22:80"))
 *     .should(Verdict.Kind.ALWAYS).withId("team:vm-reaches-api");
 * vm.evaluate(ctx).assertNoViolations();   // fails with the verdict and every path
 * }</pre>
 */
public final class AksConditions {
  private AksConditions() {}

  /** A backend probed UP; a violation carries the probe's reason and trace. */
  public static PolicyCondition<BackendHealth> beUp() {
    return PolicyCondition.of("be UP", (b, out) -> {
      if (b.state() != BackendHealth.State.UP) {
        Violation v = Violation.of("backend " + b.node().name() + " (" + b.ip() + ") of frontend " + b.frontend()
                + " is " + b.state())
            .withEvidence("probe " + b.probe().map(p -> p.describe()).orElse("none") + ": " + b.reason())
            .withFix("follow the probe's path in the evidence: the NSG, NetworkPolicy or endpoint that fails it");
        out.add(b.verdict().map(x -> v.withTrace(x.paths())).orElse(v));
      }
    });
  }

  /** Starts a check about one concrete flow (with its HTTP host and path, if any). */
  public static FlowExpectation flow(Flow f) {
    return new FlowExpectation(f);
  }

  /**
   * A check shape: one flow should get a given verdict.
   *
   * <pre>{@code
   * AksConditions.flow(Flow.tcp("192.168.1.4:50326", "192.168.0.22:80")).should(Verdict.Kind.ALWAYS);
   * }</pre>
   *
   * @param flow the flow
   */
  public record FlowExpectation(Flow flow) {
    /** The check: the flow's verdict should be {@code expected}; a violation lists every path. */
    public Check<CheckContext> should(Verdict.Kind expected) {
      String sentence = "flows " + flow + " should be delivered " + expected;
      String id = "custom/flow-" + flow.srcIp() + "-" + flow.dstIp() + "-" + flow.dstPort() + "-"
          + expected.name().toLowerCase(Locale.ROOT);
      return Check.define(id, Severity.ERROR, sentence, (ctx, out) -> {
        Verdict v = ctx.analysis().check(flow).verdict();
        if (v.kind() != expected) {
          out.add(Violation.of(flow + " is delivered " + v.kind() + " (" + Support.percent(v.deliveredFraction())
                  + "), not " + expected)
              .withEvidence(Support.describe(v.paths(), flow))
              .withTrace(v.paths())
              .withFix("follow the dropped paths in the evidence"));
        }
      });
    }
  }
}
