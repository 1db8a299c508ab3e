package io.github.aksreach.examples.scenarios;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites of one scenario file for {@link ScenarioRobustnessProperties}: the same tree written with YAML anchors,
 * aliases and merge keys, a mapping given a key twice, and the nodes of a dump made to break the API server's
 * identity rules. Every choice is read from {@code choices}, so a case is reproduced from its seed.
 *
 * <pre>{@code
 * HostileMutations.Written w = HostileMutations.anchored(tree, choices);
 * w.plain();      // the tree as flow-style YAML (JSON), no anchor
 * w.anchored();   // the same tree with &anchors, *aliases and <<: merge keys: expands to plain's tree
 * }</pre>
 */
final class HostileMutations {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HostileMutations() {}

  /** The choices read in turn, each reduced to {@code [0, n)}. */
  static final class Choices {
    private final long[] cs;
    private int next;

    Choices(long[] cs) {
      this.cs = cs;
    }

    int below(int n) {
      long c = cs[next++ % cs.length] + next * 7919L;
      return (int) (c % Math.max(1, n));
    }
  }

  /** A tree written twice: plainly, and with anchors, aliases and merge keys; and how many of each it holds. */
  record Written(String plain, String anchored, int merges, int aliases) {}

  /**
   * {@code doc} as flow-style YAML, and again with some mappings' fields partly moved under a merge key
   * ({@code <<: {...}} or {@code <<: [{...}, {...}]}, with decoy values for keys the mapping writes itself, which win)
   * and some repeated values anchored at their first use and aliased after.
   */
  static Written anchored(JsonNode doc, long[] choices) {
    Choices c = new Choices(choices);
    Map<String, Integer> seen = new HashMap<>();
    count(doc, seen);
    Emitter e = new Emitter(c, seen);
    StringBuilder sb = new StringBuilder();
    e.emit(doc, sb, true);
    return new Written(plain(doc), sb.toString() + "\n", e.merges, e.aliases);
  }

  private static String plain(JsonNode doc) {
    try {
      return JSON.writeValueAsString(doc) + "\n";
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** How often each mapping, list and string (as JSON text) occurs. */
  private static void count(JsonNode n, Map<String, Integer> seen) {
    if (n.isTextual() || n.isContainerNode()) {
      seen.merge(n.toString(), 1, Integer::sum);
    }
    n.forEach(child -> count(child, seen));
  }

  private static final class Emitter {
    final Choices c;
    final Map<String, Integer> seen;
    final Map<String, String> anchors = new HashMap<>();
    final Set<String> chosen = new HashSet<>();
    int merges;
    int aliases;
    int ids;

    Emitter(Choices c, Map<String, Integer> seen) {
      this.c = c;
      this.seen = seen;
    }

    void emit(JsonNode n, StringBuilder sb, boolean mayAlias) {
      String key = n.toString();
      if (mayAlias && (n.isTextual() || n.isContainerNode()) && seen.getOrDefault(key, 0) > 1) {
        String a = anchors.get(key);
        if (a != null) {
          sb.append('*').append(a).append(' ');
          aliases++;
          return;
        }
        if (!chosen.contains(key) && c.below(2) == 0) {
          a = "a" + ids++;
          anchors.put(key, a);
          sb.append('&').append(a).append(' ');
        }
        chosen.add(key);
      }
      if (n.isObject()) {
        object((ObjectNode) n, sb);
      } else if (n.isArray()) {
        sb.append('[');
        for (int i = 0; i < n.size(); i++) {
          sb.append(i == 0 ? "" : ", ");
          emit(n.get(i), sb, true);
        }
        sb.append(']');
      } else {
        sb.append(n.toString());
      }
    }

    void object(ObjectNode o, StringBuilder sb) {
      List<String> keys = new ArrayList<>();
      o.fieldNames().forEachRemaining(keys::add);
      boolean merge = !keys.isEmpty() && c.below(3) == 0;
      sb.append('{');
      List<String> written = keys;
      if (merge) {
        merges++;
        // some fields go under the merge key; the rest stay, and one of those also gets a decoy the mapping overrides
        List<String> moved = new ArrayList<>();
        written = new ArrayList<>();
        for (String k : keys) {
          (c.below(2) == 0 ? moved : written).add(k);
        }
        ObjectNode merged = JSON.createObjectNode();
        moved.forEach(k -> merged.set(k, o.get(k)));
        if (!written.isEmpty()) {
          merged.put(written.get(c.below(written.size())), "decoy-the-mapping-overrides");
        }
        sb.append("<<: ");
        if (merged.size() > 1 && c.below(2) == 0) {
          // a list of mappings: split without overlap, so which one wins never matters here
          ObjectNode first = JSON.createObjectNode();
          ObjectNode second = JSON.createObjectNode();
          Iterator<Map.Entry<String, JsonNode>> it = merged.fields();
          int i = 0;
          while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            (i++ % 2 == 0 ? first : second).set(f.getKey(), f.getValue());
          }
          sb.append('[');
          fields(first, List.copyOf(iterable(first)), sb);
          sb.append(", ");
          fields(second, List.copyOf(iterable(second)), sb);
          sb.append(']');
        } else {
          fields(merged, List.copyOf(iterable(merged)), sb, true);
        }
        if (!written.isEmpty()) {
          sb.append(", ");
        }
      }
      for (int i = 0; i < written.size(); i++) {
        sb.append(i == 0 ? "" : ", ");
        sb.append(JSON.getNodeFactory().textNode(written.get(i)).toString()).append(": ");
        emit(o.get(written.get(i)), sb, true);
      }
      sb.append('}');
    }

    private void fields(ObjectNode o, List<String> keys, StringBuilder sb) {
      fields(o, keys, sb, false);
    }

    /** A mapping of {@code keys}: its values are emitted without aliases (a merged mapping is not the tree's own). */
    private void fields(ObjectNode o, List<String> keys, StringBuilder sb, boolean anchor) {
      if (anchor && c.below(2) == 0) {
        sb.append("&m").append(ids++).append(' ');
      }
      sb.append('{');
      for (int i = 0; i < keys.size(); i++) {
        sb.append(i == 0 ? "" : ", ");
        sb.append(JSON.getNodeFactory().textNode(keys.get(i)).toString()).append(": ");
        emit(o.get(keys.get(i)), sb, false);
      }
      sb.append('}');
    }
  }

  private static List<String> iterable(ObjectNode o) {
    List<String> out = new ArrayList<>();
    o.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** Every mapping of {@code n}, in document order. */
  static List<ObjectNode> objects(JsonNode n) {
    List<ObjectNode> out = new ArrayList<>();
    collect(n, out);
    return out;
  }

  private static void collect(JsonNode n, List<ObjectNode> out) {
    if (n.isObject()) {
      out.add((ObjectNode) n);
    }
    n.forEach(child -> collect(child, out));
  }

  /** A mapping given one of its keys a second time: the text, the key, and the line of the second. */
  record Duplicated(String text, String key, int secondLine) {}

  /** {@code doc} pretty-printed (one key a line) with a key of one of its mappings written again after the others. */
  static Duplicated duplicateKey(JsonNode doc, long[] choices) throws JsonProcessingException {
    Choices c = new Choices(choices);
    List<ObjectNode> withKeys = objects(doc).stream().filter(o -> o.size() > 0).toList();
    ObjectNode o = withKeys.get(c.below(withKeys.size()));
    List<String> keys = iterable(o);
    String key = keys.get(c.below(keys.size()));
    String marker = "zz-second-" + key.hashCode() + "-marker";
    o.set(marker, c.below(2) == 0 ? o.get(key) : JSON.getNodeFactory().textNode("another value"));
    String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    String quoted = JSON.getNodeFactory().textNode(marker).toString();
    int at = text.indexOf(quoted);
    int line = (int) text.substring(0, at).chars().filter(ch -> ch == '\n').count() + 1;
    return new Duplicated(text.replace(quoted, JSON.getNodeFactory().textNode(key).toString()) + "\n", key, line);
  }

  /** The {@code kind: Node} items of a kubectl list (or the object itself), with their index. */
  static List<ObjectNode> nodes(JsonNode doc) {
    List<ObjectNode> out = new ArrayList<>();
    JsonNode items = doc.isArray() ? doc : doc.path("items");
    if (doc.path("kind").asText().equals("Node")) {
      out.add((ObjectNode) doc);
    }
    items.forEach(i -> {
      if (i.path("kind").asText().equals("Node") && i.path("status").path("addresses").isArray()) {
        out.add((ObjectNode) i);
      }
    });
    return out;
  }

  /** The address of {@code node}'s first entry of {@code type}, or null. */
  static String address(JsonNode node, String type) {
    for (JsonNode a : node.path("status").path("addresses")) {
      if (a.path("type").asText().equals(type)) {
        return a.path("address").asText();
      }
    }
    return null;
  }

  /** Ways to write a node's {@code status.addresses} that no API server accepts; returns what was done. */
  static String breakAddresses(ObjectNode node, int how) {
    ObjectNode status = (ObjectNode) node.get("status");
    ArrayNode list = (ArrayNode) status.get("addresses");
    switch (how) {
      case 0:
        status.put("addresses", "10.10.1.4");
        return "a string, not a list";
      case 1:
        list.add("10.10.1.250");
        return "an entry that is a string";
      case 2:
        list.addObject().put("type", "InternalIP");
        return "an entry without an address";
      case 3:
        list.addObject().put("address", "10.10.1.251");
        return "an entry without a type";
      case 4:
        list.add(list.get(list.size() - 1).deepCopy());
        return "an entry twice";
      default:
        list.addObject().put("type", "Hostname").put("address", "another-hostname");
        return "a second Hostname";
    }
  }

  static final int ADDRESS_BREAKS = 6;
}
