package io.github.aksreach.k8s.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.aksreach.core.model.ModelError;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The assumptions a dump that is not whole makes: pods on nodes it lacks. */
class ManifestAssumptionsTest {
  private static ScenarioSources podsOnAnAbsentNode(int n) {
    // the loader notes a pod on an absent node only when the dump has nodes at all
    StringBuilder sb = new StringBuilder("{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [{\"apiVersion\":"
        + " \"v1\", \"kind\": \"Node\", \"metadata\": {\"name\": \"here\"}, \"spec\": {\"podCIDR\": \"10.245.0.0/24\"},"
        + " \"status\": {\"addresses\": [{\"type\": \"InternalIP\", \"address\": \"10.10.1.4\"}]}}");
    for (int i = 0; i < n; i++) {
      sb.append(",").append("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p")
          .append(i).append("\",\"namespace\":\"default\"},\"spec\":{\"nodeName\":\"gone\"},\"status\":{\"phase\":")
          .append("\"Running\",\"podIP\":\"10.244.").append(i / 250).append('.').append(i % 250 + 1).append("\"}}");
    }
    return ScenarioSources.named("x").plusKubernetes(List.of(new ScenarioSources.Text("pods.json",
        sb.append("]}").toString())));
  }

  /**
   * Each pod on a node the dump lacks gets one warning saying what that means, in place of the loader's shorter note,
   * named as the loader named its text, and a dump of many such pods is not quadratic (each warning searched every
   * note: 50,000 pods took minutes).
   */
  @Test
  void eachPodOnAnAbsentNodeHasOneWarningInPlaceOfTheLoadersNote() {
    Scenario loaded = ScenarioLoader.load(podsOnAnAbsentNode(3)).orElseThrow();
    assertThat(loaded.notes()).filteredOn(n -> n.message().contains("which is not in the dump")).hasSize(3);
    List<ModelError> notes = ManifestAssumptions.apply(loaded).notes();
    assertThat(notes).filteredOn(n -> n.message().contains("which is not in the dump")).hasSize(3)
        .allSatisfy(n -> assertThat(n.message()).contains("runs on node gone, which is not in the dump (kubectl get"
            + " nodes): under"))
        .allSatisfy(n -> assertThat(n.file()).as("the text's name, as the loader gave it").isEqualTo("pods.json"))
        .extracting(ModelError::path).containsExactly("items[1]", "items[2]", "items[3]");

    Scenario many = ScenarioLoader.load(podsOnAnAbsentNode(40_000)).orElseThrow();
    List<ModelError> all = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> ManifestAssumptions.apply(many).notes());
    assertThat(all.stream().filter(n -> n.message().contains("which is not in the dump (kubectl get nodes)")))
        .hasSize(40_000);
    assertThat(all.stream().filter(n -> n.message().contains("which is not in the dump"))).hasSize(40_000);
  }
}
