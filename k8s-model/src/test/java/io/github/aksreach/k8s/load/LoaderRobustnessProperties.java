package io.github.aksreach.k8s.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.JsonMutations;
import io.github.aksreach.k8s.K8sGens;
import io.github.aksreach.k8s.TestFiles;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Mutated real-world documents (a value somewhere replaced by null, a string, a number, a Boolean, a list or a
 * mapping) never make the loader throw: every outcome is a valid model or errors with a location.
 */
class LoaderRobustnessProperties {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<String> FILES = List.of("popeye-node-list.yaml", "popeye-networkpolicy-list.yaml",
      "popeye-service-list.yaml", "k9s-networkpolicy-ipblock.json");

  @Test
  void mutatedDocumentsNeverThrow() {
    List<JsonNode> originals = new ArrayList<>();
    for (String f : FILES) {
      try {
        originals.add(YAML.readTree(TestFiles.readRealWorld(f)));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
    AtomicLong valid = new AtomicLong();
    AtomicLong invalid = new AtomicLong();
    qt().withFixedSeed(0xf022L).withExamples(200).forAll(in -> {
      K8sGens.R r = new K8sGens.R(in);
      JsonNode doc = originals.get(r.between(0, originals.size() - 1)).deepCopy();
      JsonMutations.mutate(doc, r.between(1, 3), r::between);
      return doc;
    }).checkAssert(doc -> {
      String text;
      try {
        text = YAML.writeValueAsString(doc);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      Validation<Seq<ModelError>, Loaded<KubernetesCluster>> v =
          KubernetesLoader.create().loadString("mutated.yaml", text);
      if (v.isValid()) {
        valid.incrementAndGet();
      } else {
        invalid.incrementAndGet();
        assertThat(v.getError()).allMatch(e -> e.file().equals("mutated.yaml"))
            .noneMatch(e -> e.message().contains("internal error"));
      }
    });
    System.out.printf("Loader robustness: %d valid, %d rejected%n", valid.get(), invalid.get());
    assertThat(valid.get()).isGreaterThan(10);
    assertThat(invalid.get()).isGreaterThan(50);
  }
}
