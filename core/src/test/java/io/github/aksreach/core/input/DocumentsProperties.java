package io.github.aksreach.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The trees {@link Documents} reads are Jackson's own, whatever the text values: repeated ones (kept once),
 * ones whose hashes collide ("Aa" and "BB"), escaped and non-ASCII ones, and ones too long to be kept.
 */
class DocumentsProperties {
  private static final ObjectMapper JACKSON = new ObjectMapper();
  private static final List<String> VALUES = List.of("\"Aa\"", "\"BB\"", "\"AaAa\"", "\"BBBB\"", "\"AaBB\"", "\"\"",
      "\"a\"", "\"\\u0041a\"", "\"B\\u0042\"", "\"\u00e9\"", "\"\\u00e9\"", "\"x\\ny\"", "\"kube-system\"", "1", "true",
      "null", "\"" + "z".repeat(399) + "\"", "\"" + "z".repeat(401) + "\"", "\"" + "z".repeat(400) + "\"",
      // longer than the plain loop compares, of one length and one hash: "Aa" and "BB" blocks in any order
      "\"" + "Aa".repeat(13) + "\"", "\"" + "BB".repeat(13) + "\"", "\"" + "Aa".repeat(12) + "BB\"",
      "\"" + "BB" + "Aa".repeat(12) + "\"");

  private static Gen<String> documents() {
    Gen<String> item = lists().of(integers().between(0, VALUES.size() - 1)).ofSizeBetween(0, 4).map(ix -> {
      StringBuilder sb = new StringBuilder("{");
      for (int i = 0; i < ix.size(); i++) {
        sb.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(VALUES.get(ix.get(i)));
      }
      return sb.append('}').toString();
    });
    // the items repeated up to 16 times: past the values read before the table is made, and hits in it
    return lists().of(item).ofSizeBetween(0, 30).zip(integers().between(1, 16), (items, times) -> {
      List<String> all = new java.util.ArrayList<>();
      for (int t = 0; t < times; t++) {
        all.addAll(items);
      }
      return "{\"items\":[" + String.join(",", all) + "]}";
    });
  }

  /** The same, read item by item from the bytes (Jackson's byte parser, as a List on disk is read). */
  @Test
  void itemsReadFromBytesAreJacksons() {
    qt().withExamples(300).forAll(documents()).checkAssert(text -> {
      try {
        JsonNode expected = JACKSON.readTree(text).get("items");
        JsonParser p = new JsonFactory().createParser(text.getBytes(StandardCharsets.UTF_8));
        Documents.Values values = Documents.Values.json("x.json", p, ReadLimits.defaults());
        while (p.nextToken() != JsonToken.START_ARRAY) {
          // to the items
        }
        int i = 0;
        while (p.nextToken() == JsonToken.START_OBJECT) {
          assertThat(values.read()).contains(expected.get(i++));
        }
        assertThat(i).isEqualTo(expected.size());
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
  }

  /**
   * A value repeated through a long file is one object (the point of the table): every later item's value is the
   * node an earlier item has, from text as from bytes; a small file keeps its own nodes.
   */
  @Test
  void aValueRepeatedThroughALongFileIsOneObject() throws IOException {
    StringBuilder sb = new StringBuilder("{\"items\":[");
    for (int i = 0; i < 400; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"name\":\"pod-").append(i).append("\",\"namespace\":\"kube-system\"}");
    }
    String text = sb.append("]}").toString();
    JsonNode items = Documents.json("x.json", text, ReadLimits.defaults()).get().get(0).node().get("items");
    assertThat(items.get(399).get("namespace")).isSameAs(items.get(200).get("namespace"));
    assertThat(items.get(399).get("name")).isNotSameAs(items.get(200).get("name"));
    JsonParser p = new JsonFactory().createParser(text.getBytes(StandardCharsets.UTF_8));
    Documents.Values values = Documents.Values.json("x.json", p, ReadLimits.defaults());
    while (p.nextToken() != JsonToken.START_ARRAY) {
      // to the items
    }
    JsonNode[] read = new JsonNode[400];
    for (int i = 0; p.nextToken() == JsonToken.START_OBJECT; i++) {
      read[i] = values.read().orElseThrow();
    }
    assertThat(read[399].get("namespace")).isSameAs(read[200].get("namespace"));
    JsonNode small = Documents.json("x.json", "[{\"a\":\"kube-system\"},{\"a\":\"kube-system\"}]",
        ReadLimits.defaults()).get().get(0).node();
    assertThat(small.get(1).get("a")).isNotSameAs(small.get(0).get("a"));
  }

  @Test
  void treesAreJacksonsWhateverTheTextValues() {
    qt().withExamples(500).forAll(documents()).checkAssert(text -> {
      JsonNode read = Documents.json("x.json", text, ReadLimits.defaults()).get().get(0).node();
      try {
        assertThat(read).isEqualTo(JACKSON.readTree(text));
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
  }
}
