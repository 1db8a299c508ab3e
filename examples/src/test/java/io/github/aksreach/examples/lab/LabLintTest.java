package io.github.aksreach.examples.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.check.Finding;
import io.github.aksreach.core.check.Severity;
import io.github.aksreach.k8s.checks.AksChecks;
import io.github.aksreach.k8s.checks.CheckContext;
import io.github.aksreach.k8s.checks.LeastPrivilege;
import io.github.aksreach.k8s.checks.LintReport;
import io.github.aksreach.k8s.aks.Openings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code aksreach lint} on the lab tells the article's story: SNAT breaks the allow-list (step 2), restrictive NSGs
 * hold the forwarded probes DOWN (step 3), the client reaches only through one subnet in three (step 4), Cluster
 * needs lateral openings that Local does not (step 5), Local fixes the allow-list (step 6), unpinned replicas bring
 * the problem back (step 7).
 */
class LabLintTest {
  private static final Map<String, LintReport> REPORTS = new ConcurrentHashMap<>();

  static LintReport lint(String step) {
    return REPORTS.computeIfAbsent(step, s -> LintReport.run(CheckContext.load(LabScenarios.directory(s)).get(),
        AksChecks.all()));
  }

  static Set<String> ids(String step, Severity atLeast) {
    return lint(step).findings(atLeast).stream().map(Finding::checkId).collect(Collectors.toSet());
  }

  static List<Finding> findings(String step, String id) {
    return lint(step).findings().stream().filter(f -> f.checkId().equals(id)).collect(Collectors.toList());
  }

  @Test
  void step1NoControlsEveryoneReachesAndClusterForcesLateralOpenings() {
    assertThat(ids("step1-cluster-open", Severity.INFO)).contains("intent-denied-reaches",
        "cluster-policy-lateral-openings", "internal-lb-without-source-ranges", "ingress-single-node-or-zone");
  }

  @Test
  void step2TheAllowListSeesSnatAddressesAndTheClientGets403() {
    assertThat(ids("step2-cluster-allowlist", Severity.ERROR)).containsExactlyInAnyOrder(
        "allowlist-under-cluster-policy", "intent-allowed-not-always");
    Finding f = findings("step2-cluster-allowlist", "allowlist-under-cluster-policy").get(0);
    assertThat(f.message()).contains("192.168.0.4", "10.244.2.1", "192.168.0.36", "403");
    assertThat(f.location().orElseThrow().file()).isEqualTo("k8s/ingress.yaml");
  }

  @Test
  void step3ForwardedProbesAreDeniedSoTheSystemAndUserNodesAreDown() {
    assertThat(ids("step3-cluster-nsgs", Severity.ERROR)).contains("backend-down-by-policy",
        "custom-deny-blocks-probes").doesNotContain("intent-allowed-not-always");
    assertThat(findings("step3-cluster-nsgs", "backend-down-by-policy")).extracting(Finding::message)
        .anyMatch(m -> m.contains("aks-nodepool1-41831646-vmss000001") && m.contains("DenyAllCustom"))
        .anyMatch(m -> m.contains("aks-user-28786594-vmss000001"));
    assertThat(findings("step3-cluster-nsgs", "custom-deny-blocks-probes").get(0).location().orElseThrow().path())
        .isEqualTo("$[2].securityRules[3]");
  }

  @Test
  void step4AllNodesUpButTheClientIsAdmittedInOneSubnetOfThree() {
    assertThat(ids("step4-cluster-nsgs-nodes", Severity.ERROR)).contains("client-admitted-in-some-subnets",
        "intent-allowed-not-always").doesNotContain("backend-down-by-policy");
    assertThat(findings("step4-cluster-nsgs-nodes", "intent-allowed-not-always").get(0).message())
        .contains("SOMETIMES from 192.168.1.4/32");
  }

  @Test
  void step5ClusterNeedsLateralOpeningsLocalDoesNot() {
    CheckContext ctx = CheckContext.load(LabScenarios.directory("step4-cluster-nsgs-nodes")).get();
    LeastPrivilege.Comparison c = LeastPrivilege.compare(ctx, ctx.scenario().config().intents().get(0));
    assertThat(c.cluster().count(Openings.Category.NODE_TO_NODE)).isGreaterThanOrEqualTo(4);
    assertThat(c.cluster().clientSubnets()).isEqualTo(3);
    assertThat(c.local().count(Openings.Category.NODE_TO_NODE)).isZero();
    assertThat(c.local().clientSubnets()).isEqualTo(1);
    assertThat(c.local().required().size()).isLessThan(c.cluster().required().size());
    assertThat(findings("step4-cluster-nsgs-nodes", "nsg-least-privilege").get(0).evidence().text())
        .contains("Cluster: ").contains("Local: ");
  }

  @Test
  void step6LocalPinnedHasNoErrors() {
    assertThat(ids("step6-local-pinned", Severity.ERROR)).isEmpty();
    assertThat(ids("step6-local-pinned", Severity.INFO)).doesNotContain("cluster-policy-lateral-openings",
        "allowlist-under-cluster-policy", "ingress-pods-not-pinned");
  }

  @Test
  void step7UnpinnedReplicasBringClientsIntoDenyingSubnets() {
    assertThat(ids("step7-local-spread", Severity.INFO)).contains("ingress-pods-not-pinned",
        "client-admitted-in-some-subnets", "intent-allowed-not-always");
    assertThat(lint("step7-local-spread").findings()).noneMatch(f -> f.message().contains("could not be evaluated"));
  }
}
