package io.github.aksreach.k8s.aks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Destination;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.k8s.TestFiles;
import io.github.aksreach.k8s.analysis.ReachReport;
import io.github.aksreach.k8s.cluster.L7;
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
}
