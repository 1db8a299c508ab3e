package io.github.aksreach.examples.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.aks.AgcBackendHealth;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.aks.BackendHealth;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.gateway.AgcProbe;
import io.github.aksreach.k8s.gateway.GatewayOptions;
import io.github.aksreach.k8s.load.KubernetesLoader;
import io.github.aksreach.k8s.load.ScenarioConfigLoader;
import io.github.aksreach.k8s.model.AgcNoHealthyBackends;
import io.github.aksreach.k8s.model.ContainerProbe;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.trace.AksHopKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Application Gateway for Containers' health probes (learn.microsoft.com/azure/application-gateway/for-containers/
 * custom-health-probe: HealthCheckPolicy, else readiness probe, else GET / on the traffic's port; only healthy
 * endpoints get traffic) on scenario {@code agc-health-probes}: which probe each endpoint gets, what decides its
 * state, what a request meets, option {@code agcNoHealthyBackends} (UNVERIFIED) through the API and
 * {@code scenario.yaml}, and the loaders' refusals naming file and path.
 */
class AgcHealthProbeTest {
  private static final String SCENARIO = "agc-health-probes";

  private static AksReachability load(AksOptions o) {
    return AksReachability.load(AgcScenarioTest.scenario(SCENARIO), o).get();
  }

  private static Verdict check(AksReachability a, String path) {
    return a.check(Flow.tcp("203.0.113.7:50000", "20.61.10.5:80").withHttp("app.example.com", path)).verdict();
  }

  private static AgcBackendHealth at(List<AgcBackendHealth> h, String address) {
    return h.stream().filter(b -> b.address().equals(IpAddress.of(address))).findFirst().orElseThrow();
  }

  @Test
  void eachEndpointGetsTheProbeTheDocumentationOrdersAndItsState() {
    List<AgcBackendHealth> h = load(AksOptions.defaults()).agcHealth();
    assertThat(h).hasSize(4).allMatch(b -> b.gateway().equals("gateway/web-agc"));
    AgcBackendHealth ok = at(h, "10.10.1.30");
    assertThat(ok.probe().source()).isEqualTo(AgcProbe.Source.READINESS);
    assertThat(ok.probe().port()).isEqualTo(8080);   // readinessProbe.httpGet.port "http", resolved on the pod
    assertThat(ok.probe().path()).isEqualTo("/healthz");
    assertThat(ok.state()).isEqualTo(BackendHealth.State.UP);
    assertThat(ok.probeFlow().orElseThrow().srcIp()).isEqualTo(IpAddress.of("10.10.5.4"));   // A4.24

    AgcBackendHealth metrics = at(h, "10.10.1.32");
    assertThat(metrics.probe().port()).isEqualTo(9090);
    assertThat(metrics.state()).isEqualTo(BackendHealth.State.DOWN);
    PathResult p = metrics.verdict().orElseThrow().paths().get(0);
    assertThat(p.drop().orElseThrow().kind()).isEqualTo(AksHopKind.NETWORK_POLICY);   // app-from-agc admits 8080 only

    AgcBackendHealth v2 = at(h, "10.10.1.31");
    assertThat(v2.probe().source()).isEqualTo(AgcProbe.Source.DEFAULT);
    assertThat(v2.probe().host()).isEqualTo("localhost");
    assertThat(v2.state()).isEqualTo(BackendHealth.State.DOWN);

    AgcBackendHealth v3 = at(h, "10.10.1.33");
    assertThat(v3.probe().source()).isEqualTo(AgcProbe.Source.POLICY);
    assertThat(v3.probe().protocol()).isEqualTo("HTTPS");
    assertThat(v3.probe().port()).isEqualTo(8443);
    assertThat(v3.verdict().orElseThrow().kind()).isEqualTo(Verdict.Kind.ALWAYS);   // the network lets it through
    assertThat(v3.state()).isEqualTo(BackendHealth.State.DOWN);
    assertThat(v3.reason()).contains("nothing is known to listen on port 8443");
  }

  @Test
  void anEndpointWhoseProbeFailsGetsNoTrafficAndNoHealthyEndpointIsAgcs503() {
    AksReachability a = load(AksOptions.defaults());
    Verdict api = check(a, "/api");
    assertThat(api.kind()).isEqualTo(Verdict.Kind.ALWAYS);
    assertThat(api.paths()).hasSize(1);
    assertThat(api.paths().get(0).deliveredTo().orElseThrow().toString()).contains("10.10.1.30");
    assertThat(api.paths().get(0).hops()).anyMatch(x -> x.decision().contains("AGC's health probe takes out "
        + "10.10.1.32:8080"));
    Verdict v3 = check(a, "/v3");
    assertThat(v3.kind()).isEqualTo(Verdict.Kind.NEVER);
    assertThat(v3.paths().get(0).drop().orElseThrow().status()).hasValue(503);
    // transient health: before the probes catch up both app pods are sent traffic
    assertThat(check(load(AksOptions.defaults().withTransientHealth(true)), "/api").paths()).hasSize(2);
  }

  @Test
  void theNoHealthyBackendsOptionDecidesWhatAgcDoes() {
    GatewayOptions g502 = GatewayOptions.defaults().withAgcNoHealthyBackends(AgcNoHealthyBackends.ANSWER_502);
    assertThat(check(load(AksOptions.defaults().withGateway(g502)), "/v3").paths().get(0).drop().orElseThrow()
        .status()).hasValue(502);
    GatewayOptions all = GatewayOptions.defaults().withAgcNoHealthyBackends(AgcNoHealthyBackends.SEND_TO_ALL);
    Verdict v3 = check(load(AksOptions.defaults().withGateway(all)), "/v3");
    assertThat(v3.kind()).isEqualTo(Verdict.Kind.ALWAYS);   // sent anyway; the traffic's port 8080 is served
    // the option never sends to an endpoint whose probe fails while another passes
    assertThat(check(load(AksOptions.defaults().withGateway(all)), "/api").paths()).hasSize(1);
  }

  @Test
  void scenarioYamlStatesTheOptionAndWinsOverTheCallers(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve(SCENARIO);
    Path src = AgcScenarioTest.scenario(SCENARIO);
    try (Stream<Path> all = Files.walk(src)) {
      for (Path f : (Iterable<Path>) all::iterator) {
        Path to = dir.resolve(src.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    Files.writeString(dir.resolve("scenario.yaml"), Files.readString(dir.resolve("scenario.yaml"))
        + "assumptions:\n  agcNoHealthyBackends: send-to-all\n");
    GatewayOptions g502 = GatewayOptions.defaults().withAgcNoHealthyBackends(AgcNoHealthyBackends.ANSWER_502);
    AksReachability a = AksReachability.load(dir, AksOptions.defaults().withGateway(g502)).get();
    assertThat(a.network().options().gateway().agcNoHealthyBackends()).isEqualTo(AgcNoHealthyBackends.SEND_TO_ALL);
    assertThat(check(a, "/v3").kind()).isEqualTo(Verdict.Kind.ALWAYS);
    var bad = ScenarioConfigLoader.parse("scenario.yaml", "assumptions:\n  agcNoHealthyBackends: fail-open\n");
    assertThat(bad.getError()).anyMatch(e -> e.path().equals("assumptions.agcNoHealthyBackends")
        && e.message().contains("expected answer-503, answer-502 or send-to-all"));
  }

  @Test
  void withoutTheHttpAnswerAssumptionTheDefaultProbeFailsAtTheApplication() {
    AksReachability a = load(new AksOptions(false, true, false, true, false,
        AksOptions.defaults().nsg(), AksOptions.defaults().networkPolicy(), GatewayOptions.defaults(),
        AksOptions.defaults().hostPort()));
    // the readiness probe of a Ready pod is answered whatever the option says (kubelet's same probe passed)
    assertThat(at(a.agcHealth(), "10.10.1.30").state()).isEqualTo(BackendHealth.State.UP);
    assertThat(at(a.agcHealth(), "10.10.1.33").reason()).contains("nothing is known to listen");
  }

  // ---------------------------------------------------------------- loaders

  private static final String HCP = "apiVersion: alb.networking.azure.io/v1\nkind: HealthCheckPolicy\n"
      + "metadata: {name: h, namespace: a}\n";

  private static List<ModelError> errors(String text) {
    var r = KubernetesLoader.create().loadString("hc.yaml", text);
    assertThat(r.isValid()).as(text).isFalse();
    return r.getError().asJava();
  }

  @Test
  void aBadHealthCheckPolicyIsRefusedNamingFileAndPath() {
    String svc = "targetRef: {group: \"\", kind: Service, name: web}";
    List<String[]> cases = List.of(
        new String[] {"spec: {default: {}}", "spec.targetRef", "needs a targetRef"},
        new String[] {"spec: {targetRef: {group: gateway.networking.k8s.io, kind: Gateway, name: gw}, default: {}}",
            "spec.targetRef", "applies a HealthCheckPolicy to a Service"},
        new String[] {"spec: {" + svc + "}", "spec", "needs spec.default or spec.override"},
        new String[] {"spec: {" + svc + ", default: {port: 70000}}", "spec.default.port", "70000"},
        new String[] {"spec: {" + svc + ", default: {interval: '5'}}", "spec.default.interval", "duration"},
        new String[] {"spec: {" + svc + ", default: {timeout: 0s}}", "spec.default.timeout", "above zero"},
        new String[] {"spec: {" + svc + ", default: {healthyThreshold: 0}}", "spec.default.healthyThreshold",
            "above zero"},
        new String[] {"spec: {" + svc + ", default: {grpc: {}, http: {path: /}}}", "spec.default", "exclusive"},
        new String[] {"spec: {" + svc + ", default: {http: {path: health}}}", "spec.default.http.path",
            "must start with /"},
        new String[] {"spec: {" + svc + ", default: {http: {match: {statusCodes: [{start: 300, end: 200}]}}}}",
            "spec.default.http.match.statusCodes[0]", "start <= end"},
        new String[] {"spec: {" + svc + ", default: {useTLS: maybe}}", "spec.default.useTLS", "true or false"});
    for (String[] c : cases) {
      assertThat(errors(HCP + c[0] + "\n")).as(c[0]).anyMatch(e -> e.file().equals("hc.yaml")
          && e.path().equals(c[1]) && e.message().contains(c[2]));
    }
  }

  @Test
  void overrideWinsOverDefaultFieldByField() {
    KubernetesCluster k = KubernetesLoader.create().loadString("hc.yaml", HCP + "spec:\n  targetRef: {group: \"\", "
        + "kind: Service, name: web, namespace: b}\n  default: {port: 8081, http: {path: /d}}\n"
        + "  override: {port: 9000}\n").get().value();
    var h = k.healthCheckPolicies().get(0);
    assertThat(h.port()).hasValue(9000);
    assertThat(h.path()).contains("/d");
    assertThat(h.serviceKey()).isEqualTo("b/web");
    assertThat(h.accepts(399)).isTrue();   // no statusCodes: 200-399
  }

  private static final String POD = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\nspec:\n"
      + "  containers:\n  - name: c\n    ports: [{containerPort: 8080, name: http}]\n    readinessProbe:\n";

  @Test
  void readinessProbesAreReadInEveryHandlerAndBadOnesRefused() {
    KubernetesCluster k = KubernetesLoader.create().loadString("pod.yaml", POD
        + "      httpGet: {path: /ready, port: http, scheme: HTTPS}\n").get().value();
    ContainerProbe p = k.pods().get(0).containers().get(0).readinessProbe().orElseThrow();
    assertThat(p.kind()).isEqualTo(ContainerProbe.Kind.HTTP_GET);
    assertThat(p.path()).isEqualTo("/ready");
    assertThat(p.https()).isTrue();
    assertThat(p.port().orElseThrow().toString()).isEqualTo("http");
    for (String[] ok : List.of(new String[] {"tcpSocket: {port: 8080}", "TCP_SOCKET"},
        new String[] {"grpc: {port: 9000}", "GRPC"}, new String[] {"exec: {command: [cat, /tmp/ready]}", "EXEC"})) {
      assertThat(KubernetesLoader.create().loadString("pod.yaml", POD + "      " + ok[0] + "\n").get().value().pods()
          .get(0).containers().get(0).readinessProbe().orElseThrow().kind().name()).isEqualTo(ok[1]);
    }
    List<String[]> bad = List.of(
        new String[] {"httpGet: {path: /}", "spec.containers[0].readinessProbe.httpGet.port", "needs a port"},
        new String[] {"tcpSocket: {port: '8080'}", "spec.containers[0].readinessProbe.tcpSocket.port", "digits"},
        new String[] {"grpc: {}", "spec.containers[0].readinessProbe.grpc.port", "needs a port"},
        new String[] {"httpGet: {port: 80, scheme: FTP}", "spec.containers[0].readinessProbe.httpGet.scheme",
            "HTTP or HTTPS"},
        new String[] {"{httpGet: {port: 80}, tcpSocket: {port: 80}}", "spec.containers[0].readinessProbe",
            "exactly one handler"});
    for (String[] c : bad) {
      String text = c[0].startsWith("{") ? POD.replace("    readinessProbe:\n", "    readinessProbe: " + c[0] + "\n")
          : POD + "      " + c[0] + "\n";
      var r = KubernetesLoader.create().loadString("pod.yaml", text);
      assertThat(r.isValid()).as(c[0]).isFalse();
      assertThat(r.getError().asJava()).as(c[0]).anyMatch(e -> e.file().equals("pod.yaml") && e.path().equals(c[1])
          && e.message().contains(c[2]));
    }
  }
}
