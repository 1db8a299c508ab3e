package io.github.aksreach.azure.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Destination;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Validated;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AzureLiveScenario} against a recorded Azure Resource Manager ({@link RecordedArm}: the clients' real
 * requests answered from ARM REST bodies, no network): a lab step listed through the SDK answers as its directory;
 * pages are followed; a refused list, a malformed body or a missing cluster is an error naming it.
 */
class AzureLiveScenarioTest {
  static final Path LAB = Path.of("../examples/src/main/resources/lab");
  static final Path SCENARIOS = Path.of("../examples/src/test/resources/scenarios");
  static final String RG = "rg-aks";
  static final String NODE_RG = "MC_rg-aks_aks-lab_westeurope";
  static final String NSGS = "/subscriptions/" + RecordedArm.SUB + "/resourceGroups/" + RG
      + "/providers/Microsoft.Network/networkSecurityGroups";
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

  /** The step's {@code k8s/} files and {@code scenario.yaml}: the Kubernetes half, as a fabric8 client would give. */
  static ScenarioSources kubernetesOf(Path step) {
    List<ScenarioSources.Text> k8s = new ArrayList<>();
    try (Stream<Path> s = Files.list(step.resolve("k8s"))) {
      for (Path f : s.sorted().toList()) {
        k8s.add(new ScenarioSources.Text("k8s/" + f.getFileName(), Files.readString(f)));
      }
      ScenarioSources out = ScenarioSources.named(step.getFileName().toString()).plusKubernetes(k8s);
      Path yaml = step.resolve("scenario.yaml");
      return Files.exists(yaml) ? out.withScenarioYaml(new ScenarioSources.Text("scenario.yaml",
          Files.readString(yaml))) : out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("steps")
  void aLabStepListedThroughTheSdkAnswersAsItsDirectory(Path step) {
    RecordedArm arm = new RecordedArm().addDirectory(step);
    Validated<ScenarioSources> azure = AzureLiveScenario.ofCluster(arm.containerService(), arm.network(), RG,
        "aks-lab");
    assertThat(azure.isValid()).as("%s", azure).isTrue();
    assertThat(azure.get().azure()).allSatisfy(t -> assertThat(t.name()).startsWith("azure-sdk:/subscriptions/"));
    // the cluster, then its resource group, its node resource group, then the scale sets its subnets name
    assertThat(arm.requests).first().asString().endsWith("/managedClusters/aks-lab");
    assertThat(arm.requests).anySatisfy(r -> assertThat(r).contains("/resourceGroups/" + NODE_RG
        + "/providers/Microsoft.Network/loadBalancers"))
        .anySatisfy(r -> assertThat(r).endsWith("/virtualMachineScaleSets/aks-user-28786594-vmss/networkInterfaces"));

    AksReachability live = AksReachability.load(AzureLiveScenario.paired(Validated.valid(kubernetesOf(step)), azure)
        .orElseThrow()).orElseThrow();
    AksReachability dir = AksReachability.load(step).orElseThrow();
    AzureNetwork s = live.network().azure();
    AzureNetwork d = dir.network().azure();
    assertThat(List.of(s.vnets().size(), s.nsgs().size(), s.nics().size(), s.routeTables().size()))
        .as("every resource of the directory was listed").isEqualTo(List.of(d.vnets().size(), d.nsgs().size(),
            d.nics().size(), d.routeTables().size()));
    assertThat(live.network().scenario().aks().map(c -> c.name())).contains("aks-lab");
    for (Flow f : FLOWS) {
      assertThat(CheckOutput.text(live.check(f))).as("%s: %s", step.getFileName(), f)
          .isEqualTo(CheckOutput.text(dir.check(f)));
    }
    assertThat(HealthOutput.text(live.health())).isEqualTo(HealthOutput.text(dir.health()));
    Destination to = Destination.parse("192.168.0.22:80/tcp").get();
    assertThat(live.reach(to, L7.none(), IpSet.all(IpFamily.V4)).sets())
        .isEqualTo(dir.reach(to, L7.none(), IpSet.all(IpFamily.V4)).sets());
    if (step.getFileName().toString().startsWith("step4")) {
      Verdict v = live.check(FLOWS.get(0)).verdict();
      assertThat(v.kind()).isEqualTo(Verdict.Kind.SOMETIMES);
      assertThat(v.deliveredFraction().toString()).isEqualTo("1/3");
    }
  }

  @Test
  void everyPageIsRead() {
    Path step = LAB.resolve("step4-cluster-nsgs-nodes");
    RecordedArm arm = new RecordedArm().addDirectory(step);
    arm.pageSize = 1;
    ScenarioSources azure = AzureLiveScenario.ofCluster(arm.containerService(), arm.network(), RG, "aks-lab")
        .orElseThrow();
    assertThat(arm.requests).as("ARM's nextLink followed").contains("GET " + NSGS + "?%24skiptoken=1",
        "GET " + NSGS + "?%24skiptoken=2");
    RecordedArm whole = new RecordedArm().addDirectory(step);
    ScenarioSources unpaged = AzureLiveScenario.ofCluster(whole.containerService(), whole.network(), RG, "aks-lab")
        .orElseThrow();
    assertThat(azure.azure()).hasSize(unpaged.azure().size()).isEqualTo(unpaged.azure());
    assertThat(azure.azure()).extracting(ScenarioSources.Text::name).anySatisfy(n -> assertThat(n)
        .endsWith("/networkSecurityGroups/nsg-user"));
  }

  /**
   * Only the node resource group listed: the user's VNet, its subnets' NSGs and the client VM's NIC (in rg-aks) are
   * fetched by id from what the node NICs and the VNet refer to, and the step answers as its directory.
   */
  @Test
  void whatListedResourcesReferToIsFetchedById() throws IOException {
    Path step = LAB.resolve("step4-cluster-nsgs-nodes");
    RecordedArm arm = new RecordedArm().addDirectory(step);
    ScenarioSources azure = AzureLiveScenario.ofResourceGroups(arm.network(), List.of(NODE_RG)).orElseThrow();
    String rg = "/subscriptions/" + RecordedArm.SUB + "/resourceGroups/" + RG + "/providers/Microsoft.Network/";
    assertThat(arm.requests).contains("GET " + rg + "virtualNetworks/vnet-aks-lab",
        "GET " + rg + "networkSecurityGroups/nsg-user", "GET " + rg + "networkInterfaces/vm-client-nic")
        .noneMatch(r -> r.contains("/resourceGroups/" + RG + "/providers/Microsoft.Network/networkSecurityGroups?"));
    // the ingress subnet names a load balancer the recording does not hold: ARM's 404 leaves it out, with a note
    assertThat(azure.notes()).extracting(ModelError::file).contains("azure-sdk:/subscriptions/" + RecordedArm.SUB
        + "/resourceGroups/" + NODE_RG + "/providers/Microsoft.Network/loadBalancers/kubernetes-internal");
    ScenarioSources whole = kubernetesOf(step).plus(azure).plusAzure(List.of(new ScenarioSources.Text(
        "azure/aks.json", Files.readString(step.resolve("azure/aks.json")))));
    AksReachability live = AksReachability.load(whole).orElseThrow();
    AksReachability dir = AksReachability.load(step).orElseThrow();
    assertThat(live.network().azure().nics()).hasSize(dir.network().azure().nics().size());
    assertThat(live.network().azure().nsgs()).hasSize(dir.network().azure().nsgs().size());
    for (Flow f : FLOWS) {
      assertThat(CheckOutput.text(live.check(f))).isEqualTo(CheckOutput.text(dir.check(f)));
    }
  }

  @Test
  void aReferencedResourceThatCannotBeReadIsAnErrorNamingIt() {
    RecordedArm arm = new RecordedArm().addDirectory(LAB.resolve("step4-cluster-nsgs-nodes"));
    arm.answer(NSGS + "/nsg-user", -1, 403, RecordedArm.armError("AuthorizationFailed", "no"));
    Validated<ScenarioSources> azure = AzureLiveScenario.ofResourceGroups(arm.network(), List.of(NODE_RG));
    assertThat(azure.getError()).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo("azure-sdk:" + NSGS + "/nsg-user");
      assertThat(e.message()).isEqualTo("cannot read this resource, which a listed one refers to: HTTP 403 "
          + "AuthorizationFailed: no");
    });
  }

  @Test
  void aRefusedListIsAnErrorNamingItAndEveryListIsTried() {
    RecordedArm arm = new RecordedArm().addDirectory(LAB.resolve("step4-cluster-nsgs-nodes"));
    arm.answer(NSGS, -1, 403, RecordedArm.armError("AuthorizationFailed", "The client 'alice' does not have "
        + "authorization to perform action 'Microsoft.Network/networkSecurityGroups/read'"));
    arm.answer("/subscriptions/" + RecordedArm.SUB + "/resourceGroups/" + NODE_RG
        + "/providers/Microsoft.Network/loadBalancers", -1, 500, RecordedArm.armError("InternalServerError", "x"));
    Validated<ScenarioSources> azure = AzureLiveScenario.ofCluster(arm.containerService(), arm.network(), RG,
        "aks-lab");
    assertThat(azure.isInvalid()).isTrue();
    assertThat(azure.getError()).extracting(ModelError::file).containsExactly("azure-sdk:" + NSGS,
        "azure-sdk:/subscriptions/" + RecordedArm.SUB + "/resourceGroups/" + NODE_RG
            + "/providers/Microsoft.Network/loadBalancers");
    assertThat(azure.getError().get(0).message()).isEqualTo("cannot list: HTTP 403 AuthorizationFailed: The client "
        + "'alice' does not have authorization to perform action 'Microsoft.Network/networkSecurityGroups/read'");
    assertThat(azure.getError().get(1).message()).startsWith("cannot list: HTTP 500 InternalServerError");
    assertThat(arm.requests).as("the lists after the refused ones were still tried")
        .anySatisfy(r -> assertThat(r).endsWith("/virtualMachineScaleSets/aks-user-28786594-vmss/networkInterfaces"));
  }

  @Test
  void aListRefusedOnItsSecondPageKeepsNothingOfIt() {
    RecordedArm arm = new RecordedArm().addDirectory(LAB.resolve("step4-cluster-nsgs-nodes"));
    arm.pageSize = 1;
    arm.answer(NSGS, 1, 403, RecordedArm.armError("AuthorizationFailed", "no"));
    Validated<ScenarioSources> azure = AzureLiveScenario.ofResourceGroups(arm.network(), List.of(RG));
    assertThat(azure.isInvalid()).isTrue();
    assertThat(azure.getError()).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo("azure-sdk:" + NSGS);
      assertThat(e.message()).isEqualTo("cannot list: HTTP 403 AuthorizationFailed: no");
    });
  }

  @Test
  void aMalformedBodyIsAnErrorNamingTheList() {
    RecordedArm arm = new RecordedArm().addDirectory(LAB.resolve("step4-cluster-nsgs-nodes"));
    arm.answer(NSGS, -1, 200, "{\"value\": [{\"id\": \"/subscriptions/x\", \"properties\": {\"securityRules\": ");
    Validated<ScenarioSources> azure = AzureLiveScenario.ofResourceGroups(arm.network(), List.of(RG, NODE_RG));
    assertThat(azure.isInvalid()).isTrue();
    assertThat(azure.getError()).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo("azure-sdk:" + NSGS);
      assertThat(e.message()).isEqualTo("cannot list: HTTP 200: Deserialization Failed. (Unexpected end-of-input "
          + "within/between Object entries)");
    });
  }

  @Test
  void aMissingClusterIsAnErrorNamingIt() {
    RecordedArm arm = new RecordedArm();
    Validated<ScenarioSources> azure = AzureLiveScenario.ofCluster(arm.containerService(), arm.network(), RG, "nope");
    assertThat(azure.getError()).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo("azure-sdk:/subscriptions/" + RecordedArm.SUB + "/resourceGroups/" + RG
          + "/providers/Microsoft.ContainerService/managedClusters/nope");
      assertThat(e.message()).startsWith("cannot read the managed cluster: HTTP 404 ResourceNotFound: ");
    });
    assertThat(arm.requests).hasSize(1);
  }

  /**
   * Real ARM bodies (shared/realworld): cloud-provider-azure's recorded list response, and the REST spec's NSG GET
   * example served in a list, read as ARM sent them.
   */
  @Test
  @SuppressWarnings("unchecked")
  void realArmBodiesAreRead() throws IOException {
    Path realworld = Stream.of(Path.of("../../shared/realworld"), Path.of("/work/shared/realworld"))
        .filter(Files::isDirectory).findFirst().orElseThrow();
    RecordedArm arm = new RecordedArm();
    String cpa = "/subscriptions/" + RecordedArm.SUB + "/resourceGroups/aks-cit-SecurityGroup/providers/"
        + "Microsoft.Network/networkSecurityGroups";
    arm.answer(cpa, -1, 200, Files.readString(realworld.resolve("cpa-recorded-nsg-list-response.json")));
    Map<String, Object> spec = (Map<String, Object>) RecordedArm.parse(Files.readString(
        realworld.resolve("restspec-NetworkSecurityGroupGet-2023-09-01.json")));
    Object nsg = ((Map<String, Object>) ((Map<String, Object>) spec.get("responses")).get("200")).get("body");
    arm.answer("/subscriptions/" + RecordedArm.SUB + "/resourceGroups/rg1/providers/Microsoft.Network/"
        + "networkSecurityGroups", -1, 200, RecordedArm.json(Map.of("value", List.of(nsg))));
    ScenarioSources azure = AzureLiveScenario.ofResourceGroups(arm.network(), List.of("aks-cit-SecurityGroup", "rg1"))
        .orElseThrow();
    assertThat(azure.azure()).extracting(ScenarioSources.Text::name).containsExactly("azure-sdk:" + cpa
        + "/testResource", "azure-sdk:/subscriptions/subid/resourceGroups/rg1/providers/Microsoft.Network/"
        + "networkSecurityGroups/testnsg");
    Map<String, String> texts = new java.util.LinkedHashMap<>();
    azure.azure().forEach(t -> texts.put(t.name(), t.text()));
    AzureNetwork net = io.github.aksreach.nsg.load.AzureLoader.parseAll(texts).orThrow();
    assertThat(net.nsgByName("testResource").orElseThrow().defaultRules()).hasSize(6);
    assertThat(net.nsgByName("testResource").orElseThrow().customRules()).isEmpty();
    var rule = net.nsgByName("testnsg").orElseThrow().customRules();
    assertThat(rule).singleElement().satisfies(r -> {
      assertThat(r.name()).isEqualTo("rule1");
      assertThat(r.priority().value()).isEqualTo(130);
      assertThat(r.provenance().orElseThrow().file()).endsWith("/networkSecurityGroups/testnsg");
    });
  }

  /** A load balancer and its probe come through the SDK as from the directory (lb-dumped-probe-overridden). */
  @Test
  void loadBalancersAreListed() {
    Path scenario = SCENARIOS.resolve("lb-dumped-probe-overridden");
    RecordedArm arm = new RecordedArm().addDirectory(scenario);
    ScenarioSources azure = AzureLiveScenario.ofResourceGroups(arm.network(),
        List.of("rg-mini", "MC_rg-mini_aks-mini_westeurope")).orElseThrow();
    assertThat(azure.azure()).extracting(ScenarioSources.Text::name)
        .anySatisfy(n -> assertThat(n).contains("/loadBalancers/"));
    AksReachability live = AksReachability.load(kubernetesOf(scenario).plus(azure)).orElseThrow();
    AksReachability dir = AksReachability.load(scenario).orElseThrow();
    assertThat(HealthOutput.text(live.health())).isEqualTo(HealthOutput.text(dir.health())).contains("DOWN");
    Flow f = Flow.tcp("10.10.9.4:40000", "10.10.1.100:80");
    assertThat(live.check(f).verdict().kind()).isEqualTo(Verdict.Kind.NEVER);
    assertThat(CheckOutput.text(live.check(f))).isEqualTo(CheckOutput.text(dir.check(f)));
  }

  @Test
  void pairingReportsTheErrorsOfBothHalves() {
    Validated<ScenarioSources> k8s = Validated.invalid(io.vavr.collection.Vector.of(
        new ModelError("fabric8:nodes", "", "cannot list nodes: HTTP 403")));
    RecordedArm arm = new RecordedArm();
    Validated<ScenarioSources> azure = AzureLiveScenario.ofCluster(arm.containerService(), arm.network(), RG, "x");
    assertThat(AzureLiveScenario.paired(k8s, azure).getError()).extracting(ModelError::file)
        .containsExactly("fabric8:nodes", "azure-sdk:/subscriptions/" + RecordedArm.SUB + "/resourceGroups/" + RG
            + "/providers/Microsoft.ContainerService/managedClusters/x");
    ScenarioSources both = AzureLiveScenario.paired(Validated.valid(ScenarioSources.named("prod")),
        Validated.valid(ScenarioSources.named("azure").plusAzure(List.of(new ScenarioSources.Text("a", "[]")))))
        .orElseThrow();
    assertThat(both.name()).isEqualTo("prod");
    assertThat(both.azure()).hasSize(1);
  }
}
