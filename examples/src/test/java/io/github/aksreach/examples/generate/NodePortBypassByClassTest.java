package io.github.aksreach.examples.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.check.CheckResult;
import io.github.aksreach.core.check.Finding;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.checks.AksChecks;
import io.github.aksreach.k8s.checks.CheckContext;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code nodeport-bypasses-source-ranges} tries one node of each class ({@code NodeClasses}) where it once tried every
 * node: on generated clusters of several seeds, every Service's finding names the node, client and verdict that a
 * walk over every node (the oracle here, the check as it was) names, or neither finds one.
 */
class NodePortBypassByClassTest {
  /** {@code Support.OUTSIDE_CLIENT}. */
  private static final IpAddress OUTSIDE = IpAddress.of("203.0.113.10");

  @Test
  void everyServiceNamesTheNodeAWalkOverEveryNodeNames() {
    int found = 0;
    int notFirstNode = 0;
    int none = 0;
    for (long seed : new long[] {20240601L, 7L, 4242L}) {
      Scenario s = SyntheticAks.generate(new SyntheticAks.Spec(50, 10, 200, 100, seed));
      CheckContext ctx = CheckContext.of(s);
      CheckResult r = AksChecks.NODEPORT_BYPASSES_SOURCE_RANGES.evaluate(ctx);
      for (Service svc : s.kubernetes().services()) {
        if (!svc.isLoadBalancer() || svc.loadBalancerSourceRanges().isEmpty()) {
          continue;
        }
        Optional<String> expected = everyNode(ctx, svc);
        List<String> got = r.findings().stream().map(Finding::message)
            .filter(m -> m.startsWith("Service " + svc.key() + " ")).toList();
        assertThat(got).as("seed %d, %s", seed, svc.key()).isEqualTo(expected.stream().toList());
        if (expected.isEmpty()) {
          none++;
        } else {
          found++;
          if (!expected.get().contains(" on node " + s.kubernetes().nodes().get(0).name() + " ")) {
            notFirstNode++;
          }
        }
      }
    }
    // both outcomes, and findings beyond the first node: the classes are put to the test
    String counts = found + " found, " + notFirstNode + " beyond the first node, " + none + " none";
    assertThat(found).as(counts).isGreaterThan(3);
    assertThat(notFirstNode).as(counts).isGreaterThan(0);
    assertThat(none).as(counts).isGreaterThan(0);
  }

  /** The first node, client and verdict of the walk over every node, as the finding's message words them. */
  private static Optional<String> everyNode(CheckContext ctx, Service svc) {
    IpSet ranges = IpSet.ofPrefixes(svc.loadBalancerSourceRanges());
    for (ServicePort sp : svc.ports()) {
      if (sp.nodePort().isEmpty()) {
        continue;
      }
      for (Node n : ctx.scenario().kubernetes().nodes()) {
        Optional<IpAddress> ip = n.primaryInternalIp();
        if (ip.isEmpty()) {
          continue;
        }
        IpSet candidates = ctx.network().resolver(ctx.network().azure().subnetContaining(ip.get()))
            .virtualNetwork().restrict(ip.get().family()).difference(ranges)
            .difference(ctx.network().nodeAddresses());
        List<IpAddress> sources = new ArrayList<>();
        candidates.first().ifPresent(sources::add);
        if (ip.get().family() == IpFamily.V4 && !ranges.contains(OUTSIDE)) {
          sources.add(OUTSIDE);
        }
        for (IpAddress src : sources) {
          Flow f = Flow.of(sp.protocol(), src, 50000, ip.get(), sp.nodePort().getAsInt());
          Verdict v = ctx.analysis().check(f).verdict();
          if (v.kind() != Verdict.Kind.NEVER) {
            return Optional.of("Service " + svc.key() + " restricts its load balancer to "
                + svc.loadBalancerSourceRanges() + ", but " + src + " (outside those ranges) reaches it through "
                + "nodePort " + sp.nodePort().getAsInt() + " on node " + n.name() + " (" + v.kind() + "): "
                + "nodePorts are not subject to loadBalancerSourceRanges");
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * When the client chosen is an address of the cluster (a pod's, served by its own node's kube-proxy, which the
   * classes do not tell apart), every node is tried: each Service's ranges here cover every address below the lowest
   * pod address, so that address is the first client outside them, and the finding is still the walk's. (On this
   * cluster the NSGs treat the pod's own node like the others, so trying one node per class would answer alike too: a
   * mutant that does survives this test; the branch is exercised, not distinguished.)
   */
  @Test
  void aClientInsideTheClusterHasEveryNodeTried() {
    Scenario s = SyntheticAks.generate(SyntheticAks.Spec.of(50));
    IpAddress lowestPod = s.kubernetes().pods().stream().filter(p -> p.isLive() && !p.hostNetwork())
        .flatMap(p -> p.podIps().stream()).filter(a -> a.family() == IpFamily.V4).min(IpAddress::compareTo)
        .orElseThrow();
    IpSet below = IpSet.range(IpAddress.of("0.0.0.0"), IpAddress.ofKey(lowestPod.hi(), lowestPod.lo() - 1));
    int services = 0;
    Scenario edited = s;
    for (Service svc : s.kubernetes().services()) {
      if (svc.isLoadBalancer() && !svc.loadBalancerSourceRanges().isEmpty() && services < 4) {
        edited = edited.withService(svc.withLoadBalancerSourceRanges(below.toCidrs())).get();
        services++;
      }
    }
    assertThat(services).isEqualTo(4);
    CheckContext ctx = CheckContext.of(edited);
    assertThat(ctx.network().clusterAddresses().contains(lowestPod)).isTrue();
    CheckResult r = AksChecks.NODEPORT_BYPASSES_SOURCE_RANGES.evaluate(ctx);
    int clientInside = 0;
    for (Service svc : edited.kubernetes().services()) {
      if (!svc.isLoadBalancer() || svc.loadBalancerSourceRanges().isEmpty()) {
        continue;
      }
      Optional<String> expected = everyNode(ctx, svc);
      assertThat(r.findings().stream().map(Finding::message).filter(m -> m.startsWith("Service " + svc.key() + " "))
          .toList()).as(svc.key()).isEqualTo(expected.stream().toList());
      if (expected.isPresent() && expected.get().contains("but " + lowestPod + " (outside")) {
        clientInside++;
      }
    }
    assertThat(clientInside).as("findings whose client is the pod address").isGreaterThan(0);
  }
}
