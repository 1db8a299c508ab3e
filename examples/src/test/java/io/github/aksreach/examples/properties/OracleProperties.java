package io.github.aksreach.examples.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.examples.generate.SyntheticAks;
import io.github.aksreach.examples.oracle.OracleExclusions;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.oracle.ConcreteOracle;
import io.github.aksreach.k8s.oracle.FlowCatalog;
import io.github.aksreach.k8s.oracle.OracleAgreement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * The independent oracle ({@link ConcreteOracle}: DOMAIN.md read as a concrete, one-flow-at-a-time evaluator, no
 * element graph) agrees with {@code AksReachability.check} on generated clusters: verdict, exact delivered fraction,
 * and the weight of each delivered header and drop kind. Each property counts verdicts and drop kinds over the run and
 * fails when one is too rare to mean anything; known disagreements are the named exclusions of
 * {@code OracleExclusions} (same list as the corpus test).
 */
class OracleProperties {
  /** Examples per property; {@code -Daksreach.examples=N} for a longer run. */
  private static final int EXAMPLES = Integer.getInteger("aksreach.examples", 30);
  private static final long SEED = Long.getLong("aksreach.seed", 20260801L);
  /** Flows checked per generated cluster besides the outside clients' (an even sample of its flow catalog). */
  private static final int FLOWS_PER_CLUSTER = 80;

  /** Flows to the nodes' hostPorts checked per generated cluster, besides the sample. */
  private static final int HOST_PORT_FLOWS_PER_CLUSTER = 30;

  @Test
  void oracleAgreesWithTheEngineOnGeneratedClusters() {
    OracleAgreement t = new OracleAgreement(OracleExclusions.ALL);
    java.util.Map<String, Integer> hostPorts = new java.util.TreeMap<>();
    qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(0)
        .forAll(GeneratedCluster.clusters(), SourceDSL.integers().between(0, 1 << 20))
        .checkAssert((c, pick) -> {
          AksReachability a = AksReachability.of(c.scenario(), AksOptions.defaults());
          ConcreteOracle o = new ConcreteOracle(a.network());
          int before = t.mismatches().size();
          // every flow of the outside clients, on the Internet and on-premises (each frontend, node and pod
          // address), then a sample of the rest
          List<Flow> all = FlowCatalog.of(a.network(), 3, 4);
          java.util.function.Predicate<Flow> outside = f -> f.srcIp().equals(FlowCatalog.INTERNET)
              || f.srcIp().equals(FlowCatalog.ON_PREMISES);
          List<Flow> rest = all.stream().filter(outside.negate()).toList();
          for (Flow f : all) {
            if (outside.test(f)) {
              t.check(c.toString(), a, o, f);
            }
          }
          for (Flow f : FlowCatalog.sample(rest, pick, FLOWS_PER_CLUSTER)) {
            t.check(c.toString(), a, o, f);
          }
          // flows to the nodes' hostPorts (issue 12), besides the sample: web-0's two mappings on every node, both
          // protocols, from every kind of source
          List<Flow> toHostPorts = rest.stream().filter(f -> FlowCatalog.toHostPort(a.network(), f)).toList();
          for (Flow f : FlowCatalog.sample(toHostPorts, pick, HOST_PORT_FLOWS_PER_CLUSTER)) {
            t.check(c.toString(), a, o, f);
            hostPorts.merge(c.hostPort() + (o.check(f).kind().equals("NEVER") ? " never" : " delivered"), 1,
                Integer::sum);
          }
          assertThat(t.mismatches().size()).as("%s", t.describeMismatches(3)).isEqualTo(before);
        });
    System.out.println("oracle vs engine on generated clusters: " + t);
    System.out.println("flows to hostPorts (web-0's hostPort option, outcome): " + hostPorts);
    // non-vacuity: hostPort flows delivered under both source options, refused when portmap is off
    assertThat(hostPorts.getOrDefault("kept delivered", 0)).as("%s", hostPorts).isGreaterThanOrEqualTo(20);
    assertThat(hostPorts.getOrDefault("kept never", 0)).as("%s", hostPorts).isGreaterThanOrEqualTo(20);
    assertThat(hostPorts.getOrDefault("masquerade delivered", 0)).as("%s", hostPorts).isGreaterThanOrEqualTo(5);
    assertThat(hostPorts.getOrDefault("unserved never", 0)).as("%s", hostPorts).isGreaterThanOrEqualTo(5);
    assertThat(hostPorts.getOrDefault("unserved delivered", 0)).as("%s", hostPorts).isZero();
    assertThat(t.verdicts().getOrDefault("ALWAYS", 0)).as("%s", t).isGreaterThanOrEqualTo(200);
    assertThat(t.verdicts().getOrDefault("SOMETIMES", 0)).as("%s", t).isGreaterThanOrEqualTo(30);
    assertThat(t.verdicts().getOrDefault("NEVER", 0)).as("%s", t).isGreaterThanOrEqualTo(200);
    for (String k : List.of("NSG", "LOAD_BALANCER", "KUBE_PROXY", "NO_ROUTE", "NETWORK_POLICY", "INGRESS")) {
      assertThat(t.dropKinds().getOrDefault(k, 0)).as("drops of kind " + k + ": " + t).isGreaterThanOrEqualTo(10);
    }
  }

  /**
   * The generated clusters with a Gateway API front door in front of the web pods ({@link GatewayChoice}: an Istio
   * Gateway with its Service, pod and AuthorizationPolicy, or Application Gateway for Containers with its association
   * subnet and NSG): the oracle walks the gateway pod and the AGC frontend concretely ({@code GatewayLegs}) and agrees
   * with the engine on every flow of the outside clients (HTTP requests to the gateway included) and a sample of the
   * rest. Non-vacuity: enough flows through each kind of gateway, each with ALWAYS and NEVER answers, requests to an
   * HTTPS listener and TLS handshakes no listener accepts, and the statuses the gateways answer themselves (403
   * before routing, 301, 404, 500) each met.
   */
  @Test
  void oracleAgreesWithTheEngineThroughGateways() {
    OracleAgreement t = new OracleAgreement(OracleExclusions.ALL);
    qt().withFixedSeed(SEED + 11).withExamples(EXAMPLES).withShrinkCycles(0)
        .forAll(GeneratedCluster.clusters(), SourceDSL.longs().between(0, 1L << 40))
        .checkAssert((plain, seed) -> {
          GeneratedCluster c = plain.withGateway(seed);
          AksReachability a = AksReachability.of(c.scenario(), AksOptions.defaults());
          ConcreteOracle o = new ConcreteOracle(a.network());
          int before = t.mismatches().size();
          List<Flow> all = FlowCatalog.of(a.network(), 3, 4);
          java.util.Set<io.github.aksreach.core.model.IpAddress> fronts = java.util.Set.of(
              GatewayChoice.ISTIO_FRONTEND, GatewayChoice.AGC_FRONTEND);
          java.util.function.Predicate<Flow> gateway = f -> fronts.contains(f.dstIp())
              || f.srcIp().equals(FlowCatalog.INTERNET) || f.srcIp().equals(FlowCatalog.ON_PREMISES);
          for (Flow f : all) {
            if (gateway.test(f)) {
              t.check(c.toString(), a, o, f);
            }
          }
          for (Flow f : FlowCatalog.sample(all.stream().filter(gateway.negate()).toList(), (int) (seed & 0xfffff),
              FLOWS_PER_CLUSTER)) {
            t.check(c.toString(), a, o, f);
          }
          assertThat(t.mismatches().size()).as("%s", t.describeMismatches(3)).isEqualTo(before);
        });
    System.out.println("oracle vs engine through gateways: " + t);
    for (String leg : List.of(OracleAgreement.ISTIO_LEG, OracleAgreement.AGC_LEG)) {
      assertThat(t.legs().getOrDefault(leg, 0)).as(leg + ": " + t).isGreaterThanOrEqualTo(100);
      for (String v : List.of("ALWAYS", "NEVER")) {
        assertThat(t.legs().getOrDefault(leg + " " + v, 0)).as(leg + " " + v + ": " + t).isGreaterThanOrEqualTo(10);
      }
      // HTTPS listeners: requests over TLS routed by SNI, and handshakes no listener accepts (G1.10)
      assertThat(t.legs().getOrDefault(leg + " https", 0)).as(leg + " https: " + t).isGreaterThanOrEqualTo(20);
      assertThat(t.legs().getOrDefault(leg + " tls-refused", 0)).as(leg + " tls-refused: " + t)
          .isGreaterThanOrEqualTo(5);
      for (int status : List.of(301, 404, 500)) {
        assertThat(t.legs().getOrDefault(leg + " status " + status, 0)).as(leg + " " + status + ": " + t)
            .isGreaterThanOrEqualTo(3);
      }
    }
    assertThat(t.legs().getOrDefault(OracleAgreement.ISTIO_LEG + " status 403", 0)).as("%s", t)
        .isGreaterThanOrEqualTo(3);
  }

  /** The benchmark generator's clusters (Azure CNI, many pools, realistic NSGs of 50 rules), a few seeds. */
  @Test
  void oracleAgreesWithTheEngineOnSyntheticClusters() {
    OracleAgreement t = new OracleAgreement(OracleExclusions.ALL);
    qt().withFixedSeed(SEED).withExamples(Math.max(2, EXAMPLES / 15)).withShrinkCycles(0)
        .forAll(SourceDSL.longs().between(1, 1L << 40), SourceDSL.integers().between(0, 1 << 20))
        .checkAssert((seed, pick) -> {
          var s = SyntheticAks.generate(new SyntheticAks.Spec(15, 3, 50, 10, seed));
          // the partner ranges its NSG rules name are routed in (VPN, issue 12), so those rules decide
          var routed = new java.util.ArrayList<>(io.github.aksreach.k8s.model.ScenarioConfig.DEFAULT_ROUTED_INTO_VNET);
          routed.add(io.github.aksreach.core.model.IpPrefix.of("203.0.113.0/24"));
          routed.add(io.github.aksreach.core.model.IpPrefix.of("198.51.100.0/24"));
          s = new io.github.aksreach.k8s.cluster.Scenario(s.name(), s.azure(), s.kubernetes(), s.aks(),
              s.config().withRoutedIntoVnet(routed), s.notes());
          AksReachability a = AksReachability.of(s, AksOptions.defaults());
          ConcreteOracle o = new ConcreteOracle(a.network());
          int before = t.mismatches().size();
          for (Flow f : FlowCatalog.sample(FlowCatalog.of(a.network(), 4, 6), pick, 200)) {
            t.check("synthetic seed " + seed, a, o, f);
          }
          assertThat(t.mismatches().size()).as("%s", t.describeMismatches(3)).isEqualTo(before);
        });
    System.out.println("oracle vs engine on synthetic clusters: " + t);
    assertThat(t.verdicts().getOrDefault("ALWAYS", 0)).as("%s", t).isGreaterThanOrEqualTo(50);
    assertThat(t.verdicts().getOrDefault("NEVER", 0)).as("%s", t).isGreaterThanOrEqualTo(50);
    assertThat(t.dropKinds().getOrDefault("NSG", 0)).as("%s", t).isGreaterThanOrEqualTo(20);
    assertThat(t.excluded()).as("exclusion still needed").containsKey(
        OracleExclusions.REPRESENTATIVE_NODE_SOURCE.name());
  }
}
