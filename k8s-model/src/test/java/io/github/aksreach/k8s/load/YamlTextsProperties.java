package io.github.aksreach.k8s.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aksreach.core.input.ReadLimits;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * YAML read as scenario YAML is read gives Jackson's YAML tree, for documents long enough that the reader keeps
 * repeated text values once (its table of recent texts is made after a file's first 256 values), with values whose
 * hashes collide ("Aa"/"BB") and values too long to be kept.
 */
class YamlTextsProperties {
  private static final ObjectMapper JACKSON = new ObjectMapper(Yaml.factory());
  private static final List<String> VALUES = List.of("Aa", "BB", "AaAa", "BBBB", "kube-system", "'x y'", "\"a\\tb\"",
      "\u00e9t\u00e9", "Aa".repeat(13), "BB".repeat(13), "z".repeat(400), "z".repeat(401), "'123'", "true");

  @Test
  void documentsAreJacksonsYamlTrees() {
    qt().withExamples(200).forAll(lists().of(integers().between(0, VALUES.size() - 1)).ofSizeBetween(1, 40),
        integers().between(1, 20)).checkAssert((ix, times) -> {
          StringBuilder yaml = new StringBuilder("items:\n");
          for (int t = 0; t < times; t++) {
            for (int i : ix) {
              yaml.append("- v: ").append(VALUES.get(i)).append('\n');
            }
          }
          String text = yaml.toString();
          JsonNode read = Yaml.documents("x.yaml", text, ReadLimits.defaults()).get().get(0).node();
          try {
            assertThat(read).isEqualTo(JACKSON.readTree(text));
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        });
  }
}
