package io.github.aksreach.examples.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.check.Check;
import io.github.aksreach.core.check.CheckResult;
import io.github.aksreach.core.check.Checks;
import io.github.aksreach.examples.cli.Main;
import io.github.aksreach.k8s.checks.AksChecks;
import io.github.aksreach.k8s.checks.AksConditions;
import io.github.aksreach.k8s.checks.AksSubjects;
import io.github.aksreach.k8s.checks.CheckContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The built-in checks are fluent checks whose selection may legitimately be empty: on a cluster without an ingress
 * controller, intents, NSGs or NetworkPolicies (corpus scenario {@code public-lb-secure-by-default}) they find
 * nothing and fail nothing, while a user's own fluent check over the same empty subjects still fails loudly.
 */
class EmptySelectionTest {
  static Path scenario() throws Exception {
    return Path.of(EmptySelectionTest.class.getResource("/scenarios/public-lb-secure-by-default").toURI());
  }

  @Test
  void aScenarioWithoutIngressControllersOrIntentsHasNoFindingsAndNoError() throws Exception {
    CheckContext ctx = CheckContext.load(scenario()).get();
    assertThat(AksSubjects.ingressControllers().transform(ctx)).isEmpty();
    assertThat(AksSubjects.intents().transform(ctx)).isEmpty();
    assertThat(AksSubjects.ingressRoutes().transform(ctx)).isEmpty();
    assertThat(AksSubjects.probeDenyRules().transform(ctx)).isEmpty();
    for (Check<CheckContext> c : AksChecks.all()) {
      CheckResult r = c.evaluate(ctx);
      if (c == AksChecks.LOAD_NOTES) {
        // the scenario has no NSG at all: the one note says what that implies (not an empty selection)
        assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f.message()).contains("no NSG was given"));
      } else {
        assertThat(r.findings()).as(c.id() + ": " + r.failureReport()).isEmpty();
      }
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new String[] {"lint", scenario().toString()}, new PrintWriter(out, true),
        new PrintWriter(err, true));
    assertThat(exit).isZero();
    assertThat(out.toString()).contains("0 error(s), 0 warning(s), 1 info, from 33 checks");
    assertThat(err.toString().lines()).singleElement().asString().startsWith("note: ").contains("no NSG was given");
  }

  @Test
  void withoutAllowEmptyTheSameSentenceFailsOnTheEmptySelection() throws Exception {
    CheckContext ctx = CheckContext.load(scenario()).get();
    Check<CheckContext> strict = Checks.all(AksSubjects.ingressControllers())
        .should(AksConditions.runOnMoreThanOneNodeAndZone());
    CheckResult r = strict.evaluate(ctx);
    assertThat(r.findings()).hasSize(1);
    assertThat(r.findings().get(0).message())
        .isEqualTo("no ingress-nginx controllers were found: the check checked nothing");
    assertThat(AksChecks.INGRESS_SINGLE_NODE_OR_ZONE.evaluate(ctx).findings()).isEmpty();
  }
}
