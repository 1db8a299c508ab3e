package io.github.aksreach.k8s.aks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.solver.PathSolver;
import io.github.aksreach.core.solver.SolveOptions;
import io.github.aksreach.k8s.TestFiles;
import io.github.aksreach.k8s.analysis.CheckReport;
import io.github.aksreach.k8s.cluster.L7;
import io.github.aksreach.k8s.output.CheckOutput;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A check from a source outside the cluster starts at {@link AksGraph#CLIENT_OUTSIDE} (no in-cluster short-circuit, so
 * the cluster's nodes and pods are never grouped into source entries for it). Its answer is the full entry's: the same
 * verdict, fraction and paths, and the same text and JSON, hop for hop. A source inside the cluster still starts at
 * {@link AksGraph#CLIENT}.
 */
class OutsideEntryTest {
  private static final List<String> STEPS = List.of("step1-cluster-open", "step2-cluster-allowlist",
      "step3-cluster-nsgs", "step4-cluster-nsgs-nodes", "step6-local-pinned", "step7-local-spread");
  /** The lab's client VM, an Internet address, the hub, a node and a pod (the last two are inside). */
  private static final List<String> SOURCES = List.of("192.168.1.4", "203.0.113.9", "10.1.0.4", "192.168.0.4",
      "10.244.1.5");
  private static final List<String> DESTINATIONS = List.of("192.168.0.22:80", "192.168.0.22:443", "192.168.0.4:30080",
      "10.244.1.5:8080", "10.0.0.10:53");

  @Test
  void aCheckAnswersAsTheWalkFromTheFullEntryDoes() {
    int outside = 0;
    int inside = 0;
    for (String step : STEPS) {
      AksReachability a = AksReachability.load(TestFiles.labDir(step)).get();
      for (String src : SOURCES) {
        for (String dst : DESTINATIONS) {
          for (boolean http : List.of(false, true)) {
            Flow f = Flow.tcp(src + ":50326", dst);
            if (http) {
              f = f.withHttp("demoapi.eyskens.corp", "/weatherforecast");
            }
            L7 l7 = http ? L7.http("demoapi.eyskens.corp", "/weatherforecast") : L7.none();
            AksGraph g = a.graph(l7);
            CheckReport full = new CheckReport(f,
                PathSolver.solve(g, AksGraph.CLIENT, f, SolveOptions.defaults()).verdict(f));
            CheckReport r = a.check(f);
            assertThat(CheckOutput.text(r)).as("%s %s", step, f).isEqualTo(CheckOutput.text(full));
            assertThat(CheckOutput.json(r)).isEqualTo(CheckOutput.json(full));
            boolean in = g.inClusterAddresses().contains(f.srcIp());
            assertThat(r.verdict().paths().get(0).hops().get(0).element())
                .isEqualTo(in ? AksGraph.CLIENT : AksGraph.CLIENT_OUTSIDE);
            if (in) {
              inside++;
            } else {
              outside++;
            }
          }
        }
      }
    }
    assertThat(outside).as("checks from outside the cluster").isGreaterThan(100);
    assertThat(inside).as("checks from nodes and pods").isGreaterThan(50);
  }

  /**
   * Costs follow the question: Azure routing's rule per node comes after the load-balancer frontends' rules and is made
   * only when a flow passes them (the classifier says so in its text), so a check to a frontend never makes it, and a
   * check to a node's address does, with the same answers as ever (above).
   */
  @Test
  void aCheckToAFrontendNeverMakesTheRulePerNode() {
    AksReachability a = AksReachability.load(TestFiles.labDir("step4-cluster-nsgs-nodes")).get();
    AksGraph g = a.graph(L7.none());
    assertThat(a.check(Flow.tcp("192.168.1.4:50326", "192.168.0.22:80")).verdict().deliveredFraction().isZero())
        .isFalse();
    assertThat(g.element(io.github.aksreach.k8s.hops.AksKey.DISPATCH).orElseThrow().toString())
        .endsWith("more not made yet]");
    a.check(Flow.tcp("192.168.1.4:50326", "192.168.0.4:30080"));
    assertThat(g.element(io.github.aksreach.k8s.hops.AksKey.DISPATCH).orElseThrow().toString())
        .doesNotContain("not made").matches("Classifier\\[.*, \\d+ rules\\]");
  }
}
