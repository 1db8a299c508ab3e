package io.github.aksreach.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.cluster.ScenarioSources;
import io.github.aksreach.k8s.output.CheckOutput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A mock API server that answers with recorded list bodies, as a real one writes them (items without
 * {@code apiVersion} and {@code kind}), and 404 for whatever it does not serve: CRDs that are not installed, and
 * versions of a CRD it does not serve.
 */
class RecordedClusterTest {
  private static final Path STEP8 = MockCluster.LAB.resolve("step8-istio-cluster-allowlist");
  private static final Flow CLIENT = Flow.tcp("192.168.1.4:50326", "192.168.0.22:80")
      .withHttp("demoapi.eyskens.corp", "/weatherforecast");
  /** The REST path of each kind of the lab, as fabric8 lists it in every namespace. */
  private static final Map<String, String> PATHS = Map.ofEntries(
      Map.entry("Node", "/api/v1/nodes"), Map.entry("Pod", "/api/v1/pods"),
      Map.entry("Service", "/api/v1/services"),
      Map.entry("EndpointSlice", "/apis/discovery.k8s.io/v1/endpointslices"),
      Map.entry("Ingress", "/apis/networking.k8s.io/v1/ingresses"),
      Map.entry("IngressClass", "/apis/networking.k8s.io/v1/ingressclasses"),
      Map.entry("NetworkPolicy", "/apis/networking.k8s.io/v1/networkpolicies"),
      Map.entry("ConfigMap", "/api/v1/configmaps"), Map.entry("Namespace", "/api/v1/namespaces"),
      Map.entry("GatewayClass", "/apis/gateway.networking.k8s.io/v1/gatewayclasses"),
      Map.entry("Gateway", "/apis/gateway.networking.k8s.io/v1/gateways"),
      Map.entry("HTTPRoute", "/apis/gateway.networking.k8s.io/v1/httproutes"),
      // served in v1beta1 only: the adapter must fall back from v1
      Map.entry("AuthorizationPolicy", "/apis/security.istio.io/v1beta1/authorizationpolicies"),
      Map.entry("ApplicationLoadBalancer", "/apis/alb.networking.azure.io/v1/applicationloadbalancers"),
      Map.entry("HealthCheckPolicy", "/apis/alb.networking.azure.io/v1/healthcheckpolicies"));
  private static final List<String> CORE = List.of("Node", "Pod", "Service", "EndpointSlice", "Ingress",
      "IngressClass", "NetworkPolicy", "ConfigMap", "Namespace");

  private KubernetesMockServer server;
  private NamespacedKubernetesClient client;

  @BeforeEach
  void start() {
    server = new KubernetesMockServer(false);
    server.init();
    client = server.createClient();
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  /** Serves the step's objects of each kind {@code serve} accepts as one recorded list body per kind. */
  private void record(Path step, Predicate<String> serve) {
    Map<String, List<String>> items = new LinkedHashMap<>();
    try (MockCluster reader = new MockCluster()) {
      for (HasMetadata o : reader.objectsOf(step)) {
        items.computeIfAbsent(o.getKind(), k -> new ArrayList<>()).add(withoutType(o));
      }
    }
    for (Map.Entry<String, String> p : PATHS.entrySet()) {
      if (serve.test(p.getKey())) {
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"metadata\":{},\"items\":["
            + String.join(",", items.getOrDefault(p.getKey(), List.of())) + "]}";
        server.expect().get().withPath(p.getValue()).andReturn(200, body).always();
      }
    }
  }

  /** The object's JSON as an API server writes a list item: without apiVersion and kind. */
  private static String withoutType(HasMetadata o) {
    String json = Fabric8Scenario.SERIALIZATION.asJson(o);
    return json.replaceFirst("\"apiVersion\":\"[^\"]*\",", "").replaceFirst("\"kind\":\"[^\"]*\",", "");
  }

  @Test
  void recordedListsAnswerAsTheDirectoryAndMissingCrdsAreNoted() {
    record(STEP8, k -> true);
    ScenarioSources k8s = Fabric8Scenario.from(client).orElseThrow();
    assertThat(k8s.name()).isEqualTo("fabric8:" + client.getMasterUrl().getHost());
    assertThat(k8s.kubernetes()).extracting(ScenarioSources.Text::name)
        .contains("fabric8:Gateway/ingress/weather", "fabric8:GatewayClass/istio",
            "fabric8:AuthorizationPolicy/ingress/allow-client-vm");
    assertThat(k8s.notes()).extracting(ModelError::file)
        .containsExactly("fabric8:grpcroutes.gateway.networking.k8s.io",
            "fabric8:referencegrants.gateway.networking.k8s.io");
    assertThat(k8s.notes().get(0).message())
        .isEqualTo("info: left out: its CRD is not installed (the API server answered 404 for v1, v1alpha2)");

    AksReachability fromClient = AksReachability.load(k8s.plus(MockCluster.azureAndConfigOf(STEP8))).orElseThrow();
    AksReachability fromDir = AksReachability.load(STEP8).orElseThrow();
    assertThat(CheckOutput.text(fromClient.check(CLIENT))).isEqualTo(CheckOutput.text(fromDir.check(CLIENT)))
        .contains("verdict: NEVER", "403");
    assertThat(fromClient.network().scenario().kubernetes().authorizationPolicies()).hasSize(1);
    assertThat(fromClient.network().scenario().notes()).as("the adapter's notes reach the scenario")
        .startsWith(k8s.notes().toArray(ModelError[]::new));
  }

  @Test
  void aClusterWithoutTheCrdsLoadsWithANotePerKind() {
    record(STEP8, CORE::contains);
    ScenarioSources k8s = Fabric8Scenario.from(client).orElseThrow();
    assertThat(k8s.notes()).hasSize(8).allSatisfy(n -> assertThat(n.message()).contains("CRD is not installed"));
    assertThat(k8s.notes()).extracting(ModelError::file)
        .contains("fabric8:applicationloadbalancers.alb.networking.azure.io",
            "fabric8:healthcheckpolicies.alb.networking.azure.io");
    AksReachability a = AksReachability.load(k8s.plus(MockCluster.azureAndConfigOf(STEP8))).orElseThrow();
    assertThat(a.network().scenario().kubernetes().gateways()).isEmpty();
  }

  @Test
  void aCoreKindThatCannotBeListedRefusesTheWholeNamingIt() {
    record(STEP8, k -> !k.equals("Pod"));
    server.expect().get().withPath("/api/v1/pods").andReturn(403,
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403,"
            + "\"message\":\"pods is forbidden: User \\\"ci\\\" cannot list resource \\\"pods\\\"\"}").always();
    Validated<ScenarioSources> r = Fabric8Scenario.from(client);
    assertThat(r.isInvalid()).isTrue();
    assertThat(r.getError()).hasSize(1);
    assertThat(r.getError().get(0).file()).isEqualTo("fabric8:pods");
    assertThat(r.getError().get(0).message()).startsWith("cannot list pods: HTTP 403: ").contains("forbidden");
  }

  @Test
  void aCrdKindThatCannotBeListedIsLeftOutWithAWarning() {
    record(STEP8, k -> !k.equals("Gateway"));
    server.expect().get().withPath("/apis/gateway.networking.k8s.io/v1/gateways").andReturn(403,
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":403,\"message\":\"no\"}").always();
    ScenarioSources k8s = Fabric8Scenario.from(client).orElseThrow();
    assertThat(k8s.notes()).filteredOn(n -> n.file().equals("fabric8:gateways.gateway.networking.k8s.io"))
        .singleElement().satisfies(n -> assertThat(n.message())
            .startsWith("warning: left out: cannot list gateways.gateway.networking.k8s.io/v1: HTTP 403"));
  }
}
