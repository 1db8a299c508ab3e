package io.github.aksreach.k8s.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.K8sGens;
import io.github.aksreach.k8s.TestFiles;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private static List<JsonNode> containers(JsonNode n, List<JsonNode> out) {
    if (n.isContainerNode()) {
      out.add(n);
      for (JsonNode c : n) {
        containers(c, out);
      }
    }
    return out;
  }

  private static JsonNode junk(K8sGens.R r) {
    switch (r.between(0, 9)) {
      case 0: return F.nullNode();
      case 1: return F.textNode("");
      case 2: return F.textNode("x/33");
      case 3: return F.numberNode(-1);
      case 4: return F.numberNode(70000);
      case 5: return F.booleanNode(true);
      case 6: return F.arrayNode().add("a");
      case 7: return F.objectNode().put("a", 1);
      case 8: return F.numberNode(1.5);
      default: return F.textNode("10.0.0.1");
    }
  }

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
      int mutations = r.between(1, 3);
      for (int m = 0; m < mutations; m++) {
        List<JsonNode> cs = containers(doc, new ArrayList<>());
        JsonNode target = cs.get(r.between(0, cs.size() - 1));
        if (target.isObject() && target.size() > 0) {
          List<String> names = new ArrayList<>();
          Iterator<Map.Entry<String, JsonNode>> it = target.fields();
          it.forEachRemaining(e -> names.add(e.getKey()));
          ((ObjectNode) target).set(names.get(r.between(0, names.size() - 1)), junk(r));
        } else if (target.isArray() && target.size() > 0) {
          ((ArrayNode) target).set(r.between(0, target.size() - 1), junk(r));
        }
      }
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
