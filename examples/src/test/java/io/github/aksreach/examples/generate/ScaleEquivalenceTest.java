package io.github.aksreach.examples.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.solver.ReachSets;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.aks.BackendHealth;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServiceEndpoint;
import io.github.aksreach.k8s.model.ServicePort;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The 5,000-node cluster answers as the 50-node cluster does: the generator only adds interchangeable nodes (same
 * pools, subnets, NSGs, no workloads), so every verdict kind, delivered fraction, reach set and health state must be
 * the same. This keeps the node-class optimizations honest: an equivalence that merged nodes it should not (or split
 * weights wrongly) would change a fraction or a set here.
 */
class ScaleEquivalenceTest {
  private static final SyntheticAks.Spec SMALL = SyntheticAks.Spec.of(50);
  private static final SyntheticAks.Spec LARGE = SyntheticAks.Spec.of(5_000);
  private static Scenario smallScenario;
  private static Scenario largeScenario;
  private static AksReachability small;
  private static AksReachability large;

  @BeforeAll
  static void analyse() {
    smallScenario = SyntheticAks.generate(SMALL);
    largeScenario = SyntheticAks.generate(LARGE);
    small = AksReachability.of(smallScenario, AksOptions.defaults());
    large = AksReachability.of(largeScenario, AksOptions.defaults());
  }

  @Test
  void generatorBuildsTheBenchmarkCluster() {
    for (Scenario s : List.of(smallScenario, largeScenario)) {
      int nodes = s == smallScenario ? 50 : 5_000;
      assertThat(s.kubernetes().nodes()).hasSize(nodes);
      assertThat(s.kubernetes().nodes().stream().map(n -> n.pool().orElseThrow()).distinct()).hasSize(10);
      assertThat(s.azure().nics()).hasSize(nodes);
      List<io.github.aksreach.nsg.model.NetworkSecurityGroup> poolNsgs = s.azure().nsgs().stream()
          .filter(n -> !n.name().equals(SyntheticAks.CLUSTER_NSG)).toList();
      assertThat(poolNsgs).hasSize(10).allSatisfy(n -> assertThat(n.customRules()).hasSize(200));
      assertThat(poolNsgs.stream().flatMap(n -> n.customRules().stream()).map(r -> r.access()).distinct())
          .hasSize(2);
      assertThat(s.kubernetes().services()).hasSize(100);
      assertThat(s.kubernetes().services().stream().filter(Service::isLoadBalancer)).hasSize(37);
      assertThat(s.kubernetes().services().stream().filter(Service::needsHealthCheckNodePort)).hasSize(12);
      assertThat(io.github.aksreach.k8s.nginx.IngressNginxController.detect(s.kubernetes())).hasSize(1);
      assertThat(s.kubernetes().ingresses()).hasSize(20);
    }
  }

  private static final List<String> SOURCES = List.of(
      "10.239.0.4", "10.239.0.77", "10.239.0.130", "10.239.0.200", "10.239.0.250",   // client subnet
      "10.100.0.10", "10.100.77.5", "10.100.200.9",                                  // peered hub
      "10.224.48.6", "10.224.0.4", "10.232.0.5",                                     // a node, a pod
      "20.50.1.1", "52.10.0.1", "203.0.113.10", "198.51.100.7", "8.8.8.8", "13.70.1.1", "172.16.5.5",
      "192.168.3.3", "147.243.1.1");

  private static List<Flow> flows() {
    List<Flow> out = new ArrayList<>();
    int port = 40000;
    for (String src : SOURCES) {
      IpAddress s = IpAddress.of(src);
      out.add(Flow.of(Protocol.TCP, s, port++, SyntheticAks.INGRESS_FRONTEND, 80)
          .withHttp(SyntheticAks.INGRESS_HOST, "/api"));
      out.add(Flow.of(Protocol.TCP, s, port++, SyntheticAks.INGRESS_FRONTEND, 80)
          .withHttp("app-01.synth.corp", "/"));
      out.add(Flow.of(Protocol.TCP, s, port++, SyntheticAks.INGRESS_FRONTEND, 443));
      for (int j = 0; j < 12; j++) {
        out.add(Flow.of(Protocol.TCP, s, port++, SyntheticAks.lbFrontend(j), 80));
        out.add(Flow.of(Protocol.TCP, s, port++, SyntheticAks.lbFrontend(j), 443));
      }
    }
    return out;
  }

  @Test
  void checksGiveTheSameVerdictsAndFractions() {
    Map<Verdict.Kind, Integer> kinds = new EnumMap<>(Verdict.Kind.class);
    for (Flow f : flows()) {
      Verdict a = small.check(f).verdict();
      Verdict b = large.check(f).verdict();
      assertThat(b.kind()).as("verdict of %s", f).isEqualTo(a.kind());
      assertThat(b.deliveredFraction()).as("fraction of %s", f).isEqualTo(a.deliveredFraction());
      kinds.merge(a.kind(), 1, Integer::sum);
    }
    // not vacuous: the flows meet every verdict
    assertThat(kinds.getOrDefault(Verdict.Kind.ALWAYS, 0)).isGreaterThan(10);
    assertThat(kinds.getOrDefault(Verdict.Kind.SOMETIMES, 0)).isGreaterThan(10);
    assertThat(kinds.getOrDefault(Verdict.Kind.NEVER, 0)).isGreaterThan(10);
  }

  /**
   * Reach sets agree source for source. The only sources that can differ are the addresses only the large cluster
   * has (its extra nodes' InternalIPs and their DaemonSet pods' IPs): outside them the sets must be equal, and each of
   * them must be classified as the address of its counterpart in the small cluster (node 0 of the same pool, or that
   * node's pod).
   */
  @Test
  void reachGivesTheSameSourceSets() {
    List<Object[]> questions = new ArrayList<>();
    questions.add(new Object[] {SyntheticAks.INGRESS_FRONTEND, 80, Optional.of(SyntheticAks.INGRESS_HOST),
        Optional.of("/api")});
    questions.add(new Object[] {SyntheticAks.INGRESS_FRONTEND, 443, Optional.empty(), Optional.empty()});
    for (int j : new int[] {0, 1, 3, 4, 9}) {
      questions.add(new Object[] {SyntheticAks.lbFrontend(j), 80, Optional.empty(), Optional.empty()});
    }
    Map<IpAddress, IpAddress> counterpart = new HashMap<>();
    for (io.github.aksreach.k8s.model.Node n : largeScenario.kubernetes().nodes()) {
      if (smallScenario.kubernetes().node(n.name()).isEmpty()) {
        int pool = pool(n.name());
        io.github.aksreach.k8s.model.Node twin = smallScenario.kubernetes().node(SyntheticAks.nodeName(pool, 0))
            .orElseThrow();
        counterpart.put(n.internalIps().get(0), twin.internalIps().get(0));
        counterpart.put(agentPodIp(largeScenario, n.name()), agentPodIp(smallScenario, twin.name()));
      }
    }
    IpSet onlyLarge = IpSet.empty();
    for (IpAddress a : counterpart.keySet()) {
      onlyLarge = onlyLarge.union(IpSet.of(a));
    }
    int sometimes = 0;
    for (Object[] q : questions) {
      ReachSets a = reach(small, q);
      ReachSets b = reach(large, q);
      String what = q[0] + ":" + q[1];
      assertThat(b.always().difference(onlyLarge).equals(a.always().difference(onlyLarge)))
          .as("ALWAYS sources of %s", what).isTrue();
      assertThat(b.sometimes().difference(onlyLarge).equals(a.sometimes().difference(onlyLarge)))
          .as("SOMETIMES sources of %s", what).isTrue();
      assertThat(b.never().difference(onlyLarge).equals(a.never().difference(onlyLarge)))
          .as("NEVER sources of %s", what).isTrue();
      for (Map.Entry<IpAddress, IpAddress> e : counterpart.entrySet()) {
        if (!kind(b, e.getKey()).equals(kind(a, e.getValue()))) {
          throw new AssertionError(what + ": source " + e.getKey() + " is " + kind(b, e.getKey())
              + " but its counterpart " + e.getValue() + " is " + kind(a, e.getValue()));
        }
      }
      assertThat(a.always().isEmpty() && a.sometimes().isEmpty()).as("someone reaches %s", what).isFalse();
      sometimes += a.sometimes().isEmpty() ? 0 : 1;
    }
    assertThat(sometimes).isPositive();
  }

  private static String kind(ReachSets r, IpAddress a) {
    return r.always().contains(a) ? "ALWAYS" : r.sometimes().contains(a) ? "SOMETIMES"
        : r.never().contains(a) ? "NEVER" : "not asked";
  }

  private static IpAddress agentPodIp(Scenario s, String node) {
    for (io.github.aksreach.k8s.model.Pod p : s.kubernetes().podsOnNode(node)) {
      if (p.name().startsWith("ama-logs-")) {
        return p.podIps().get(0);
      }
    }
    throw new IllegalStateException("no agent pod on " + node);
  }

  @SuppressWarnings("unchecked")
  private static ReachSets reach(AksReachability a, Object[] q) {
    return a.reach((IpAddress) q[0], (Integer) q[1], Protocol.TCP, (Optional<String>) q[2], (Optional<String>) q[3],
        IpSet.all(IpFamily.V4)).sets();
  }

  /**
   * Every backend of the large cluster has the state of its counterpart in the small one: the node at the same pool
   * and index when the small cluster has it, else a node of the same pool that hosts none of the Service's endpoints.
   */
  @Test
  void healthStatesMatchNodeForNode() {
    Map<String, BackendHealth.State> smallStates = new HashMap<>();
    for (BackendHealth b : small.health().backends()) {
      smallStates.put(b.rules().get(0).name() + "|" + b.node().name(), b.state());
    }
    Set<BackendHealth.State> seen = new HashSet<>();
    int checked = 0;
    for (BackendHealth b : large.health().backends()) {
      String node = b.node().name();
      int pool = pool(node);
      int index = Integer.parseInt(node.substring(node.length() - 6), 36);
      Service svc = b.rules().get(0).service().orElseThrow();
      int counterpart = index < SMALL.nodesPerPool() ? index : endpointFreeIndex(svc, pool);
      BackendHealth.State expected = smallStates.get(b.rules().get(0).name() + "|"
          + SyntheticAks.nodeName(pool, counterpart));
      assertThat(b.state()).as("%s on %s", b.rules().get(0).name(), node).isEqualTo(expected);
      seen.add(b.state());
      checked++;
    }
    assertThat(checked).isEqualTo(large.health().backends().size()).isGreaterThan(200_000);
    assertThat(seen).contains(BackendHealth.State.UP, BackendHealth.State.DOWN);
  }

  private static int pool(String node) {
    for (int p = 0; p < LARGE.pools(); p++) {
      if (node.startsWith("aks-" + SyntheticAks.poolName(p) + "-")) {
        return p;
      }
    }
    throw new IllegalStateException(node);
  }

  private static int endpointFreeIndex(Service svc, int pool) {
    Set<String> hosts = new HashSet<>();
    for (ServicePort sp : svc.ports()) {
      for (ServiceEndpoint e : smallScenario.kubernetes().endpointsOf(svc, sp)) {
        e.nodeName().ifPresent(hosts::add);
      }
    }
    for (int i = 0; i < SMALL.nodesPerPool(); i++) {
      if (!hosts.contains(SyntheticAks.nodeName(pool, i))) {
        return i;
      }
    }
    throw new IllegalStateException("every node of pool " + pool + " hosts " + svc.key());
  }
}
