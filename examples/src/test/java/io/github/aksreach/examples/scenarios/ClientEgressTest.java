package io.github.aksreach.examples.scenarios;

import io.github.aksreach.k8s.trace.AksHopKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.solver.DropInfo;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.ReachSets;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.examples.TestDirs;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.aks.AksReachability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client pod's own NetworkPolicy egress rules on scenario {@code netpol-client-egress}, under both readings of
 * the undefined NAT order (option {@code egressSeesServiceBackend}); the CLI runs of the same scenario are in its
 * {@code expect.yaml}.
 */
class ClientEgressTest {
  private static final Flow TO_WEB_LB = Flow.tcp("10.244.1.50:50000", "10.10.1.100:80");
  private static final Flow TO_WEB_CLUSTER_IP = Flow.tcp("10.244.1.50:50000", "10.0.12.34:80");
  private static final IpSet PODS = IpSet.parse("10.244.0.0/16").get();

  private static AksReachability load(boolean postDnat) throws Exception {
    Path dir = Path.of(ClientEgressTest.class.getResource("/scenarios/netpol-client-egress").toURI());
    AksOptions o = AksOptions.defaults();
    var loaded = AksReachability.load(dir,
        o.withNetworkPolicy(o.networkPolicy().withEgressSeesServiceBackend(postDnat)));
    assertThat(loaded.isValid()).as("%s", loaded).isTrue();
    return loaded.get();
  }

  @Test
  void postDnatTheEgressRulesSeeTheChosenEndpointAndThePodsOwnAddress() throws Exception {
    AksReachability a = load(true);
    Verdict v = a.check(TO_WEB_LB).verdict();
    assertThat(v.kind()).isEqualTo(Verdict.Kind.ALWAYS);
    Hop egress = v.paths().get(0).hops().stream().filter(h -> h.kind() == AksHopKind.NETWORK_POLICY).findFirst()
        .orElseThrow();
    assertThat(egress.label()).isEqualTo("NetworkPolicy egress of pod default/client-7b5d9f6c8-j4k6m");
    Flow seen = egress.seen(TO_WEB_LB);
    assertThat(seen.srcIp()).isEqualTo(IpAddress.of("10.244.1.50"));   // before kube-proxy's MASQUERADE
    assertThat(seen.dstIp()).isEqualTo(IpAddress.of("10.244.0.10"));   // after its DNAT
    assertThat(seen.dstPort()).isEqualTo(8080);
  }

  /**
   * Two replicas isolated by the same policy share one egress classifier (pods grouped per node class): each keeps its
   * own {@code self} rule, so neither reaches the other through it.
   */
  @Test
  void replicasIsolatedByTheSamePolicyDoNotInheritEachOthersSelfRule(@TempDir Path tmp) throws Exception {
    Path src = Path.of(ClientEgressTest.class.getResource("/scenarios/netpol-client-egress").toURI());
    TestDirs.copy(src, tmp);
    Path k8s = tmp.resolve("k8s/cluster.yaml");
    String yaml = Files.readString(k8s).replace("      name: client\n      ports: []\n",
        "      name: client\n      ports:\n      - containerPort: 80\n        name: http\n        protocol: TCP\n");
    int start = yaml.indexOf("- apiVersion: v1\n  kind: Pod\n  metadata:\n    creationTimestamp: '2026-08-01T10:00:00Z'\n"
        + "    labels:\n      app: client\n");
    int end = yaml.indexOf("- apiVersion: v1\n", start + 1);
    String replica = yaml.substring(start, end).replace("client-7b5d9f6c8-j4k6m", "client-7b5d9f6c8-q7w2e")
        .replace("88fca92d-386f-5e26-869d-6acbc90204e8", "88fca92e-386f-5e26-869d-6acbc90204e8")
        .replace("10.244.1.50", "10.244.1.52");
    Files.writeString(k8s, yaml.substring(0, end) + replica + yaml.substring(end));
    AksReachability a = AksReachability.load(tmp).get();
    assertThat(a.check(Flow.tcp("10.244.1.52:50000", "10.244.1.50:80")).verdict().kind())
        .isEqualTo(Verdict.Kind.NEVER);
    assertThat(a.check(Flow.tcp("10.244.1.50:50000", "10.244.1.52:80")).verdict().kind())
        .isEqualTo(Verdict.Kind.NEVER);
    assertThat(a.check(Flow.tcp("10.244.1.51:50000", "10.244.1.50:80")).verdict().kind())
        .as("the pod no policy selects").isEqualTo(Verdict.Kind.ALWAYS);
    ReachSets r = a.reach(IpAddress.of("10.244.1.50"), 80, Protocol.TCP, Optional.empty(), Optional.empty(),
        IpSet.parse("10.244.1.48/28").get()).sets();
    assertThat(r.always()).isEqualTo(IpSet.parse("10.244.1.50/31").get());   // itself and the unselected pod
    assertThat(r.never().contains(IpAddress.of("10.244.1.52"))).isTrue();
  }

  @Test
  void preDnatTheServiceAddressMatchesNoPodPeer() throws Exception {
    AksReachability a = load(false);
    for (Flow f : new Flow[] {TO_WEB_LB, TO_WEB_CLUSTER_IP}) {
      Verdict v = a.check(f).verdict();
      assertThat(v.kind()).as("%s", f).isEqualTo(Verdict.Kind.NEVER);
      DropInfo d = v.paths().get(0).drop().orElseThrow();
      assertThat(d.kind()).isEqualTo(AksHopKind.NETWORK_POLICY);
      PathResult p = v.paths().get(0);
      Flow seen = p.hops().get(p.hops().size() - 1).seen(f);
      assertThat(seen.dstIp()).as("the Service address, not yet translated").isEqualTo(f.dstIp());
    }
    // the pod not selected by the policy is unaffected by the option
    assertThat(a.check(Flow.tcp("10.244.1.51:50000", "10.10.1.100:80")).verdict().kind())
        .isEqualTo(Verdict.Kind.ALWAYS);
  }

  @Test
  void reachFollowsEachPodsEgressUnderBothReadings() throws Exception {
    IpAddress isolated = IpAddress.of("10.244.1.50");
    IpAddress free = IpAddress.of("10.244.1.51");
    ReachSets post = load(true).reach(IpAddress.of("10.10.1.100"), 80, Protocol.TCP, Optional.empty(),
        Optional.empty(), PODS).sets();
    assertThat(post.always().contains(isolated)).isTrue();
    assertThat(post.always().contains(free)).isTrue();
    ReachSets pre = load(false).reach(IpAddress.of("10.10.1.100"), 80, Protocol.TCP, Optional.empty(),
        Optional.empty(), PODS).sets();
    assertThat(pre.never().contains(isolated)).isTrue();
    assertThat(pre.always().contains(free)).isTrue();
    // the only difference between the readings is the isolated pod
    assertThat(post.always().difference(pre.always())).isEqualTo(IpSet.of(isolated));
  }
}
