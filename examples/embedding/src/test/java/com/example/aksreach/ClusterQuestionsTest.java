package com.example.aksreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aksreach.core.model.InvalidInputException;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.core.solver.Weight;
import io.github.aksreach.examples.lab.LabScenarios;
import io.github.aksreach.k8s.aks.ScenarioDiff;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The team's questions, asked of the article's lab (step 4: restrictive NSGs, externalTrafficPolicy Cluster). */
class ClusterQuestionsTest {
  private static final ClusterQuestions LAB = ClusterQuestions.load(
      LabScenarios.directory("step4-cluster-nsgs-nodes")).orElseThrow();

  @Test
  void theClientVmGetsOneRequestInThree() {
    Verdict v = LAB.check("192.168.1.4:50326", "192.168.0.22:80", "demoapi.eyskens.corp", "/weatherforecast");
    assertThat(v.kind()).isEqualTo(Verdict.Kind.SOMETIMES);
    assertThat(v.deliveredFraction()).isEqualTo(Weight.of(1, 3));
  }

  @Test
  void whoAlwaysReachesIsExact() {
    assertThat(LAB.alwaysReach("192.168.0.22:80/tcp")).extracting(IpPrefix::toString).containsExactly(
        "10.244.0.0/16", "168.63.129.16/32", "192.168.0.4/32", "192.168.0.20/32", "192.168.0.36/32");
  }

  /**
   * The lab's step 6 in one question: under Local the load balancer sends every request to the ingress node, so the
   * client and the rest of the node subnets (admitted there by step 4's node-to-node opening) go from 1 path in 3 to
   * every path; nobody loses, and the nodes without an ingress pod leave the rotation.
   */
  @Test
  void switchingTheIngressToLocalFixesTheClient() {
    ScenarioDiff d = LAB.whatIfLocal("ingress", "ingress-nginx-controller").orElseThrow();
    Map<String, String> changes = new TreeMap<>();
    d.reach().forEach(c -> changes.put(c.before() + "->" + c.after(), c.sources().toCidrs().toString()));
    assertThat(changes).containsOnlyKeys("SOMETIMES->ALWAYS");
    assertThat(changes.get("SOMETIMES->ALWAYS")).isEqualTo("[192.168.0.0/30, 192.168.0.5/32, 192.168.0.6/31, "
        + "192.168.0.8/29, 192.168.0.32/30, 192.168.0.37/32, 192.168.0.38/31, 192.168.0.40/29, 192.168.1.4/32]");
    assertThat(d.health()).anyMatch(h -> h.node().equals("aks-user-28786594-vmss000001")
        && h.after().orElseThrow().state().name().equals("DOWN"));
  }

  @Test
  void aQuestionAboutAServiceThatIsNotThereIsAnErrorValue() {
    Validated<ScenarioDiff> d = LAB.whatIfLocal("default", "no-such-service");
    assertThat(d.isInvalid()).isTrue();
    assertThat(d.getError().head().toString())
        .isEqualTo("what-if: withExternalTrafficPolicy(default/no-such-service, Local): no Service "
            + "default/no-such-service in the scenario");
  }

  @Test
  void aDirectoryThatIsNoDumpIsRefusedWithEveryReason(@TempDir Path empty) {
    Validated<ClusterQuestions> q = ClusterQuestions.load(empty);
    assertThat(q.isInvalid()).isTrue();
    assertThatThrownBy(q::orElseThrow).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not a scenario");
  }

  @Test
  void mainPrintsTheThreeAnswers() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.out;
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      ClusterQuestions.main(new String[0]);
    } finally {
      System.setOut(saved);
    }
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("check: SOMETIMES 1/3\n")
        .contains("always reach 192.168.0.22:80/tcp: [10.244.0.0/16,")
        .contains("192.168.1.4/32");
  }
}
