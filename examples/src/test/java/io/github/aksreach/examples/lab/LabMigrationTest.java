package io.github.aksreach.examples.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.solver.DropInfo;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.aks.BackendHealth;
import io.github.aksreach.k8s.gateway.GatewayDataPlane;
import io.github.aksreach.k8s.gateway.IstioGateway;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.k8s.trace.AksHopKind;
import io.github.aksreach.k8s.trace.GatewayOrigin;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The lab migrated off ingress-nginx (issue 11, steps 8 and 9), asserted on the domain answers: the Service Istio
 * generates (derived, DOMAIN-GATEWAY A4.3-A4.6), the addresses the gateway's AuthorizationPolicy sees (5.2 table) and
 * the 403 before routing (S5.8).
 */
class LabMigrationTest {
  private static final IpAddress CLIENT = IpAddress.of("192.168.1.4");

  private static Map<String, PathResult> byBackend(Verdict v) {
    return v.paths().stream().collect(Collectors.toMap(p -> Lab.backend(p).split(" ")[1], Function.identity()));
  }

  @Test
  void step8TheGeneratedServiceIsDerivedWithEtpClusterAndTheAksProbeAnnotations() {
    AksReachability a = Lab.analysis("step8-istio-cluster-allowlist");
    IstioGateway gw = a.network().gateways().gateways().get(0);
    GatewayDataPlane dp = gw.dataPlane();
    assertThat(dp.serviceOrigin()).isEqualTo(GatewayDataPlane.Origin.DERIVED);
    assertThat(dp.service().key()).isEqualTo("ingress/weather-istio");                 // A4.3
    assertThat(dp.service().externalTrafficPolicy()).isEqualTo(TrafficPolicy.CLUSTER);   // A4.6
    assertThat(dp.service().ports()).extracting(ServicePort::port).containsExactly(15021, 80);
    assertThat(dp.service().frontendIps()).containsExactly(IpAddress.of("192.168.0.22"));
    // placed in the cluster with nodePorts, so cloud-provider-azure derives a rule per port and the probe (A4.11)
    assertThat(a.network().kubernetes().service("ingress", "weather-istio")).hasValueSatisfying(s ->
        assertThat(s.ports()).allMatch(p -> p.nodePort().isPresent()));
    assertThat(a.health().backends()).allMatch(b -> b.state() == BackendHealth.State.UP);
    assertThat(a.health().backends()).anyMatch(b -> b.probe().map(p -> p.describe()).orElse("")
        .endsWith("/healthz/ready"));
  }

  @Test
  void step8TheAllowListSeesSnatAddressesAndAnswers403BeforeRouting() {
    Verdict v = Lab.analysis("step8-istio-cluster-allowlist").check(Lab.CLIENT_FLOW).verdict();
    assertThat(v.kind()).isEqualTo(Verdict.Kind.NEVER);
    assertThat(v.paths()).hasSize(3).allSatisfy(p -> {
      DropInfo d = p.drop().orElseThrow();
      assertThat(d.kind()).isEqualTo(AksHopKind.INGRESS);
      assertThat(d.status()).hasValue(403);
      assertThat(d.origin()).isInstanceOfSatisfying(GatewayOrigin.class, g -> {
        assertThat(g.stage()).isEqualTo(GatewayOrigin.Stage.PROXY);
        assertThat(g.gateway()).isEqualTo("weather");
      });
    });
    Map<String, PathResult> paths = byBackend(v);
    assertThat(LabMigration.gatewaySaw(paths.get(Lab.INGRESS_NODE), Lab.CLIENT_FLOW))
        .contains(IpAddress.of("10.244.2.1"));
    assertThat(LabMigration.gatewaySaw(paths.get(Lab.SYSTEM_NODE), Lab.CLIENT_FLOW))
        .contains(IpAddress.of("192.168.0.4"));
    assertThat(LabMigration.gatewaySaw(paths.get(Lab.USER_NODE), Lab.CLIENT_FLOW))
        .contains(IpAddress.of("192.168.0.36"));
    assertThat(LabMigration.step8().reproduced()).isTrue();
  }

  @Test
  void step9TheOverlayKeepsTheClientAddressAndTheAllowListWorks() {
    AksReachability a = Lab.analysis("step9-istio-local-allowlist");
    assertThat(a.network().gateways().gateways().get(0).dataPlane().service().externalTrafficPolicy())
        .isEqualTo(TrafficPolicy.LOCAL);
    assertThat(a.health().state(Lab.INGRESS_NODE)).contains(BackendHealth.State.UP);
    assertThat(a.health().state(Lab.SYSTEM_NODE)).contains(BackendHealth.State.DOWN);
    assertThat(a.health().state(Lab.USER_NODE)).contains(BackendHealth.State.DOWN);
    Verdict v = a.check(Lab.CLIENT_FLOW).verdict();
    assertThat(v.kind()).isEqualTo(Verdict.Kind.ALWAYS);
    assertThat(v.paths()).singleElement().satisfies(p -> {
      assertThat(LabMigration.gatewaySaw(p, Lab.CLIENT_FLOW)).contains(CLIENT);
      assertThat(p.deliveredTo()).hasValueSatisfying(d -> assertThat(d.label()).contains("10.244.1.5"));
    });
    assertThat(LabMigration.step9().reproduced()).isTrue();
  }
}
