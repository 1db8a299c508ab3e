package io.github.aksreach.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.IntBinaryOperator;

/**
 * Mutations of real documents for robustness properties: a value somewhere replaced by null, an empty or odd string,
 * a negative or huge number, a Boolean, a list or a mapping.
 *
 * <pre>{@code
 * JsonNode doc = YAML.readTree(text);
 * JsonMutations.mutate(doc, 2, (lo, hi) -> r.between(lo, hi));   // two values replaced
 * }</pre>
 */
public final class JsonMutations {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private JsonMutations() {}

  /** The replacement value number {@code choice} (0 to 9). */
  public static JsonNode junk(int choice) {
    switch (choice) {
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

  /** Every object and array of {@code n}, {@code n} first. */
  public static List<JsonNode> containers(JsonNode n) {
    List<JsonNode> out = new ArrayList<>();
    collect(n, out);
    return out;
  }

  private static void collect(JsonNode n, List<JsonNode> out) {
    if (n.isContainerNode()) {
      out.add(n);
      for (JsonNode c : n) {
        collect(c, out);
      }
    }
  }

  /**
   * Replaces {@code count} values of {@code doc} in place; {@code between.applyAsInt(lo, hi)} picks an int in
   * {@code [lo, hi]} (the property's source of randomness).
   */
  public static void mutate(JsonNode doc, int count, IntBinaryOperator between) {
    for (int m = 0; m < count; m++) {
      List<JsonNode> cs = containers(doc);
      JsonNode target = cs.get(between.applyAsInt(0, cs.size() - 1));
      if (target.isObject() && target.size() > 0) {
        List<String> names = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = target.fields();
        it.forEachRemaining(e -> names.add(e.getKey()));
        ((ObjectNode) target).set(names.get(between.applyAsInt(0, names.size() - 1)),
            junk(between.applyAsInt(0, 9)));
      } else if (target.isArray() && target.size() > 0) {
        ((ArrayNode) target).set(between.applyAsInt(0, target.size() - 1), junk(between.applyAsInt(0, 9)));
      }
    }
  }
}
