package io.github.aksreach.k8s.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.input.ReadLimits;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.k8s.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A scenario held in memory loads through the same readers, validation and notes as its directory. */
class ScenarioSourcesTest {
  private static final String SERVICE = "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"web\","
      + "\"namespace\":\"default\"},\"spec\":{\"type\":\"ClusterIP\",\"clusterIP\":\"10.0.0.10\",\"ports\":[{\"port\":%d,"
      + "\"protocol\":\"TCP\"}]}}";

  /** The lab step's files as texts, named as the directory loader names them. */
  static ScenarioSources texts(Path step) throws IOException {
    ScenarioSources s = ScenarioSources.named(step.getFileName().toString());
    for (Path f : files(step.resolve("k8s"))) {
      s = s.plusKubernetes(List.of(new ScenarioSources.Text(f.getFileName().toString(), Files.readString(f))));
    }
    for (Path f : files(step.resolve("azure"))) {
      s = s.plusAzure(List.of(new ScenarioSources.Text(f.getFileName().toString(), Files.readString(f))));
    }
    return s.withScenarioYaml(new ScenarioSources.Text(step.resolve("scenario.yaml").toString(),
        Files.readString(step.resolve("scenario.yaml"))));
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void theLabAsTextsIsTheLabAsADirectory() throws IOException {
    for (String step : List.of("step4-cluster-nsgs-nodes", "step8-istio-cluster-allowlist")) {
      Path dir = TestFiles.labDir(step);
      Scenario fromDir = ScenarioLoader.load(dir).orElseThrow();
      Scenario fromTexts = ScenarioLoader.load(texts(dir)).orElseThrow();
      assertThat(fromTexts.name()).isEqualTo(step);
      assertThat(fromTexts.azure()).isEqualTo(fromDir.azure());
      assertThat(fromTexts.kubernetes()).isEqualTo(fromDir.kubernetes());
      assertThat(fromTexts.aks()).isEqualTo(fromDir.aks());
      assertThat(fromTexts.config()).isEqualTo(fromDir.config());
      assertThat(fromTexts.kubernetes().nodes()).hasSize(3);
    }
  }

  @Test
  void errorsNameTheTextAndItsPath() {
    Validated<Scenario> s = ScenarioLoader.load(ScenarioSources.named("x").plusKubernetes(List.of(
        new ScenarioSources.Text("fabric8:Service/default/web", String.format(SERVICE, 70000)))));
    assertThat(s.isInvalid()).isTrue();
    assertThat(s.getError()).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo("fabric8:Service/default/web");
      assertThat(e.path()).contains("spec.ports[0].port");
    });
  }

  /** The limits given hold for every text, scenario.yaml's too (its aliases here, as for a directory's file). */
  @Test
  void theScenarioYamlIsReadWithinTheLimitsGiven() {
    ScenarioSources in = ScenarioSources.named("x").plusKubernetes(List.of(
        new ScenarioSources.Text("fabric8:Service/default/web", String.format(SERVICE, 80))))
        .withScenarioYaml(new ScenarioSources.Text("scenario.yaml",
            "network:\n  routedIntoVnet: &r [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]\n"
            + "cluster: {networkPlugin: kubenet}\nx: *r\n"));
    Validated<Scenario> usual = ScenarioLoader.load(in, ReadLimits.defaults(), LoadOptions.strict());
    assertThat(usual.isValid() ? List.<String>of() : usual.getError().map(ModelError::message).toJavaList())
        .noneMatch(m -> m.contains("aliases expand"));
    Validated<Scenario> tight = ScenarioLoader.load(in, ReadLimits.defaults().withMaxAliasNodes(1),
        LoadOptions.strict());
    assertThat(tight.isInvalid()).isTrue();
    assertThat(tight.getError()).anySatisfy(e -> {
      assertThat(e.file()).isEqualTo("scenario.yaml");
      assertThat(e.message()).contains("YAML aliases expand to more than 1");
    });
  }

  /** Texts are held to the caps a directory's files are: each to the per-file cap, all of them to the total cap. */
  @Test
  void textsOverTheSizeCapsAreRefusedNamingTheText() {
    String web = String.format(SERVICE, 80);
    String api = web.replace("web", "api");
    String nsg = "{\"name\": \"nsg-a\", \"type\": \"Microsoft.Network/networkSecurityGroups\", \"securityRules\": []}";
    ScenarioSources in = ScenarioSources.named("x").plusKubernetes(List.of(
        new ScenarioSources.Text("fabric8:Service/default/web", web),
        new ScenarioSources.Text("fabric8:Service/default/api", api)))
        .plusAzure(List.of(new ScenarioSources.Text("azure:nsg-a", nsg)))
        .withScenarioYaml(new ScenarioSources.Text("scenario.yaml", "cluster: {networkPlugin: kubenet}\n"));
    assertThat(ScenarioLoader.load(in).isValid()).isTrue();

    // per text: the Service is over a cap the NSG and scenario.yaml fit under
    long perText = web.length() - 1;
    Validated<Scenario> small = ScenarioLoader.load(in, ReadLimits.defaults().withMaxFileBytes(perText),
        LoadOptions.strict());
    assertThat(small.getError()).hasSize(2).allSatisfy(e -> assertThat(e.message()).isEqualTo("text is "
        + web.length() + " bytes (as UTF-8), over the limit of " + perText + " bytes per file: not read (raise it with"
        + " -Daksreach.maxFileBytes=<bytes> or ReadLimits.withMaxFileBytes, and the heap with -Xmx)"))
        .extracting(ModelError::file).containsExactly("fabric8:Service/default/web", "fabric8:Service/default/api");

    // in UTF-8: a text of as many characters, some of them two bytes, is over the cap
    ScenarioSources wide = ScenarioSources.named("x").withScenarioYaml(new ScenarioSources.Text("scenario.yaml",
        "# " + "\u00e9".repeat(600) + "\n"));
    assertThat(ScenarioLoader.load(wide, ReadLimits.defaults().withMaxFileBytes(1000), LoadOptions.strict())
        .getError()).anySatisfy(e -> {
          assertThat(e.file()).isEqualTo("scenario.yaml");
          assertThat(e.message()).startsWith("text is 1203 bytes (as UTF-8), over the limit of 1000 bytes per file");
        });

    // all texts together: Azure first, then Kubernetes, then scenario.yaml; the second Service passes the total, and
    // scenario.yaml, which fits in what the refused one left, is read
    long total = nsg.length() + web.length() + api.length() - 1;
    Validated<Scenario> tight = ScenarioLoader.load(in, ReadLimits.defaults().withMaxTotalBytes(total),
        LoadOptions.strict());
    assertThat(tight.getError()).extracting(ModelError::file).containsExactly("fabric8:Service/default/api");
    assertThat(tight.getError().head().message()).startsWith("admitting this text of " + api.length()
        + " bytes would pass the limit of " + total + " bytes for all files of the scenario: not read (raise it with"
        + " -Daksreach.maxTotalBytes=<bytes> or ReadLimits.withMaxTotalBytes");

    // kept what fits, and said what was left out and why
    Scenario skipped = ScenarioLoader.load(in, ReadLimits.defaults().withMaxTotalBytes(total),
        LoadOptions.skippingInvalid()).orElseThrow();
    assertThat(skipped.kubernetes().services()).extracting(s -> s.name()).containsExactly("web");
    assertThat(skipped.notes()).anySatisfy(n -> {
      assertThat(n.file()).isEqualTo("fabric8:Service/default/api");
      assertThat(n.message()).contains("would pass the limit of");
    });
  }

  @Test
  void skippingInvalidLeavesTheBadTextOutWithANoteAndKeepsTheRest() {
    ScenarioSources in = ScenarioSources.named("x").plusKubernetes(List.of(
        new ScenarioSources.Text("fabric8:Service/default/web", String.format(SERVICE, 70000)),
        new ScenarioSources.Text("fabric8:Service/default/api", String.format(SERVICE, 80).replace("web", "api"))));
    Scenario s = ScenarioLoader.load(in, ReadLimits.defaults(), LoadOptions.skippingInvalid()).orElseThrow();
    assertThat(s.kubernetes().services()).singleElement().satisfies(svc -> assertThat(svc.name()).isEqualTo("api"));
    assertThat(s.notes()).anySatisfy(n -> {
      assertThat(n.file()).isEqualTo("fabric8:Service/default/web");
      assertThat(n.message()).contains("left out (--skip-invalid), Service default/web");
    });
  }

  @Test
  void theProducersNotesComeFirstAndNothingIsNotAScenario() {
    ModelError note = new ModelError("fabric8:gateways.gateway.networking.k8s.io", "", "info: left out: no CRD");
    Scenario s = ScenarioLoader.load(ScenarioSources.named("x").plusNotes(List.of(note)).plusKubernetes(List.of(
        new ScenarioSources.Text("svc.json", String.format(SERVICE, 80))))).orElseThrow();
    assertThat(s.notes()).first().isEqualTo(note);

    Validated<Scenario> empty = ScenarioLoader.load(ScenarioSources.named("nothing"));
    assertThat(empty.getError()).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo("nothing");
      assertThat(e.message()).isEqualTo("no Kubernetes object and no Azure resource given");
    });
  }

  @Test
  void twoAzureTextsMayNotShareAName() {
    String nsg = "{\"name\": \"nsg-a\", \"type\": \"Microsoft.Network/networkSecurityGroups\", \"securityRules\": []}";
    Validated<Scenario> s = ScenarioLoader.load(ScenarioSources.named("x").plusAzure(List.of(
        new ScenarioSources.Text("azure:nsg", nsg), new ScenarioSources.Text("azure:nsg", nsg))));
    assertThat(s.getError()).anySatisfy(e -> {
      assertThat(e.file()).isEqualTo("azure:nsg");
      assertThat(e.message()).contains("named alike");
    });
  }

  @Test
  void plusJoinsBothHalves() {
    ScenarioSources k8s = ScenarioSources.named("k").plusKubernetes(List.of(new ScenarioSources.Text("a", "x")))
        .plusNotes(List.of(ModelError.of("n1")));
    ScenarioSources az = ScenarioSources.named("z").plusAzure(List.of(new ScenarioSources.Text("b", "y")))
        .withScenarioYaml(new ScenarioSources.Text("scenario.yaml", "{}")).plusNotes(List.of(ModelError.of("n2")));
    ScenarioSources both = k8s.plus(az);
    assertThat(both.name()).isEqualTo("k");
    assertThat(both.kubernetes()).hasSize(1);
    assertThat(both.azure()).hasSize(1);
    assertThat(both.scenarioYaml()).isPresent();
    assertThat(both.notes()).extracting(ModelError::message).containsExactly("n1", "n2");
  }
}
