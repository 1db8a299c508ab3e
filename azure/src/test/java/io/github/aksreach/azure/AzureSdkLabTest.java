package io.github.aksreach.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Destination;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.cluster.L7;
import io.github.aksreach.k8s.cluster.ScenarioSources;
import io.github.aksreach.k8s.output.CheckOutput;
import io.github.aksreach.k8s.output.HealthOutput;
import io.github.aksreach.nsg.model.AzureNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End to end: each lab step's Azure resources as Azure SDK model objects ({@link SdkModels}: what the inner models
 * write), through {@link AzureSdkScenario}, plus the step's {@code k8s/} files and {@code scenario.yaml}, answer every
 * question exactly as loading the step's directory does: the same check reports (verdict, fraction, every path and
 * hop), the same health and the same exact reach sets.
 */
class AzureSdkLabTest {
  static final Path LAB = Path.of("../examples/src/main/resources/lab");
  private static final List<Flow> FLOWS = List.of(
      Flow.tcp("192.168.1.4:50326", "192.168.0.22:80").withHttp("demoapi.eyskens.corp", "/weatherforecast"),
      Flow.tcp("192.168.1.4:50326", "192.168.0.22:80"),
      Flow.tcp("192.168.0.36:40000", "192.168.0.22:80").withHttp("demoapi.eyskens.corp", "/weatherforecast"),
      Flow.tcp("192.168.0.4:40000", "192.168.0.22:80"),
      Flow.tcp("203.0.113.9:40000", "192.168.0.22:80").withHttp("demoapi.eyskens.corp", "/weatherforecast"));

  static Stream<Path> steps() throws IOException {
    try (Stream<Path> s = Files.list(LAB)) {
      return s.filter(Files::isDirectory).sorted().toList().stream();
    }
  }

  /** The step's Azure resources as SDK model objects, each with its id where its model writes none. */
  static List<AzureSdkScenario.Resource> resourcesOf(Path step) {
    List<AzureSdkScenario.Resource> out = new ArrayList<>();
    for (Path f : files(step.resolve("azure"))) {
      for (Map<String, Object> az : SdkModels.azObjects(f)) {
        String type = String.valueOf(az.get("type")).toLowerCase(java.util.Locale.ROOT);
        switch (type) {
          case "microsoft.network/networksecuritygroups" -> out.add(AzureSdkScenario.Resource.of(SdkModels.nsg(az)));
          case "microsoft.network/networkinterfaces" -> out.add(AzureSdkScenario.Resource.of(SdkModels.nic(az)));
          case "microsoft.network/virtualnetworks" -> out.add(AzureSdkScenario.Resource.of(SdkModels.vnet(az)));
          case "microsoft.network/routetables" -> out.add(AzureSdkScenario.Resource.of(SdkModels.routeTable(az)));
          // ManagedClusterInner writes no id: the caller has it (KubernetesCluster.id())
          case "microsoft.containerservice/managedclusters" -> out.add(AzureSdkScenario.Resource.of(
              (String) az.get("id"), SdkModels.managedCluster(az)));
          default -> throw new IllegalStateException(f + ": no SDK model mirrored for " + type);
        }
      }
    }
    return out;
  }

  /** The step's {@code k8s/} files and {@code scenario.yaml} as texts, as a directory load reads them. */
  static ScenarioSources kubernetesAndConfigOf(Path step) {
    List<ScenarioSources.Text> k8s = new ArrayList<>();
    for (Path f : files(step.resolve("k8s"))) {
      k8s.add(new ScenarioSources.Text("k8s/" + f.getFileName(), read(f)));
    }
    return ScenarioSources.named(step.getFileName().toString()).plusKubernetes(k8s)
        .withScenarioYaml(new ScenarioSources.Text("scenario.yaml", read(step.resolve("scenario.yaml"))));
  }

  @ParameterizedTest
  @MethodSource("steps")
  void theSdkObjectsAnswerAsTheDirectory(Path step) {
    ScenarioSources az = AzureSdkScenario.ofResources(step.getFileName().toString(), resourcesOf(step)).orElseThrow();
    assertThat(az.azure()).isNotEmpty().allSatisfy(t -> {
      assertThat(t.name()).startsWith("azure-sdk:/subscriptions/");
      assertThat(t.text()).contains("\"properties\":{").doesNotContain("provisioningState", "etag");
    });
    AksReachability fromSdk = AksReachability.load(kubernetesAndConfigOf(step).plus(az)).orElseThrow();
    AksReachability fromDir = AksReachability.load(step).orElseThrow();

    AzureNetwork s = fromSdk.network().azure();
    AzureNetwork d = fromDir.network().azure();
    assertThat(List.of(s.vnets().size(), s.nsgs().size(), s.nics().size(), s.routeTables().size()))
        .as("every resource of the directory came through the SDK objects")
        .isEqualTo(List.of(d.vnets().size(), d.nsgs().size(), d.nics().size(), d.routeTables().size()));
    assertThat(s.nsgs()).allSatisfy(n -> assertThat(n.defaultRules()).hasSize(6));
    assertThat(fromSdk.network().scenario().aks().map(c -> c.name())).contains("aks-lab");
    for (Flow f : FLOWS) {
      assertThat(CheckOutput.text(fromSdk.check(f))).as("%s: %s", step.getFileName(), f)
          .isEqualTo(CheckOutput.text(fromDir.check(f)));
    }
    assertThat(HealthOutput.text(fromSdk.health())).isEqualTo(HealthOutput.text(fromDir.health()));
    Destination to = Destination.parse("192.168.0.22:80/tcp").get();
    assertThat(fromSdk.reach(to, L7.none(), IpSet.all(IpFamily.V4)).sets())
        .isEqualTo(fromDir.reach(to, L7.none(), IpSet.all(IpFamily.V4)).sets());
  }

  /** The equality above is not vacuous: the article's observations come through the SDK objects. */
  @ParameterizedTest
  @MethodSource("steps")
  void theLabsObservationsComeThroughTheSdkObjects(Path step) {
    ScenarioSources az = AzureSdkScenario.ofResources("lab", resourcesOf(step)).orElseThrow();
    assertThat(az.notes()).as("one note per NSG: its default rules were added").hasSize(
        (int) az.azure().stream().filter(t -> t.name().contains("/networkSecurityGroups/")).count())
        .allSatisfy(n -> assertThat(n.message()).startsWith("info: the Azure SDK's toJson leaves out"));
    AksReachability a = AksReachability.load(kubernetesAndConfigOf(step).plus(az)).orElseThrow();
    assertThat(a.network().scenario().notes()).extracting(ModelError::file)
        .contains(az.notes().get(0).file());
    Verdict v = a.check(FLOWS.get(0)).verdict();
    String name = step.getFileName().toString();
    if (name.startsWith("step3")) {
      assertThat(v.kind()).isEqualTo(Verdict.Kind.ALWAYS);
      assertThat(CheckOutput.text(a.check(FLOWS.get(0)))).contains("nsg-ingress");
    } else if (name.startsWith("step4")) {
      assertThat(v.kind()).isEqualTo(Verdict.Kind.SOMETIMES);
      assertThat(v.deliveredFraction().toString()).isEqualTo("1/3");
    } else if (name.startsWith("step2") || name.startsWith("step8")) {
      assertThat(v.kind()).isEqualTo(Verdict.Kind.NEVER);
    }
  }

  private static List<Path> files(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
