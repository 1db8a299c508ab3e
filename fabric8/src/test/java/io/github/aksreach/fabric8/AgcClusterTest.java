package io.github.aksreach.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.cluster.ScenarioSources;
import io.github.aksreach.k8s.model.ApplicationLoadBalancer;
import io.github.aksreach.k8s.output.CheckOutput;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Application Gateway for Containers through a live client: the {@code ApplicationLoadBalancer} custom resource
 * ({@code alb.networking.azure.io/v1}) is listed like the Gateway API kinds, so a scenario whose Gateway binds to an
 * ALB answers through the client as its directory does (corpus scenario {@code agc-association-subnet}).
 */
class AgcClusterTest {
  private static final Path SCENARIO = Path.of("../examples/src/test/resources/scenarios/agc-association-subnet");
  /** The corpus's partner client (allowed by the association subnet's NSG) and another client (denied). */
  private static final List<Flow> FLOWS = List.of(
      Flow.tcp("203.0.113.7:40000", "20.61.10.5:80").withHttp("app.example.com", "/api"),
      Flow.tcp("198.51.100.7:40000", "20.61.10.5:80").withHttp("app.example.com", "/api"),
      Flow.tcp("203.0.113.7:40000", "20.61.10.5:80").withHttp("app.example.com", "/v2"));

  /** The scenario's Kubernetes objects created in a mock API server, then listed through a client. */
  private static ScenarioSources throughClient(Path scenario) {
    try (MockCluster cluster = new MockCluster()) {
      cluster.createKubernetesObjectsOf(scenario);
      return Fabric8Scenario.from(cluster.client).orElseThrow();
    }
  }

  @Test
  void theApplicationLoadBalancerComesThroughTheClientAndTheAnswersAreTheDirectorys() {
    AksReachability fromDir = AksReachability.load(SCENARIO).orElseThrow();
    ScenarioSources k8s = throughClient(SCENARIO);
    AksReachability fromClient = AksReachability.load(k8s.plus(MockCluster.azureAndConfigOf(SCENARIO))).orElseThrow();
    assertThat(k8s.kubernetes()).extracting(ScenarioSources.Text::name)
        .contains("fabric8:ApplicationLoadBalancer/alb-infra/alb-test");
    assertThat(k8s.notes()).extracting(ModelError::file)
        .doesNotContain("fabric8:applicationloadbalancers.alb.networking.azure.io");
    List<ApplicationLoadBalancer> albs = fromClient.network().scenario().kubernetes().applicationLoadBalancers();
    assertThat(albs).singleElement().satisfies(a -> {
      assertThat(a.namespace() + "/" + a.name()).isEqualTo("alb-infra/alb-test");
      assertThat(a.associations()).singleElement().satisfies(id -> assertThat(id.name()).isEqualTo("subnet-alb"));
    });
    for (Flow f : FLOWS) {
      assertThat(CheckOutput.text(fromClient.check(f))).as("%s", f).isEqualTo(CheckOutput.text(fromDir.check(f)));
    }
    assertThat(fromClient.check(FLOWS.get(0)).verdict().kind()).as("the corpus's expected verdicts")
        .isEqualTo(Verdict.Kind.ALWAYS);
    assertThat(fromClient.check(FLOWS.get(1)).verdict().kind()).isEqualTo(Verdict.Kind.NEVER);
    assertThat(CheckOutput.text(fromClient.check(FLOWS.get(0)))).contains("Application Gateway for Containers");
  }

  @Test
  void theHealthCheckPolicyComesThroughTheClientAndTakesOutTheEndpointItsProbeCannotReach() {
    Path scenario = Path.of("../examples/src/test/resources/scenarios/agc-health-probes");
    AksReachability fromDir = AksReachability.load(scenario).orElseThrow();
    ScenarioSources k8s = throughClient(scenario);
    AksReachability fromClient = AksReachability.load(k8s.plus(MockCluster.azureAndConfigOf(scenario))).orElseThrow();
    assertThat(k8s.kubernetes()).extracting(ScenarioSources.Text::name)
        .contains("fabric8:HealthCheckPolicy/default/app-v3-health");
    assertThat(fromClient.network().scenario().kubernetes().healthCheckPolicies()).hasSize(
        fromDir.network().scenario().kubernetes().healthCheckPolicies().size()).isNotEmpty();
    // the policy probes app-v3 on 8443, where nothing listens: AGC answers 503 for /v3, as from the directory
    Flow v3 = Flow.tcp("203.0.113.7:40000", "20.61.10.5:80").withHttp("app.example.com", "/v3");
    assertThat(fromClient.check(v3).verdict().kind()).isEqualTo(Verdict.Kind.NEVER);
    assertThat(CheckOutput.text(fromClient.check(v3))).isEqualTo(CheckOutput.text(fromDir.check(v3)))
        .contains("8443");
  }
}
