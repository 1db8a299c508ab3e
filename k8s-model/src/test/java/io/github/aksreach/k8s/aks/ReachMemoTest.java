package io.github.aksreach.k8s.aks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Destination;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.k8s.TestFiles;
import io.github.aksreach.k8s.analysis.CheckReport;
import io.github.aksreach.k8s.analysis.ReachReport;
import io.github.aksreach.core.solver.PathSolver;
import io.github.aksreach.core.solver.SolveOptions;
import io.github.aksreach.k8s.cluster.AksNetwork;
import io.github.aksreach.k8s.cluster.L7;
import io.github.aksreach.k8s.hops.AksKey;
import io.github.aksreach.k8s.hops.HealthView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A reach question asked again is answered from the analysis' memo (a scenario diff asks each layer-4 question once
 * per HTTP request), with what a fresh analysis answers; another question is answered anew.
 */
class ReachMemoTest {
  private static final Destination TO = Destination.parse("192.168.0.22:80").orElseThrow();

  @Test
  void aQuestionAskedAgainIsTheAnswerAFreshAnalysisGives() {
    AksReachability a = AksReachability.load(TestFiles.labDir("step4-cluster-nsgs-nodes")).get();
    L7 request = L7.http("demoapi.eyskens.corp", "/weatherforecast");
    ReachReport first = a.reach(TO, request, IpSet.all(IpFamily.V4));
    assertThat(a.reach(TO, L7.http("demoapi.eyskens.corp", "/weatherforecast"), IpSet.all(IpFamily.V4)))
        .isSameAs(first);
    AksReachability fresh = AksReachability.load(TestFiles.labDir("step4-cluster-nsgs-nodes")).get();
    assertThat(fresh.reach(TO, request, IpSet.all(IpFamily.V4))).isEqualTo(first).isNotSameAs(first);
    // the same destination at layer 4, or from fewer sources: other questions, answered anew
    ReachReport l4 = a.reach(TO, L7.none(), IpSet.all(IpFamily.V4));
    assertThat(l4).isNotSameAs(first).isEqualTo(fresh.reach(TO, L7.none(), IpSet.all(IpFamily.V4)));
    IpSet some = IpSet.parse("192.168.1.0/24").orElseThrow();
    assertThat(a.reach(TO, request, some).sets().always().union(a.reach(TO, request, some).sets().sometimes())
        .union(a.reach(TO, request, some).sets().never())).isEqualTo(some);
  }

  /**
   * An analysis keeps the graphs of the layer-7 contexts asked lately, not every one: after more contexts than it
   * keeps, the first context's checks are made again, and answer what a fresh analysis answers.
   */
  @Test
  void aContextAskedAgainAfterManyOthersAnswersAsAFreshAnalysis() {
    AksReachability a = AksReachability.load(TestFiles.labDir("step4-cluster-nsgs-nodes")).get();
    Flow base = Flow.of(Protocol.TCP, IpAddress.of("192.168.1.4"), 50000, IpAddress.of("192.168.0.22"), 80);
    List<String> hosts = new ArrayList<>();
    hosts.add("demoapi.eyskens.corp");
    for (int i = 0; i < 40; i++) {
      hosts.add("other-" + i + ".eyskens.corp");
    }
    List<CheckReport> first = new ArrayList<>();
    for (String h : hosts) {
      first.add(a.check(base.withHttp(h, "/weatherforecast")));
    }
    AksReachability fresh = AksReachability.load(TestFiles.labDir("step4-cluster-nsgs-nodes")).get();
    for (int i = 0; i < hosts.size(); i += 10) {
      Flow f = base.withHttp(hosts.get(i), "/weatherforecast");
      assertThat(a.check(f)).as(hosts.get(i)).isEqualTo(fresh.check(f)).isEqualTo(first.get(i));
    }
    assertThat(first.get(0).verdict().kind()).isNotEqualTo(first.get(1).verdict().kind());
  }

  /**
   * The graphs of one analysis share kube-proxy's chains on each node (the same element, whatever the layer-7
   * context), and answer as graphs that build their own do: checks of the lab's flows in two contexts, and a reach.
   */
  @Test
  void graphsOfOneAnalysisShareKubeProxyChainsAndAnswerAsUnsharedGraphs() {
    AksReachability a = AksReachability.load(TestFiles.labDir("step4-cluster-nsgs-nodes")).get();
    L7 api = L7.http("demoapi.eyskens.corp", "/weatherforecast");
    L7 other = L7.http("nobody.eyskens.corp", "/");
    AksGraph g1 = a.graph(api);
    AksGraph g2 = a.graph(other);
    assertThat(g1).isNotSameAs(g2);
    int shared = 0;
    for (io.github.aksreach.k8s.model.Node n : a.scenario().kubernetes().nodes()) {
      for (io.github.aksreach.core.solver.ElementKey k : List.of(new AksKey.Host(n.name()),
          new AksKey.InCluster(n.name(), AksKey.Mode.FROM_POD))) {
        assertThat(g2.hop(k)).isSameAs(g1.hop(k));
        shared++;
      }
    }
    assertThat(shared).isGreaterThan(3);
    // with a map of their own, graphs in turn (the second graph of a context takes what the others made)
    AksNetwork net = a.network();
    SharedChains chains = new SharedChains();
    for (L7 l7 : List.of(api, other, api)) {
      AksGraph sharing = new AksGraph(net, HealthView.allUp(), l7, chains);
      AksGraph alone = new AksGraph(net, HealthView.allUp(), l7);
      for (String src : List.of("192.168.1.4", "192.168.0.4", "10.244.0.5", "8.8.8.8")) {
        Flow f = Flow.of(Protocol.TCP, IpAddress.of(src), 50000, IpAddress.of("192.168.0.22"), 80);
        assertThat(PathSolver.solve(sharing, AksGraph.CLIENT, f, SolveOptions.explaining()).verdict(f))
            .as("%s from %s", l7, src)
            .isEqualTo(PathSolver.solve(alone, AksGraph.CLIENT, f, SolveOptions.explaining()).verdict(f));
      }
    }
  }
}
