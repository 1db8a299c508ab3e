package io.github.aksreach.k8s.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.k8s.load.KubernetesLoader;
import io.github.aksreach.k8s.load.LoadNote;
import io.github.aksreach.k8s.load.Loaded;
import io.github.aksreach.k8s.model.ConfigMap;
import io.github.aksreach.k8s.model.Gateway;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.model.TrafficPolicy;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scenario {@code gateway/istio-allowlist-etp-cluster} (kubectl shapes: an Istio Gateway with its generated
 * Service and pod, an HTTPRoute, an AuthorizationPolicy {@code ipBlocks} allow-list): the migration pitfall of
 * DOMAIN-GATEWAY 5.2 through the model, and the generated data plane derived vs dumped (A4.3-A4.11).
 */
class IstioGatewayScenarioTest {
  private static final GatewayOptions OPTIONS = GatewayOptions.defaults();
  private static final IpAddress NODE = IpAddress.of("10.224.0.4");
  private static final IpAddress CLIENT = IpAddress.of("192.168.1.4");

  static Loaded<KubernetesCluster> load() {
    try {
      Path dir = Path.of(IstioGatewayScenarioTest.class.getResource("/gateway/istio-allowlist-etp-cluster/k8s")
          .toURI());
      var r = KubernetesLoader.create().loadDirectory(dir);
      if (r.isInvalid()) {
        throw new AssertionError(r.getError().mkString("\n"));
      }
      return r.get();
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private static final Loaded<KubernetesCluster> LOADED = load();
  private static final KubernetesCluster CLUSTER = LOADED.value();
  private static final Gateway WEB = CLUSTER.gateway("gateway", "web").orElseThrow();

  @Test
  void loadsEveryObjectWithoutWarnings() {
    assertThat(LOADED.warnings()).isEmpty();
    assertThat(CLUSTER.counts()).containsEntry("GatewayClass", 1).containsEntry("Gateway", 1)
        .containsEntry("HTTPRoute", 1).containsEntry("AuthorizationPolicy", 1).containsEntry("Service", 2);
    assertThat(WEB.listeners()).singleElement().satisfies(l -> {
      assertThat(l.port()).isEqualTo(80);
      assertThat(l.hostname()).contains("demoapi.example.com");
    });
  }

  @Test
  void theDumpedServiceAndPodWinAndAgreeWithTheDerivation() {
    IstioGateway ig = IstioGateway.of(CLUSTER, WEB, OPTIONS).get();
    GatewayDataPlane dp = ig.dataPlane();
    assertThat(dp.serviceOrigin()).isEqualTo(GatewayDataPlane.Origin.DUMPED);
    assertThat(dp.service().frontendIps()).containsExactly(IpAddress.of("20.50.60.70"));
    assertThat(dp.pods()).extracting(Pod::name).containsExactly("web-istio-6c8f9d7b5-x2k4p");
    assertThat(dp.notes()).isEmpty();   // derived ports and ETP agree with what Istio generated

    Service derived = IstioDataPlane.derive(WEB, CLUSTER, OPTIONS).get().service();
    assertThat(derived.name()).isEqualTo("web-istio");
    assertThat(derived.ports()).extracting(ServicePort::port).containsExactly(15021, 80);
    assertThat(derived.ports()).extracting(p -> p.appProtocol().orElse("")).containsExactly("tcp", "http");
    assertThat(derived.externalTrafficPolicy()).isEqualTo(TrafficPolicy.CLUSTER);
    assertThat(derived.annotations()).isEqualTo(dp.service().annotations());
    assertThat(derived.selector()).isEqualTo(dp.service().selector());
    assertThat(derived.frontendIps()).as("from the Gateway's status.addresses").containsExactly(
        IpAddress.of("20.50.60.70"));
  }

  @Test
  void withoutTheDumpedServiceTheDerivedOneIsUsedAndStillSelectsTheDumpedPod() {
    KubernetesCluster noSvc = CLUSTER.withServices(CLUSTER.services().stream()
        .filter(s -> !s.name().equals("web-istio")).toList());
    GatewayDataPlane dp = IstioDataPlane.resolve(WEB, noSvc, OPTIONS).get();
    assertThat(dp.serviceOrigin()).isEqualTo(GatewayDataPlane.Origin.DERIVED);
    assertThat(dp.pods()).extracting(Pod::name).containsExactly("web-istio-6c8f9d7b5-x2k4p");
    assertThat(dp.podLabels()).containsEntry(IstioDataPlane.GATEWAY_NAME_LABEL, "web")
        .doesNotContainKey("istio.io/gateway-name");
  }

  @Test
  void aLocalOverlayUnsetsTheProbeAnnotations() {
    ConfigMap overlay = ConfigMap.builder().namespace("gateway").name("web-options").putData("service",
        "spec:\n  externalTrafficPolicy: Local\n  loadBalancerSourceRanges: [192.168.1.0/24]\n  clusterIP: 10.0.0.1\n"
        + "metadata:\n  annotations:\n    service.beta.kubernetes.io/port_80_health-probe_port: null\n"
        + "    service.beta.kubernetes.io/port_80_health-probe_protocol: null\n"
        + "    service.beta.kubernetes.io/port_80_health-probe_request-path: null\n").build();
    Gateway withRef = WEB.withInfrastructure(new Gateway.Infrastructure(Map.of(), Map.of(
        "service.beta.kubernetes.io/azure-load-balancer-internal", "true"),
        java.util.Optional.of(new Gateway.LocalObjectRef("", "ConfigMap", "web-options"))));
    KubernetesCluster c = CLUSTER.withConfigMaps(overlay);
    GatewayDataPlane dp = IstioDataPlane.derive(withRef, c, OPTIONS).get();
    assertThat(dp.service().externalTrafficPolicy()).isEqualTo(TrafficPolicy.LOCAL);
    assertThat(dp.service().annotations()).containsOnlyKeys("service.beta.kubernetes.io/azure-load-balancer-internal");
    assertThat(dp.service().azure().internal()).isTrue();
    assertThat(dp.service().loadBalancerSourceRanges()).hasSize(1);
    assertThat(dp.notes()).anyMatch(n -> n.contains("spec.clusterIP is not on the AKS overlay allow-list"));
  }

  @Test
  void anUnreadableOverlayIsAnErrorNamingTheConfigMap() {
    ConfigMap overlay = ConfigMap.builder().namespace("gateway").name("web-options")
        .putData("service", "spec: [unclosed").build();
    Gateway withRef = WEB.withInfrastructure(new Gateway.Infrastructure(Map.of(), Map.of(),
        java.util.Optional.of(new Gateway.LocalObjectRef("", "ConfigMap", "web-options"))));
    assertThat(IstioDataPlane.derive(withRef, CLUSTER.withConfigMaps(overlay), OPTIONS).getError().head().message())
        .contains("ConfigMap gateway/web-options").contains("service overlay is not YAML");
  }

  /** S5.10 (a): under ETP Cluster the ipBlocks allow-list sees the node and refuses the listed client. */
  @Test
  void theAllowListRefusesTheClientUnderEtpCluster() {
    IstioGateway ig = IstioGateway.of(CLUSTER, WEB, OPTIONS).get();
    Pod pod = ig.dataPlane().pods().get(0);
    assertThat(ig.policiesFor(pod)).extracting(p -> p.name()).containsExactly("allow-office");
    HttpRequest req = HttpRequest.get(80, "demoapi.example.com", "/weatherforecast");
    IpAddress peer = IstioClientAddress.peer(ig.dataPlane().service().externalTrafficPolicy(), CLIENT, NODE, true,
        OPTIONS);
    assertThat(peer).isEqualTo(NODE);
    GatewayAnswer a = ig.answer(pod, req, peer).get();
    assertThat(a.status()).contains(403);
    assertThat(a.authz().reason()).contains("no ALLOW policy matches").contains("10.224.0.4");
    // a spoofed X-Forwarded-For does not help: numTrustedProxies is 0
    assertThat(ig.answer(pod, req.withHeader("X-Forwarded-For", "192.168.1.4"), peer).get().status()).contains(403);
  }

  /** S5.10 (c): with ETP Local the client address reaches the proxy; the route and redirect answer. */
  @Test
  void withEtpLocalTheClientIsAdmittedAndRouted() {
    IstioGateway ig = IstioGateway.of(CLUSTER, WEB, OPTIONS).get();
    Pod pod = ig.dataPlane().pods().get(0);
    IpAddress peer = IstioClientAddress.peer(TrafficPolicy.LOCAL, CLIENT, NODE, true, OPTIONS);
    GatewayAnswer a = ig.answer(pod, HttpRequest.get(80, "demoapi.example.com", "/weatherforecast"), peer).get();
    assertThat(a.status()).isEmpty();
    GatewayOutcome.Routed r = (GatewayOutcome.Routed) a.outcome().orElseThrow();
    assertThat(r.shares()).singleElement().satisfies(s -> {
      assertThat(s.forwarded()).isTrue();
      assertThat(s.readyEndpoints()).extracting(e -> e.address()).containsExactly(IpAddress.of("10.244.0.20"));
      assertThat(s.readyEndpoints()).extracting(e -> e.port()).containsExactly(8080);
    });
    assertThat(ig.answer(pod, HttpRequest.get(80, "demoapi.example.com", "/old"), peer).get().outcome().orElseThrow())
        .isEqualTo(new GatewayOutcome.Redirected(WEB.listeners().get(0), CLUSTER.httpRoutes().get(0), 1, 301,
            "http://demoapi.example.com/weatherforecast"));
    assertThat(ig.answer(pod, HttpRequest.get(80, "other.example.com", "/"), peer).get().status()).contains(404);
    // the policy is checked before routing: a refused client gets 403 even for a path no route serves (S5.8)
    assertThat(ig.answer(pod, HttpRequest.get(80, "demoapi.example.com", "/nothing"), NODE).get().status())
        .contains(403);
  }

  /** A4.28: approuting-istio supports no Istio CRDs: the same policy is not enforced there. */
  @Test
  void appRoutingIstioIgnoresAuthorizationPolicies() {
    Gateway ar = WEB.withGatewayClassName("approuting-istio");
    KubernetesCluster c = CLUSTER.withGateways(List.of(ar));
    IstioGateway ig = IstioGateway.of(c, ar, OPTIONS).get();
    assertThat(ig.enforcesAuthorizationPolicies()).isFalse();
    assertThat(ig.dataPlane().service().name()).isEqualTo("web-approuting-istio");
    assertThat(ig.dataPlane().serviceOrigin()).isEqualTo(GatewayDataPlane.Origin.DERIVED);
    GatewayAnswer a = ig.answer(ig.templatePod(), HttpRequest.get(80, "demoapi.example.com", "/weatherforecast"),
        NODE).get();
    assertThat(a.authz().allowed()).isTrue();
    assertThat(a.outcome().orElseThrow()).isInstanceOf(GatewayOutcome.Routed.class);
  }

  @Test
  void loadNotesOfAMissingParentNameTheFileAndPath() {
    String route = "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r, namespace: "
        + "default}\nspec:\n  parentRefs: [{name: web, namespace: gateway}, {name: gone}]\n  rules:\n"
        + "  - backendRefs: [{name: simpleapi, port: 8080}]\n";
    Loaded<KubernetesCluster> l = KubernetesLoader.create().loadSources(List.of(
        new KubernetesLoader.Source("gw.yaml", "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\n"
            + "metadata: {name: web, namespace: gateway}\nspec:\n  gatewayClassName: istio\n  listeners:\n"
            + "  - {name: http, port: 80, protocol: HTTP}\n"),
        new KubernetesLoader.Source("route.yaml", route))).get();
    assertThat(l.warnings()).extracting(LoadNote::toString).containsExactly("WARNING route.yaml: "
        + "spec.parentRefs[1]: HTTPRoute default/r attaches to Gateway default/gone, which is not in the dump: the "
        + "route is not accepted there");
  }
}
