package io.github.aksreach.core.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The check API on a toy subject: fluent and lambda checks, sentences, allowEmpty, failure messages, suites. */
class CheckApiTest {
  record Backend(String name, boolean up, int port) {}

  record Network(List<Backend> backends) {}

  static final SubjectTransformer<Network, Backend> BACKENDS =
      SubjectTransformer.of("load-balancer backends", Network::backends);

  static final PolicyCondition<Backend> BE_UP = PolicyCondition.fromPredicate("be UP", Backend::up,
      b -> "backend " + b.name() + " is DOWN");

  static final DescribedPredicate<Backend> ON_443 = DescribedPredicate.describe("serve port 443", b -> b.port() == 443);

  static final Network NET = new Network(List.of(new Backend("a", true, 443), new Backend("b", false, 443),
      new Backend("c", false, 80)));

  @Test
  void fluentCheckReadsAsASentenceAndReportsEveryViolation() {
    Checks.ItemsCheck<Network, Backend> rule = Checks.all(BACKENDS).that(ON_443).should(BE_UP)
        .because("a DOWN backend drops a share of the traffic");
    assertThat(rule.description()).isEqualTo(
        "load-balancer backends that serve port 443 should be UP, because a DOWN backend drops a share of the traffic");
    assertThat(rule.id()).startsWith("custom/load-balancer-backends-that-serve-port-443");
    assertThat(rule.severity()).isEqualTo(Severity.ERROR);
    CheckResult r = rule.evaluate(NET);
    assertThat(r.findings()).extracting(Finding::message).containsExactly("backend b is DOWN");
    assertThat(r.findings().get(0).checkId()).isEqualTo(rule.id());
  }

  @Test
  void assertNoViolationsFailsWithTheSentenceThenEveryFinding() {
    Check<Network> rule = Checks.all(BACKENDS).should(BE_UP.and(PolicyCondition.fromPredicate("serve 443",
            b -> b.port() == 443, b -> "backend " + b.name() + " serves " + b.port())))
        .withId("team:backends").withSeverity(Severity.WARNING);
    assertThatThrownBy(() -> rule.evaluate(NET).assertNoViolations())
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Check 'load-balancer backends should be UP and serve 443' was violated (3 times) "
            + "[team:backends, WARNING]:")
        .hasMessageContaining("backend b is DOWN")
        .hasMessageContaining("backend c is DOWN")
        .hasMessageContaining("backend c serves 80");
  }

  @Test
  void anEmptySelectionFailsLoudlyUnlessAllowed() {
    DescribedPredicate<Backend> on8443 = DescribedPredicate.describe("serve port 8443", b -> b.port() == 8443);
    CheckResult r = Checks.all(BACKENDS).that(on8443).should(BE_UP).evaluate(NET);
    assertThat(r.findings()).hasSize(1);
    assertThat(r.findings().get(0).message())
        .isEqualTo("no load-balancer backends that serve port 8443 were found: the check checked nothing");
    assertThat(Checks.all(BACKENDS).that(on8443).should(BE_UP).allowEmpty(true).evaluate(NET).hasFindings()).isFalse();
  }

  @Test
  void orReportsOnlyItemsViolatingBoth() {
    PolicyCondition<Backend> on80 = PolicyCondition.fromPredicate("serve 80", b -> b.port() == 80,
        b -> b.name() + " not on 80");
    CheckResult r = Checks.all(BACKENDS).should(BE_UP.or(on80)).evaluate(NET);
    assertThat(r.findings()).extracting(Finding::message).containsExactly("backend b is DOWN", "b not on 80");
  }

  @Test
  void lambdaChecksCarryEvidenceFixAndLocation() {
    Check<Network> rule = Check.define("team:no-down", Severity.ERROR, "no backend should be DOWN", (net, out) -> {
      for (Backend b : net.backends()) {
        if (!b.up()) {
          out.add(Violation.of(b.name() + " is DOWN").withEvidence("probe failed").withFix("open the probe port")
              .at(Location.of("k8s/services.yaml", "items[2]").atLine(40)));
        }
      }
    });
    CheckResult r = rule.evaluate(NET);
    assertThat(r.findings()).hasSize(2);
    Finding f = r.findings().get(0);
    assertThat(f.evidence().text()).isEqualTo("probe failed");
    assertThat(f.fix()).isEqualTo("open the probe port");
    assertThat(f.location()).hasValueSatisfying(l -> assertThat(l.toString())
        .isEqualTo("k8s/services.yaml:40 (items[2])"));
    assertThat(r.failureReport()).contains("evidence: probe failed", "fix: open the probe port",
        "at: k8s/services.yaml:40 (items[2])");
    assertThat(rule.because("x").description()).isEqualTo("no backend should be DOWN, because x");
  }

  @Test
  void aThrowingCheckBecomesAnErrorFinding() {
    Check<Network> broken = Check.define("team:broken", Severity.INFO, "never throws", (net, out) -> {
      throw new IllegalStateException("boom");
    });
    CheckResult r = broken.evaluate(NET);
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(f.message()).contains("could not be evaluated").contains("boom");
    });
  }

  @Test
  void incompleteInputIsNotReportedAsABug() {
    Check<Network> blind = Check.define("team:blind", Severity.INFO, "needs every tag", (net, out) -> {
      throw new io.github.aksreach.core.model.InvalidModelException("unknown service tag 'AzureFrontDoor.Backend'");
    });
    assertThat(blind.evaluate(NET).findings()).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(f.message()).contains("incomplete or inconsistent").contains("AzureFrontDoor.Backend");
      assertThat(f.fix()).doesNotContain("bug");
    });
  }

  static final class TeamRules {
    static final Check<Network> UP = Checks.all(BACKENDS).should(BE_UP).withId("team:up");
    static final Check<Object> ALWAYS_FINE = Check.define("team:fine", Severity.INFO, "is fine", (s, out) -> { });
    static final String NOT_A_CHECK = "ignored";
  }

  @Test
  void suitesCollectStaticFinalChecksOfAClass() {
    CheckSuite<Network> suite = CheckSuite.in(TeamRules.class);
    assertThat(suite.checks()).extracting(Check::id).containsExactly("team:up", "team:fine");
    assertThat(suite.evaluate(NET)).extracting(CheckResult::hasFindings).containsExactly(true, false);
    assertThatThrownBy(() -> suite.assertNoViolations(NET)).hasMessageContaining("team:up")
        .hasMessageNotContaining("team:fine");
    suite.assertNoViolations(new Network(List.of(new Backend("x", true, 1))));
  }

  @Test
  void severitiesAreOrderedAndParsed() {
    assertThat(Severity.ERROR.isAtLeast(Severity.WARNING)).isTrue();
    assertThat(Severity.INFO.isAtLeast(Severity.WARNING)).isFalse();
    assertThat(Severity.parse("Warning")).contains(Severity.WARNING);
    assertThat(Severity.parse("fatal")).isEmpty();
  }
}
