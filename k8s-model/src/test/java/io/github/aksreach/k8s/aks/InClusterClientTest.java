package io.github.aksreach.k8s.aks;

import io.github.aksreach.k8s.trace.AksHopKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.TestFiles;
import org.junit.jupiter.api.Test;

/** In-cluster clients never reach the Azure load balancer: kube-proxy short-circuits LB IPs (DOMAIN.md 4.1, 4.4). */
class InClusterClientTest {
  private static AksReachability lab(String step) {
    return AksReachability.load(TestFiles.labDir(step)).get();
  }

  @Test
  void podToLbIpOfALocalServiceGetsClusterSemanticsAndKeepsItsAddress() {
    AksReachability a = lab("step6-local-pinned");
    Flow f = Flow.tcp("10.244.1.5:40000", "192.168.0.22:80");
    Verdict v = a.check(f).verdict();
    assertThat(v.kind()).isEqualTo(Verdict.Kind.ALWAYS);
    PathResult p = v.paths().get(0);
    assertThat(p.hops()).noneMatch(h -> h.kind() == AksHopKind.LOAD_BALANCER);
    Hop atIngressNsg = p.hops().stream().filter(h -> h.label().startsWith("nsg-ingress")).findFirst().orElseThrow();
    assertThat(atIngressNsg.seen(f).srcIp()).isEqualTo(IpAddress.of("10.244.1.5"));
    assertThat(atIngressNsg.decision()).contains("AllowPodTraffic");
  }

  @Test
  void nodeToLbIpIsMasqueradedAndMeetsTheIngressNsgAsTheNode() {
    AksReachability a = lab("step6-local-pinned");
    Flow f = Flow.tcp("192.168.0.4:40000", "192.168.0.22:80");
    Verdict v = a.check(f).verdict();
    assertThat(v.kind()).isEqualTo(Verdict.Kind.NEVER);
    assertThat(v.paths()).singleElement().satisfies(p -> {
      assertThat(p.drop().orElseThrow().label()).startsWith("nsg-ingress");
      assertThat(p.hops()).noneMatch(h -> h.kind() == AksHopKind.LOAD_BALANCER);
    });
    // with the step-4 rule that admits every node on port 80 the same flow is delivered
    assertThat(lab("step4-cluster-nsgs-nodes").check(f).verdict().kind()).isEqualTo(Verdict.Kind.ALWAYS);
  }

  @Test
  void podToClusterIpReachesTheBackendWithItsOwnAddress() {
    AksReachability a = lab("step1-cluster-open");
    Flow f = Flow.tcp("10.244.2.2:40000", "10.0.112.7:8080");
    Verdict v = a.check(f).verdict();
    assertThat(v.kind()).isEqualTo(Verdict.Kind.ALWAYS);
    assertThat(v.paths().get(0).deliveredTo()).hasValueSatisfying(d -> assertThat(d.label()).contains("simpleapi"));
    assertThat(Hop.apply(f, v.paths().get(0).finalRewrites()).srcIp()).isEqualTo(IpAddress.of("10.244.2.2"));
  }
}
