package io.github.aksreach.core.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Validated;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Validation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads the documents of one JSON or YAML text into trees, as the tools users run write them: several documents per
 * file (YAML {@code ---}, concatenated JSON, JSON Lines), YAML anchors and aliases (an alias shares its anchor's
 * tree), YAML merge keys ({@code <<: *base}, {@code <<: [*a, *b]}; keys written in the mapping win, then earlier
 * merged mappings) and a leading byte-order mark. Refused, each with its line: duplicate keys in one mapping (naming
 * both lines), aliases to no anchor, aliases that would add more than {@link ReadLimits#maxAliasNodes()} nodes (the
 * "billion laughs"), nesting deeper than Jackson's limit (1000), syntax errors.
 *
 * <pre>{@code
 * Validation<Seq<ModelError>, List<Documents.Doc>> d = Documents.json("nsgs.json", "{\"a\": 1} {\"a\": 2}", limits);
 * d.get().size();                                  // 2, the second starting on line 1
 * Documents.json("x.json", "{\"a\": 1, \"a\": 2}", limits).getError().head().toString();
 * // "x.json: line 1, column 11: duplicate key 'a' in the top-level mapping: first on line 1, again on line 1"
 * // YAML (k8s-model): Documents.read(name, yamlFactory.createParser(text), p -> ((YAMLParser) p).isCurrentAlias(), limits)
 * }</pre>
 */
public final class Documents {
  /**
   * Names of colliding hashes are read, not refused: Jackson's refusal ("suspect a DoS attack") depends on its table's
   * random seed and on the names earlier files left in the table it shares, so the same file could read one day and
   * not the next; past the limit Jackson stops sharing names, and a tree's maps bound their own collisions.
   */
  static final JsonFactory JSON = JsonFactory.builder().disable(JsonFactory.Feature.FAIL_ON_SYMBOL_HASH_OVERFLOW)
      .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String MERGE = "<<";

  /**
   * One document.
   *
   * @param node its tree, or null for an empty document or an explicit null
   * @param line the line where it starts
   */
  public record Doc(JsonNode node, int line) {}

  private final String name;
  private final JsonParser p;
  private final Predicate<JsonParser> isAlias;
  private final ReadLimits limits;
  private final List<ModelError> errors = new ArrayList<>();
  /**
   * The path of the value being read, as a stack: {@code pathKeys[i]} the key of level {@code i}, or null for an array
   * element (then {@code pathIndex[i]}); {@link #pathText()} writes it when a message needs it.
   */
  private String[] pathKeys = new String[32];
  private int[] pathIndex = new int[32];
  private int depth;
  private final Map<String, Anchored> anchors = new HashMap<>();
  /** The line of each key of the mappings being read, innermost last (a stack shared by the nested mappings). */
  private int[] keyLines = new int[64];
  private int keyTop;
  private long physical;
  private long logical;
  private final RecentTexts texts = new RecentTexts();

  private record Anchored(JsonNode node, long size) {}

  /**
   * The text values read lately, by content, so that a value repeated across items (a label value, a namespace, a
   * subnet id on every NIC) is one object in the trees and in what readers keep of them: a large dump otherwise
   * holds the same text hundreds of thousands of times. A direct-mapped table of recent values: a value that misses
   * twice in a row in its slot replaces the one there (a value seen once, such as a name, neither evicts nor costs a
   * copy), so the table never grows; a text node is immutable, so sharing it changes no tree.
   */
  private static final class RecentTexts {
    private static final int SLOTS = 4096;
    private static final int LONGEST = 400;
    /** Text values read before the table is made: a small file (most of a directory of manifests) never makes it. */
    private static final int FIRST = 256;
    private int read;
    private TextNode[] slots;
    /** The characters of each slot's text, compared with the parser's by the JDK's vectorized array comparison. */
    private char[][] chars;
    /** The hash of the last value that missed in each slot: a value is kept when it misses a second time in a row. */
    private int[] seen;
    /** The characters of a YAML value being looked up. */
    private char[] buffer;

    /** Whether the table is in use, made once {@link #FIRST} values have been read. */
    private boolean inUse() {
      if (slots != null) {
        return true;
      }
      if (++read < FIRST) {
        return false;
      }
      slots = new TextNode[SLOTS];
      chars = new char[SLOTS][];
      seen = new int[SLOTS];
      buffer = new char[LONGEST];
      return true;
    }

    /** The node of the string token {@code p} is on, read from the parser's characters. */
    TextNode of(JsonParser p) throws IOException {
      int length = p.getTextLength();
      if (length > LONGEST || !inUse()) {
        return NODES.textNode(p.getText());
      }
      return of(p.getTextCharacters(), p.getTextOffset(), length, null);
    }

    /** The node of {@code text} (a YAML parser's value, already a string), looked up by its characters. */
    TextNode of(String text) {
      if (text.length() > LONGEST || !inUse()) {
        return NODES.textNode(text);
      }
      text.getChars(0, text.length(), buffer, 0);
      return of(buffer, 0, text.length(), text);
    }

    /**
     * The node of the characters {@code text[offset, offset + length)}: the slot's when it holds them, else a new one
     * (of {@code asString} when the caller has the string already), kept when it misses twice in a row.
     */
    private TextNode of(char[] text, int offset, int length, String asString) {
      int h = 0;
      for (int i = 0; i < length; i++) {
        h = 31 * h + text[offset + i];
      }
      int slot = (h ^ (h >>> 12)) & (SLOTS - 1);
      char[] known = chars[slot];
      if (known != null && known.length == length && same(known, text, offset)) {
        return slots[slot];
      }
      TextNode made = NODES.textNode(asString != null ? asString : new String(text, offset, length));
      if (seen[slot] == h) {
        // seen just before in this slot: a value that repeats is kept; one seen once (an id, a name) costs no copy
        slots[slot] = made;
        chars[slot] = Arrays.copyOfRange(text, offset, offset + length);
      } else {
        seen[slot] = h;
      }
      return made;
    }

    /**
     * Whether {@code text} from {@code offset} starts with {@code known}: short texts (most values) by a plain loop,
     * longer ones by the JDK's vectorized comparison, which costs more to set up than a short loop takes.
     */
    private static boolean same(char[] known, char[] text, int offset) {
      int n = known.length;
      if (n > 24) {
        return Arrays.equals(known, 0, n, text, offset, offset + n);
      }
      for (int i = 0; i < n; i++) {
        if (known[i] != text[offset + i]) {
          return false;
        }
      }
      return true;
    }
  }

  /** Thrown to stop reading at the first error that leaves no sensible tree. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }

  private Documents(String name, JsonParser p, Predicate<JsonParser> isAlias, ReadLimits limits) {
    this.name = name;
    this.p = p;
    this.isAlias = isAlias;
    this.limits = limits;
  }

  /** The documents of a JSON text (one value, several concatenated, or JSON Lines). */
  public static Validated<List<Doc>> json(String name, String text, ReadLimits limits) {
    return Validated.of(jsonResult(name, text, limits));
  }

  private static Validation<Seq<ModelError>, List<Doc>> jsonResult(String name, String text, ReadLimits limits) {
    try {
      return read(name, JSON.createParser(withoutBom(text)), null, limits);
    } catch (IOException e) {
      return Validation.invalid(Vector.of(new ModelError(name, "", "cannot parse: " + e.getMessage())));
    }
  }

  /**
   * The documents of a parser's input; {@code isAlias} says whether the current scalar is a YAML alias (null for
   * JSON). The parser is closed.
   */
  public static Validated<List<Doc>> read(String name, JsonParser p, Predicate<JsonParser> isAlias,
      ReadLimits limits) {
    return Validated.of(readResult(name, p, isAlias, limits));
  }

  private static Validation<Seq<ModelError>, List<Doc>> readResult(String name, JsonParser p,
      Predicate<JsonParser> isAlias, ReadLimits limits) {
    Documents d = new Documents(name, p, isAlias, limits);
    List<Doc> docs = new ArrayList<>();
    try (p) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        d.anchors.clear();
        int line = p.currentTokenLocation().getLineNr();
        JsonNode n = d.value(t);
        docs.add(new Doc(n == null || n.isNull() ? null : n, line));
      }
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      d.errors.add(new ModelError(name, where, (isAlias == null ? "JSON" : "YAML") + " syntax error: "
          + e.getOriginalMessage()));
    } catch (Stop e) {
      // reported
    } catch (IOException | RuntimeException e) {
      d.errors.add(new ModelError(name, d.where(), "cannot parse: " + e.getMessage()));
    }
    return d.errors.isEmpty() ? Validation.valid(docs) : Validation.invalid(Vector.ofAll(d.errors));
  }

  /**
   * Values read one at a time from a JSON parser the caller walks (a large {@code List} read item by item): each value
   * becomes the tree {@link #json} would build for it, with the same checks (duplicate keys, nesting, syntax). A
   * value with a problem gives nothing: the caller then reads the whole text with {@link #json}, whose messages name
   * the problem with its path and lines.
   *
   * <pre>{@code
   * JsonParser p = new JsonFactory().createParser("{\"items\": [{\"a\": 1}, {\"a\": 1, \"a\": 2}]}");
   * Documents.Values v = Documents.Values.json("x.json", p, limits);
   * p.nextToken(); p.nextToken(); p.nextToken();        // the object, items, the array
   * p.nextToken();
   * v.read();                                           // Optional[{"a":1}]
   * p.nextToken();
   * v.read();                                           // Optional.empty: a duplicate key
   * }</pre>
   */
  public static final class Values {
    private final Documents d;

    private Values(Documents d) {
      this.d = d;
    }

    /** Values of the JSON text {@code p} reads ({@code name} as in {@link #json}). */
    public static Values json(String name, JsonParser p, ReadLimits limits) {
      return new Values(new Documents(name, p, null, limits));
    }

    /**
     * The value starting at the parser's current token, as a tree, the parser left on its last token;
     * a JSON null is a null node. Empty if the value has a problem (the parser is then somewhere inside it).
     *
     * @throws IOException on a syntax error or a read failure
     */
    public java.util.Optional<JsonNode> read() throws IOException {
      JsonToken first = d.p.currentToken();
      if (!d.errors.isEmpty() || first == null) {
        return java.util.Optional.empty();
      }
      try {
        JsonNode n = d.value(first);
        return d.errors.isEmpty() ? java.util.Optional.of(n) : java.util.Optional.empty();
      } catch (Stop e) {
        return java.util.Optional.empty();
      }
    }
  }

  /** The text without a leading byte-order mark. */
  public static String withoutBom(String text) {
    return text.startsWith("\ufeff") ? text.substring(1) : text;
  }

  private String where() {
    return "line " + p.currentTokenLocation().getLineNr() + ", column " + p.currentTokenLocation().getColumnNr();
  }

  private String pathText() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      String k = pathKeys[i];
      if (k == null) {
        sb.append('[').append(pathIndex[i]).append(']');
      } else if (k.matches("[A-Za-z0-9_$-]+")) {
        sb.append(sb.length() == 0 ? "" : ".").append(k);
      } else {
        sb.append("[\"").append(k.replace("\"", "\\\"")).append("\"]");
      }
    }
    return sb.length() == 0 ? "the top-level mapping" : sb.toString();
  }

  /** Enters level {@code depth}: {@code key}, or an array's element {@code index} when {@code key} is null. */
  private void push(String key, int index) {
    if (depth == pathKeys.length) {
      pathKeys = java.util.Arrays.copyOf(pathKeys, depth * 2);
      pathIndex = java.util.Arrays.copyOf(pathIndex, depth * 2);
    }
    pathKeys[depth] = key;
    pathIndex[depth] = index;
    depth++;
  }

  private JsonNode value(JsonToken t) throws IOException {
    if (isAlias != null && t == JsonToken.VALUE_STRING && isAlias.test(p)) {
      return alias(p.getText());
    }
    Object anchor = isAlias == null ? null : p.getObjectId();
    long before = logical;
    physical++;
    logical++;
    JsonNode n;
    switch (t) {
      case START_OBJECT:
        n = object();
        break;
      case START_ARRAY:
        n = array();
        break;
      case VALUE_STRING:
        n = isAlias == null ? texts.of(p) : texts.of(p.getText());
        break;
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        n = number(p);
        break;
      case VALUE_TRUE:
        n = NODES.booleanNode(true);
        break;
      case VALUE_FALSE:
        n = NODES.booleanNode(false);
        break;
      case VALUE_NULL:
        n = NODES.nullNode();
        break;
      case VALUE_EMBEDDED_OBJECT:
        Object o = p.getEmbeddedObject();
        n = o instanceof byte[] ? NODES.binaryNode((byte[]) o) : NODES.textNode(p.getText());
        break;
      default:
        errors.add(new ModelError(name, where(), "unexpected " + t));
        throw new Stop();
    }
    if (anchor != null) {
      anchors.put(anchor.toString(), new Anchored(n, logical - before));
    }
    return n;
  }

  /** The node of the number token {@code p} is on: an int, a long or a big integer as it fits, else a double. */
  static JsonNode number(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
      return NODES.numberNode(p.getDoubleValue());
    }
    switch (p.getNumberType()) {
      case INT:
        return NODES.numberNode(p.getIntValue());
      case LONG:
        return NODES.numberNode(p.getLongValue());
      default:
        return NODES.numberNode(p.getBigIntegerValue());
    }
  }

  private JsonNode alias(String anchor) {
    Anchored a = anchors.get(anchor);
    if (a == null) {
      errors.add(new ModelError(name, where(), "alias *" + anchor + " in " + pathText() + " refers to no anchor"
          + " defined before it in this document"));
      throw new Stop();
    }
    logical += a.size();
    if (logical - physical > limits.maxAliasNodes()) {
      errors.add(new ModelError(name, where(), "YAML aliases expand to more than " + limits.maxAliasNodes()
          + " nodes beyond the ones written in the file (at *" + anchor + " in " + pathText() + "): refused to bound"
          + " the work (raise it with -D" + ReadLimits.MAX_ALIAS_PROPERTY + "=<nodes>)"));
      throw new Stop();
    }
    return a.node();
  }

  /**
   * A mapping. Its keys' lines are kept on {@link #keyLines} in the order the keys enter {@code o} (a linked map), so a
   * duplicate finds its first line by its position, without a map of lines per mapping.
   */
  private JsonNode object() throws IOException {
    ObjectNode o = NODES.objectNode();
    int base = keyTop;
    List<JsonNode> merges = null;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      int line = lineNr();
      push(key, -1);
      JsonNode v = value(p.nextToken());
      depth--;
      if (isAlias != null && key.equals(MERGE)) {
        if (merges == null) {
          merges = new ArrayList<>();
        }
        addMerge(merges, v);
      } else if (o.putIfAbsent(key, v) != null) {
        errors.add(new ModelError(name, "line " + line, "duplicate key '" + key + "' in " + pathText()
            + ": first on line " + keyLines[base + position(o, key)] + ", again on line " + line + " (keep one)"));
      } else {
        if (keyTop == keyLines.length) {
          keyLines = java.util.Arrays.copyOf(keyLines, keyTop * 2);
        }
        keyLines[keyTop++] = line;
      }
    }
    keyTop = base;
    if (t != JsonToken.END_OBJECT) {
      errors.add(new ModelError(name, where(), "unexpected " + t + " in " + pathText()));
      throw new Stop();
    }
    if (merges != null) {
      for (JsonNode m : merges) {
        Iterator<Map.Entry<String, JsonNode>> it = m.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!o.has(e.getKey())) {
            o.set(e.getKey(), e.getValue());
          }
        }
      }
    }
    return o;
  }

  /** The position of {@code key} among {@code o}'s keys, in the order they were put. */
  private static int position(ObjectNode o, String key) {
    int i = 0;
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); i++) {
      if (it.next().equals(key)) {
        return i;
      }
    }
    throw new IllegalStateException("no key " + key);
  }

  /**
   * The current token's line; for JSON without the location object {@code currentTokenLocation()} makes per call
   * (Jackson's JSON parsers keep the token's row; the YAML parser keeps its own marks, so YAML asks for the location).
   */
  private int lineNr() {
    return isAlias == null && p instanceof ParserBase b ? b.getTokenLineNr() : p.currentTokenLocation().getLineNr();
  }

  private void addMerge(List<JsonNode> merges, JsonNode v) {
    if (v.isObject()) {
      merges.add(v);
      return;
    }
    if (v.isArray()) {
      boolean ok = true;
      for (JsonNode e : v) {
        ok &= e.isObject();
      }
      if (ok) {
        v.forEach(merges::add);
        return;
      }
    }
    errors.add(new ModelError(name, where(), "merge key '<<' in " + pathText() + " takes a mapping or a list of"
        + " mappings (an alias such as *base), found " + v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
  }

  private JsonNode array() throws IOException {
    ArrayNode a = NODES.arrayNode();
    JsonToken t;
    int i = 0;
    push(null, 0);
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        errors.add(new ModelError(name, where(), "unexpected end of input in " + pathText()));
        throw new Stop();
      }
      pathIndex[depth - 1] = i++;
      a.add(value(t));
    }
    depth--;
    return a;
  }
}
