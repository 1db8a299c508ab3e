package io.github.aksreach.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link TapeLists} reads what {@link ListStream} (held to {@link Documents}, held to Jackson) reads, and nothing
 * else: over random lists of random values (escapes, non-ASCII, every shape of number, literals, keys given twice,
 * blank space of every kind, broken tokens), both take the same texts, and every element and field read from a tape
 * is the tree the tree reader gives.
 */
class TapeListsProperties {
  private static final ObjectMapper JACKSON = new ObjectMapper();
  private static final ReadLimits LIMITS = ReadLimits.defaults();
  private static final String[] KEYS = {"a", "b", "Aa", "BB", "name", "kind", "\\u0061", "\u00e9", "\\u00e9",
      "k\\\"q", "", "a b", "x\\/y"};
  private static final String[] STRINGS = {"", "web", "kube-system", "10.0.0.4", "\u00e9t\u00e9", "\ud83d\ude00",
      "\u4e2d", "\\\"", "\\\\", "\\/", "\\b\\f\\n\\r\\t", "\\u00e9", "\\ud83d\\ude00", "\\u0000", "\\uD800",
      "a\\u0041b", "z".repeat(500), "z".repeat(400), "z".repeat(401), "Aa", "BB", "AaAa", "BBBB", "AaBB",
      "Aa".repeat(20), "BB".repeat(20)};
  private static final String[] BAD_STRINGS = {"\u0001", "\\x", "\\u12", "\\u12G4", "\t"};
  private static final String[] NUMBERS = {"0", "-0", "7", "-7", "123456789", "-123456789", "1234567890",
      "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
      "-9223372036854775809", "123456789012345678901234567890", "1.5", "-0.0", "0.25", "1e5", "1E-3", "-2.5e+10",
      "1e309", "4.9e-324", "10.000"};
  private static final String[] BAD_NUMBERS = {"01", "1.", "-", ".5", "1e", "1e+", "+1", "--1", "0x1", "1.e3", "NaN",
      "1a"};
  private static final String[] LITERALS = {"true", "false", "null"};
  private static final String[] BAD_LITERALS = {"tru", "nul", "True", "nulll", "falsey"};
  private static final String[] BLANKS = {"", " ", "\n", "\t", "\r\n", "  ", "        ", "\n          ",
      " ".repeat(17) + "\t"};
  private static final String[] BAD_BLANKS = {"\f", "\u00a0", "\u000b"};

  /** A random JSON-ish text; {@code broken} lets it hold a token Jackson refuses, now and then. */
  private static final class Texts {
    private final Random r;
    private final boolean broken;

    Texts(long seed, boolean broken) {
      this.r = new Random(seed);
      this.broken = broken;
    }

    private String pick(String[] good, String[] bad) {
      return broken && r.nextInt(40) == 0 ? bad[r.nextInt(bad.length)] : good[r.nextInt(good.length)];
    }

    String blank() {
      return pick(BLANKS, BAD_BLANKS);
    }

    String value(int depth) {
      int c = r.nextInt(depth > 4 ? 3 : 6);
      switch (c) {
        case 0:
          return "\"" + pick(STRINGS, BAD_STRINGS) + "\"";
        case 1:
          return pick(NUMBERS, BAD_NUMBERS);
        case 2:
          return pick(LITERALS, BAD_LITERALS);
        case 3:
        case 4:
          return object(depth + 1);
        default:
          return array(depth + 1);
      }
    }

    String object(int depth) {
      StringBuilder sb = new StringBuilder("{").append(blank());
      // now and then a mapping of 9 to 80 keys of scalars (a reader checks small and large ones apart for keys twice)
      boolean large = r.nextInt(10) == 0;
      int n = large ? 9 + r.nextInt(72) : r.nextInt(5);
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          sb.append(',').append(blank());
        }
        String key = r.nextInt(large ? 60 : 3) == 0 ? KEYS[r.nextInt(KEYS.length)] : "f" + i;
        sb.append('"').append(key).append('"').append(blank()).append(':').append(blank())
            .append(value(large ? 5 : depth)).append(blank());
      }
      if (broken && r.nextInt(60) == 0) {
        sb.append(',');   // a trailing comma
      }
      return sb.append('}').toString();
    }

    String array(int depth) {
      StringBuilder sb = new StringBuilder("[").append(blank());
      int n = r.nextInt(4);
      for (int i = 0; i < n; i++) {
        sb.append(i > 0 ? "," : "").append(blank()).append(value(depth)).append(blank());
      }
      return sb.append(']').toString();
    }

    /** A List as kubectl writes it, or a top-level array of elements. */
    String list(boolean array) {
      List<String> items = new ArrayList<>();
      for (int i = r.nextInt(6); i > 0; i--) {
        items.add(r.nextInt(4) == 0 ? value(1) : object(1));
      }
      String elements = "[" + blank() + String.join("," + blank(), items) + blank() + "]";
      if (array) {
        return blank() + elements + blank();
      }
      List<String> fields = new ArrayList<>(List.of("\"apiVersion\": \"v1\"", "\"items\": " + elements,
          "\"kind\": \"List\"", "\"metadata\": " + object(1)));
      java.util.Collections.shuffle(fields, r);
      return blank() + "{" + String.join("," + blank(), fields) + "}" + blank();
    }
  }

  /** What a reader took: the list's key, then each field and element as a tree (a tape's walked into one). */
  private static final class Got implements ListStream.Sink, TapeLists.Sink {
    final List<String> parts = new ArrayList<>();

    @Override
    public boolean list(String k) {
      parts.add("list " + k);
      return true;
    }

    @Override
    public boolean field(String k, JsonNode value) {
      parts.add("field " + k + " " + typed(value));
      return true;
    }

    @Override
    public boolean item(int index, JsonNode value) {
      parts.add("item " + index + " " + typed(value));
      return true;
    }

    @Override
    public boolean field(String k, Tape value) {
      return field(k, tree(value, value.root()));
    }

    @Override
    public boolean item(int index, Tape value) {
      return item(index, tree(value, value.root()));
    }
  }

  /** Entry {@code i} of a tape as a tree, through the tape's public accessors. */
  static JsonNode tree(Tape t, int i) {
    switch (t.kind(i)) {
      case Tape.OBJECT: {
        ObjectNode o = JACKSON.createObjectNode();
        for (int m = i + 1; m < t.next(i); m = t.next(m)) {
          o.set(t.key(m), tree(t, m));
        }
        return o;
      }
      case Tape.ARRAY: {
        ArrayNode a = JACKSON.createArrayNode();
        for (int m = i + 1; m < t.next(i); m = t.next(m)) {
          a.add(tree(t, m));
        }
        return a;
      }
      case Tape.STRING:
        return JACKSON.getNodeFactory().textNode(t.text(i));
      case Tape.SCALAR:
        return t.scalar(i);
      default:
        return JACKSON.getNodeFactory().nullNode();
    }
  }

  /** The parts {@link ListStream} took; null when it answered false. */
  private static List<String> byTrees(String text, String key, boolean arrays) {
    Got got = new Got();
    return ListStream.read("x.json", text, LIMITS, key, arrays, got) ? got.parts : null;
  }

  /** The parts {@link TapeLists} took, from bytes (1 to 3 at a time) or from the text; null when it answered false. */
  private static List<String> byTapes(String text, String key, boolean arrays, boolean fromBytes) {
    Got sink = new Got();
    boolean read;
    if (fromBytes) {
      try {
        // as InputFiles.stream gives a file: UTF-8, without its byte-order mark, here in reads of 1 to 3 bytes so
        // that tokens are cut at every place
        byte[] utf8 = Documents.withoutBom(text).getBytes(StandardCharsets.UTF_8);
        InputStream in = new ByteArrayInputStream(utf8) {
          private int turn;

          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1 + turn++ % 3));
          }
        };
        read = TapeLists.read(in, key, arrays, sink);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    } else {
      read = TapeLists.read(text, key, arrays, sink);
    }
    return read ? sink.parts : null;
  }

  /** A tree's text with each node's class, so an int and a long of one value, or 1.0 and 1, differ. */
  static String typed(JsonNode n) {
    StringBuilder sb = new StringBuilder();
    typed(n, sb);
    return sb.toString();
  }

  private static void typed(JsonNode n, StringBuilder sb) {
    sb.append(n.getClass().getSimpleName()).append('(');
    if (n.isObject()) {
      n.fields().forEachRemaining(e -> {
        sb.append(JACKSON.getNodeFactory().textNode(e.getKey())).append(':');
        typed(e.getValue(), sb);
        sb.append(',');
      });
    } else if (n.isArray()) {
      n.forEach(e -> {
        typed(e, sb);
        sb.append(',');
      });
    } else {
      sb.append(n);
    }
    sb.append(')');
  }

  /** Lists of well-formed tokens (a key may still come twice in a mapping, "a" and "\\u0061" say): read alike. */
  @Test
  void wellFormedListsReadAsTheTreeReaderReadsThem() {
    java.util.concurrent.atomic.AtomicInteger lists = new java.util.concurrent.atomic.AtomicInteger();
    qt().withExamples(400).forAll(longs().all(), integers().between(0, 1)).checkAssert((seed, shape) -> {
      String text = new Texts(seed, false).list(shape == 1);
      List<String> trees = byTrees(text, "items", true);
      if (trees != null) {
        lists.incrementAndGet();
      }
      assertThat(byTapes(text, "items", true, true)).as(text).isEqualTo(trees);
      assertThat(byTapes(text, "items", true, false)).as(text).isEqualTo(trees);
    });
    assertThat(lists.get()).as("lists read (the rest hold a key twice)").isGreaterThan(200);
  }

  /** With broken tokens, keys twice, texts cut short or added to: taken by both or by neither, alike. */
  @Test
  void anyTextIsTakenByBothOrNeither() {
    qt().withExamples(1500).forAll(longs().all(), integers().between(0, 9)).checkAssert((seed, choice) -> {
      Random r = new Random(seed);
      String text = new Texts(seed, true).list(r.nextBoolean());
      text = TextMutations.rewrite(text, choice, (lo, hi) -> lo + r.nextInt(hi - lo + 1), "{\"kind\": \"List\"}");
      List<String> trees = byTrees(text, "items", true);
      assertThat(byTapes(text, "items", true, true)).as(text).isEqualTo(trees);
      assertThat(byTapes(text, "items", true, false)).as(text).isEqualTo(trees);
    });
  }

  /** A tape made from a tree gives the tree back. */
  @Test
  void aTapeOfATreeIsThatTree() {
    qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
      String text = new Texts(seed, false).value(0);
      try {
        JsonNode tree = JACKSON.readTree(text);
        Tape t = Tape.of(tree);
        assertThat(typed(tree(t, t.root()))).as(text).isEqualTo(typed(tree));
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
  }

  /** Beyond the tape's own limits, the tree reader reads it (its limits are Jackson's, far higher). */
  @Test
  void deepNestingAndLongTokensAreLeftToTheTreeReader() {
    // an element is level 1; the values in it at most MAX_DEPTH levels deep
    String deep = "[" + "[".repeat(TapeReader.MAX_DEPTH + 1) + "]".repeat(TapeReader.MAX_DEPTH + 1) + "]";
    assertThat(byTrees(deep, "items", true)).isNotNull();
    assertThat(byTapes(deep, "items", true, true)).isNull();
    String justDeepEnough = "[" + "[".repeat(TapeReader.MAX_DEPTH) + "]".repeat(TapeReader.MAX_DEPTH) + "]";
    assertThat(byTapes(justDeepEnough, "items", true, true)).isEqualTo(byTrees(justDeepEnough, "items", true));
    String longString = "[\"" + "x".repeat(TapeReader.MAX_TOKEN + 1) + "\"]";
    assertThat(byTrees(longString, "items", true)).isNotNull();
    assertThat(byTapes(longString, "items", true, true)).isNull();
    String longNumber = "[1" + "0".repeat(TapeReader.MAX_NUMBER) + "]";
    assertThat(byTrees(longNumber, "items", true)).isNotNull();
    assertThat(byTapes(longNumber, "items", true, true)).isNull();
    String manyKeys = "[{" + java.util.stream.IntStream.range(0, 40).mapToObj(i -> "\"k" + i + "\": " + i)
        .collect(java.util.stream.Collectors.joining(", ")) + ", \"k7\": 0}]";
    assertThat(byTrees(manyKeys, "items", true)).isNull();
    assertThat(byTapes(manyKeys, "items", true, true)).isNull();
  }

  /**
   * A key twice is refused, and distinct keys taken, in mappings of every size the reader checks apart (pair by pair
   * up to 8 keys, through its table beyond, grown past 64), with the second key anywhere, many mappings in a row
   * (the table's stamps); {@link #aKeyTwiceIsFoundAcrossTheTablesEnd} wraps around the table's end.
   */
  @Test
  void aKeyTwiceIsFoundInMappingsOfEverySize() {
    for (int n : new int[] {2, 3, 8, 9, 10, 17, 63, 64, 65, 66, 130}) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        keys.add("k" + i);
      }
      String distinct = mapping(keys);
      assertThat(byTapes("[" + distinct + "," + distinct + "]", "items", true, true)).as("%d keys", n)
          .isEqualTo(byTrees("[" + distinct + "," + distinct + "]", "items", true)).isNotNull();
      for (int[] twice : new int[][] {{0, 1}, {0, n - 1}, {n - 2, n - 1}, {n / 2 - 1, n - 1}}) {
        List<String> dup = new ArrayList<>(keys);
        dup.set(twice[1], keys.get(twice[0]));
        String text = "[" + distinct + "," + mapping(dup) + "]";
        assertThat(byTrees(text, "items", true)).isNull();
        assertThat(byTapes(text, "items", true, true)).as("%d keys, %s", n, dup).isNull();
      }
    }
  }

  /**
   * Two keys that both start at the table's last slot (its first size and slot function, as {@code distinctKeys} has
   * them), so the second wraps around to slot 0: a key twice found across the wrap, and two keys apart kept apart.
   */
  @Test
  void aKeyTwiceIsFoundAcrossTheTablesEnd() {
    List<String> last = new ArrayList<>();
    for (int i = 0; last.size() < 2; i++) {
      int h = ("w" + i).hashCode();
      if (((h ^ (h >>> 7)) & 127) == 127) {
        last.add("w" + i);
      }
    }
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      keys.add("k" + i);
    }
    keys.addAll(last);
    String distinct = "[" + mapping(keys) + "]";
    assertThat(byTapes(distinct, "items", true, true)).isEqualTo(byTrees(distinct, "items", true)).isNotNull();
    for (String again : last) {
      List<String> dup = new ArrayList<>(keys);
      dup.add(again);
      String twice = "[" + mapping(dup) + "]";
      assertThat(byTrees(twice, "items", true)).isNull();
      assertThat(byTapes(twice, "items", true, true)).as(again).isNull();
    }
  }

  private static String mapping(List<String> keys) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < keys.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append('"').append(keys.get(i)).append("\": ").append(i);
    }
    return sb.append('}').toString();
  }

  /**
   * Keys as Jackson takes them: at most 50,000 characters (a longer one is refused by both readers), and names of one
   * hash read (Jackson is told not to refuse them, which it would do by its table's random seed and history).
   */
  @Test
  void longKeysAndKeysOfOneHashReadAlike() {
    String longest = "[{\"" + "k".repeat(50_000) + "\": 1}]";
    assertThat(byTapes(longest, "items", true, true)).isNotNull().isEqualTo(byTrees(longest, "items", true));
    String tooLong = "[{\"" + "k".repeat(50_001) + "\": 1}]";
    assertThat(byTrees(tooLong, "items", true)).isNull();
    assertThat(byTapes(tooLong, "items", true, true)).isNull();
    assertThat(byTapes(tooLong, "items", true, false)).isNull();
    StringBuilder colliding = new StringBuilder("[{");
    for (int i = 0; i < 512; i++) {   // 9 blocks of "bb" or "cA": one length, one hash by Jackson's name function
      StringBuilder k = new StringBuilder();
      for (int bit = 0; bit < 9; bit++) {
        k.append((i >> bit & 1) == 0 ? "bb" : "cA");
      }
      colliding.append(i == 0 ? "" : ", ").append('"').append(k).append("\": ").append(i);
    }
    String text = colliding.append("}]").toString();
    assertThat(byTrees(text, "items", true)).isNotNull();
    assertThat(byTapes(text, "items", true, true)).isEqualTo(byTrees(text, "items", true));
  }

  /** An element larger than the window is read whole (the window grows), and many elements keep it small. */
  @Test
  void elementsLargerThanTheWindowAndManyElementsRead() {
    String big = "{\"items\": [{\"a\": \"" + "y".repeat(200_000) + "\", \"b\": [1, 2]}], \"kind\": \"List\"}";
    assertThat(byTapes(big, "items", false, true)).isEqualTo(byTrees(big, "items", false));
    StringBuilder many = new StringBuilder("{\"kind\": \"PodList\", \"items\": [");
    for (int i = 0; i < 20_000; i++) {
      many.append(i == 0 ? "" : ",").append("{\"metadata\": {\"name\": \"pod-").append(i)
          .append("\", \"namespace\": \"kube-system\"}}");
    }
    String text = many.append("]}").toString();
    assertThat(byTapes(text, "items", false, true)).isEqualTo(byTrees(text, "items", false));
  }

  /**
   * A value repeated through a file is one string in what readers keep (the point of the table of recent texts), and
   * keys of one {@link String#hashCode()} ("Aa" and "BB") and values of one {@link ByteRuns#hash} (two found here by
   * search) each keep their own text.
   */
  @Test
  void aValueRepeatedThroughAFileIsOneString() {
    String[] same = valuesOfOneHash();
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < 50; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"ns\": \"kube-system\", \"Aa\": \"Aa\", \"BB\": \"BB\", \"name\": \"p")
          .append(i).append("\", \"v\": \"").append(same[i % 2]).append("\", \"w\": \"").append(same[(i / 2) % 2])
          .append("\"}");
    }
    List<String> namespaces = new ArrayList<>();
    List<String> pairs = new ArrayList<>();
    List<String> values = new ArrayList<>();
    assertThat(TapeLists.read(sb.append("]").toString(), "items", true, (i, t) -> {
      namespaces.add(t.text(t.member(Tape.ROOT, "ns")));
      pairs.add(t.text(t.member(Tape.ROOT, "Aa")) + t.text(t.member(Tape.ROOT, "BB")));   // keys of one hash
      values.add(t.text(t.member(Tape.ROOT, "v")) + "," + t.text(t.member(Tape.ROOT, "w")));
      return true;
    })).isTrue();
    assertThat(namespaces).hasSize(50).allMatch(n -> n.equals("kube-system"));
    assertThat(namespaces.subList(2, 50)).allMatch(n -> n == namespaces.get(49));
    assertThat(pairs).allMatch(p -> p.equals("AaBB"));
    for (int i = 0; i < 50; i++) {
      assertThat(values.get(i)).isEqualTo(same[i % 2] + "," + same[(i / 2) % 2]);
    }
  }

  /** Two texts of the same length and {@link ByteRuns#hash}, found by a birthday search. */
  private static String[] valuesOfOneHash() {
    java.util.Map<Integer, String> byHash = new java.util.HashMap<>();
    for (int i = 0; ; i++) {
      String v = String.format(java.util.Locale.ROOT, "value-%08d", i);
      byte[] b = v.getBytes(StandardCharsets.US_ASCII);
      String before = byHash.putIfAbsent(ByteRuns.hash(b, 0, b.length), v);
      if (before != null) {
        return new String[] {before, v};
      }
    }
  }

  /** A text UTF-8 cannot carry (a lone surrogate) is left to the tree reader, which reads it as it is. */
  @Test
  void aLoneSurrogateInATextIsLeftToTheTreeReader() {
    String text = "[\"a\ud800b\"]";
    assertThat(byTrees(text, "items", true)).isNotNull();
    assertThat(byTapes(text, "items", true, false)).isNull();
  }
}
