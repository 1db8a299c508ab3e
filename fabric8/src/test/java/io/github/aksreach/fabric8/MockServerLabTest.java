package io.github.aksreach.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Destination;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.cluster.L7;
import io.github.aksreach.k8s.cluster.ScenarioSources;
import io.github.aksreach.k8s.output.CheckOutput;
import io.github.aksreach.k8s.output.HealthOutput;
import io.github.aksreach.k8s.model.KubernetesCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End to end: a fabric8 mock API server (CRUD mode) holding a lab step's Kubernetes objects, listed through
 * {@link Fabric8Scenario#from}, plus the step's {@code azure/} files, answers every question exactly as loading the
 * step's directory does: the same check reports (verdict, fraction, every path and hop), the same health and the
 * same exact reach sets.
 */
class MockServerLabTest {
  private static final List<Flow> FLOWS = List.of(
      Flow.tcp("192.168.1.4:50326", "192.168.0.22:80").withHttp("demoapi.eyskens.corp", "/weatherforecast"),
      Flow.tcp("192.168.1.4:50326", "192.168.0.22:80"),
      Flow.tcp("192.168.0.36:40000", "192.168.0.22:80").withHttp("demoapi.eyskens.corp", "/weatherforecast"),
      Flow.tcp("192.168.0.4:40000", "192.168.0.22:80"),
      Flow.tcp("203.0.113.9:40000", "192.168.0.22:80").withHttp("demoapi.eyskens.corp", "/weatherforecast"));

  static Stream<Path> steps() {
    return MockCluster.steps().stream();
  }

  @ParameterizedTest
  @MethodSource("steps")
  void theMockServerAnswersAsTheDirectory(Path step) {
    AksReachability fromDir = AksReachability.load(step).orElseThrow();
    AksReachability fromClient;
    try (MockCluster cluster = new MockCluster()) {
      cluster.createKubernetesObjectsOf(step);
      ScenarioSources k8s = Fabric8Scenario.from(cluster.client).orElseThrow();
      assertThat(k8s.kubernetes()).allSatisfy(t -> assertThat(t.name()).startsWith("fabric8:"));
      fromClient = AksReachability.load(k8s.plus(MockCluster.azureAndConfigOf(step))).orElseThrow();
    }
    KubernetesCluster c = fromClient.network().scenario().kubernetes();
    KubernetesCluster d = fromDir.network().scenario().kubernetes();
    assertThat(List.of(c.nodes().size(), c.pods().size(), c.services().size(), c.endpointSlices().size(),
        c.ingresses().size(), c.networkPolicies().size(), c.namespaces().size(), c.configMaps().size(),
        c.gatewayClasses().size(), c.gateways().size(), c.httpRoutes().size(), c.authorizationPolicies().size()))
        .as("every object of the directory came through the client").isEqualTo(List.of(d.nodes().size(),
            d.pods().size(), d.services().size(), d.endpointSlices().size(), d.ingresses().size(),
            d.networkPolicies().size(), d.namespaces().size(), d.configMaps().size(), d.gatewayClasses().size(),
            d.gateways().size(), d.httpRoutes().size(), d.authorizationPolicies().size()));
    for (Flow f : FLOWS) {
      assertThat(CheckOutput.text(fromClient.check(f))).as("%s: %s", step.getFileName(), f)
          .isEqualTo(CheckOutput.text(fromDir.check(f)));
    }
    assertThat(HealthOutput.text(fromClient.health())).isEqualTo(HealthOutput.text(fromDir.health()));
    Destination to = Destination.parse("192.168.0.22:80/tcp").get();
    assertThat(fromClient.reach(to, L7.none(), IpSet.all(IpFamily.V4)).sets())
        .isEqualTo(fromDir.reach(to, L7.none(), IpSet.all(IpFamily.V4)).sets());
  }

  /** The equality above is not vacuous: the lab's answers come through the mock server (lab/README.md). */
  @ParameterizedTest
  @MethodSource("steps")
  void theLabsObservationsComeThroughTheClient(Path step) {
    try (MockCluster cluster = new MockCluster()) {
      cluster.createKubernetesObjectsOf(step);
      AksReachability a = AksReachability.load(Fabric8Scenario.from(cluster.client).orElseThrow()
          .plus(MockCluster.azureAndConfigOf(step))).orElseThrow();
      Verdict v = a.check(FLOWS.get(0)).verdict();
      String name = step.getFileName().toString();
      if (name.startsWith("step4")) {
        assertThat(v.kind()).isEqualTo(Verdict.Kind.SOMETIMES);
        assertThat(v.deliveredFraction().toString()).isEqualTo("1/3");
      } else if (name.startsWith("step8")) {
        assertThat(v.kind()).isEqualTo(Verdict.Kind.NEVER);
      } else if (name.startsWith("step9")) {
        assertThat(v.kind()).isEqualTo(Verdict.Kind.ALWAYS);
      }
      assertThat(a.network().scenario().kubernetes().nodes()).isNotEmpty();
    }
  }
}
