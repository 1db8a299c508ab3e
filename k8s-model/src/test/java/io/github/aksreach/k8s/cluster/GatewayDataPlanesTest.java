package io.github.aksreach.k8s.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.gateway.GatewayDataPlane;
import io.github.aksreach.k8s.gateway.GatewayOptions;
import io.github.aksreach.k8s.load.KubernetesLoader;
import io.github.aksreach.k8s.model.Gateway;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.model.ScenarioConfig;
import io.github.aksreach.nsg.model.AzureNetwork;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Placing Istio Gateways' data planes in the cluster model (DOMAIN-GATEWAY A4.3-A4.12): the dumped Service wins; a
 * missing one is derived and added with assumed, free, stable nodePorts (and a note saying so); Gateways of other
 * classes are noted; an unreadable {@code proxy.istio.io/config} on a gateway pod is bad input naming the pod.
 */
class GatewayDataPlanesTest {
  private static final GatewayOptions OPTIONS = GatewayOptions.defaults();

  static Scenario scenario(KubernetesCluster k) {
    return new Scenario("t", AzureNetwork.empty(), k, Optional.empty(), ScenarioConfig.defaults(), List.of());
  }

  static KubernetesCluster dumped() {
    try {
      Path dir = Path.of(GatewayDataPlanesTest.class.getResource("/gateway/istio-allowlist-etp-cluster/k8s").toURI());
      return KubernetesLoader.create().loadDirectory(dir).get().value();
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aDumpedServiceIsUsedAsDumpedAndNothingIsAdded() {
    KubernetesCluster k = dumped();
    GatewayDataPlanes planes = GatewayDataPlanes.place(scenario(k), OPTIONS);
    assertThat(planes.errors()).isEmpty();
    assertThat(planes.gateways()).singleElement().satisfies(g ->
        assertThat(g.dataPlane().serviceOrigin()).isEqualTo(GatewayDataPlane.Origin.DUMPED));
    assertThat(planes.scenario().kubernetes().services()).isEqualTo(k.services());
    Pod gwPod = k.pod("gateway", "web-istio-6c8f9d7b5-x2k4p").orElseThrow();
    assertThat(planes.gatewayOf(gwPod)).isPresent();
    assertThat(k.pods().stream().filter(p -> !p.key().equals(gwPod.key())).map(planes::gatewayOf))
        .allMatch(Optional::isEmpty);
  }

  @Test
  void aMissingServiceIsDerivedWithFreeStableNodePortsAndANote() {
    KubernetesCluster k = dumped();
    KubernetesCluster without = k.withServices(k.services().stream()
        .filter(s -> !s.name().equals("web-istio")).toList());
    GatewayDataPlanes planes = GatewayDataPlanes.place(scenario(without), OPTIONS);
    assertThat(planes.errors()).isEmpty();
    Service derived = planes.scenario().kubernetes().service("gateway", "web-istio").orElseThrow();
    assertThat(derived.ports()).extracting(ServicePort::port).containsExactly(15021, 80);   // A4.6
    Set<Integer> used = new HashSet<>();
    without.services().forEach(s -> s.ports().forEach(p -> p.nodePort().ifPresent(used::add)));
    assertThat(derived.ports()).allSatisfy(p -> {
      assertThat(p.nodePort()).isPresent();
      assertThat(p.nodePort().getAsInt()).isBetween(30000, 32767);
      assertThat(used.add(p.nodePort().getAsInt())).as("free").isTrue();
    });
    assertThat(GatewayDataPlanes.place(scenario(without), OPTIONS).scenario().kubernetes()
        .service("gateway", "web-istio")).contains(derived);   // the same in every run
    assertThat(planes.scenario().notes()).extracting(ModelError::message)
        .anyMatch(m -> m.contains("web-istio is not in the dump") && m.contains("assumed"));
    // the gateway pod is the derived Service's endpoint
    assertThat(planes.scenario().kubernetes().endpointsOf(derived, derived.ports().get(1)))
        .singleElement().satisfies(e -> assertThat(e.address()).isEqualTo(
            k.pod("gateway", "web-istio-6c8f9d7b5-x2k4p").orElseThrow().podIps().get(0)));
  }

  @Test
  void gatewaysOfOtherClassesAreNotedNotModelled() {
    KubernetesCluster k = dumped();
    List<Gateway> eg = k.gateways().stream().map(g -> g.withGatewayClassName("eg")).toList();
    GatewayDataPlanes planes = GatewayDataPlanes.place(scenario(k.withGateways(eg)), OPTIONS);
    assertThat(planes.gateways()).isEmpty();
    assertThat(planes.agc()).isEmpty();
    assertThat(planes.scenario().notes()).extracting(ModelError::message)
        .anyMatch(m -> m.contains("of class eg") && m.contains("not modelled"));
  }

  /** DOMAIN-GATEWAY 4.6: an AGC Gateway has no in-cluster data plane; naming no AGC, it is noted and not wired. */
  @Test
  void applicationGatewayForContainersGatewaysAreResolvedNotGenerated() {
    KubernetesCluster k = dumped();
    List<Gateway> agc = k.gateways().stream().map(g -> g.withGatewayClassName("azure-alb-external")).toList();
    GatewayDataPlanes planes = GatewayDataPlanes.place(scenario(k.withGateways(agc)), OPTIONS);
    assertThat(planes.gateways()).isEmpty();
    assertThat(planes.agc()).singleElement().satisfies(a -> {
      assertThat(a.deployment()).isEqualTo(io.github.aksreach.k8s.gateway.AgcGateway.Deployment.NONE);
      assertThat(a.wired()).isFalse();
    });
    assertThat(planes.scenario().notes()).extracting(ModelError::message)
        .anyMatch(m -> m.contains("(Application Gateway for Containers): names no AGC"));
    assertThat(planes.scenario().kubernetes().services()).hasSameSizeAs(k.services());
  }

  @Test
  void anUnreadableProxyConfigIsBadInputNamingThePod() {
    KubernetesCluster k = dumped();
    List<Pod> pods = k.pods().stream().map(p -> p.name().startsWith("web-istio")
        ? p.withAnnotations(java.util.Map.of("proxy.istio.io/config", "{gatewayTopology: {numTrustedProxies: -1}}"))
        : p).toList();
    GatewayDataPlanes planes = GatewayDataPlanes.place(scenario(k.withPods(pods)), OPTIONS);
    assertThat(planes.errors()).singleElement().satisfies(e -> {
      assertThat(e.message()).contains("web-istio-6c8f9d7b5-x2k4p").contains("numTrustedProxies");
      assertThat(e.path()).contains("proxy.istio.io/config");
    });
  }
}
