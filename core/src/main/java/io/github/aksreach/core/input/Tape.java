package io.github.aksreach.core.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * One JSON value as a flat run of entries in document order, the form readers walk instead of a tree: an entry per
 * value (a mapping, a list, a string, another scalar, a null), each container knowing where its members end, each
 * member of a mapping carrying its key. A tape read from bytes ({@link TapeLists}) keeps its strings as ranges of
 * those bytes and decodes one only when it is asked for, so the many values a reader never looks at (timestamps,
 * images, conditions) cost no object; a tape made from a tree ({@link #of(JsonNode)}) holds its values. Either way a
 * tape answers exactly as the tree {@link Documents} builds for the same text: the same keys, texts and scalar nodes.
 *
 * <pre>{@code
 * Tape t = Tape.of(new ObjectMapper().readTree("{\"metadata\": {\"name\": \"web\"}, \"ports\": [80, 443]}"));
 * int metadata = t.member(Tape.ROOT, "metadata");    // the entry of "metadata", or Tape.ABSENT
 * t.text(t.member(metadata, "name"));                // "web"
 * int ports = t.member(Tape.ROOT, "ports");
 * t.size(ports);                                     // 2
 * t.scalar(t.next(ports + 1)).intValue();            // 443: entry ports + 1 is the first element, next the second
 * }</pre>
 */
public final class Tape {
  /** The entry of the whole value. */
  public static final int ROOT = 0;
  /**
   * What {@link #member} answers for a key the mapping lacks, and the root of a tape of nothing: every accessor takes
   * it ({@link #kind} is {@link #MISSING}, no members, no text), so a reader walks a missing field as any other.
   */
  public static final int ABSENT = -1;

  /** The kind of {@link #ABSENT}: nothing there, not even a null. */
  public static final byte MISSING = 0;

  /** A mapping: its members follow it, up to {@link #next}. */
  public static final byte OBJECT = 1;
  /** A list: its elements follow it, up to {@link #next}. */
  public static final byte ARRAY = 2;
  /** A string ({@link #text}). */
  public static final byte STRING = 3;
  /** A number, a boolean or embedded bytes ({@link #scalar}). */
  public static final byte SCALAR = 4;
  /** A JSON null. */
  public static final byte NULL = 5;

  /** A string or key holding a backslash escape. */
  static final byte ESCAPED = 1;
  /** A string or key holding bytes above 127 (well-formed UTF-8: the stream was checked). */
  static final byte WIDE = 2;

  int size;
  byte[] kinds;
  /** Containers: the entry after the last member. */
  int[] ends;
  /** Containers: the number of members. */
  int[] counts;
  /** Strings: the text once decoded; scalars: the node. */
  Object[] values;
  /** Strings not yet decoded: their bytes (without the quotes) and flags; null in a tape made from a tree. */
  int[] from;
  int[] to;
  byte[] flags;
  /** Members of a mapping: the key (read from bytes: one string per distinct key of the file, interned). */
  String[] keys;
  /** The bytes the ranges are in. */
  byte[] bytes;
  /** Decoded texts shared across a reader's tapes (a namespace, a node name); null in a tape made from a tree. */
  final Texts texts;

  /** An empty tape of {@code capacity} entries; {@code ranges}: it keeps strings as ranges of bytes (a reader's). */
  Tape(int capacity, boolean ranges) {
    kinds = new byte[capacity];
    ends = new int[capacity];
    counts = new int[capacity];
    values = new Object[capacity];
    keys = new String[capacity];
    texts = ranges ? new Texts() : null;
    if (ranges) {
      from = new int[capacity];
      to = new int[capacity];
      flags = new byte[capacity];
    }
  }

  /**
   * The tape of a tree, holding the tree's values: exactly as many entries as the tree has nodes (an alias's nodes
   * once per use), five array slots each; a tape of nothing ({@link #root()} is {@link #ABSENT}) for null or a missing
   * node.
   */
  public static Tape of(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return new Tape(0, false);
    }
    Tape t = new Tape(entries(node), false);
    t.add(node, null);
    return t;
  }

  /** The entry of the whole value: {@link #ROOT}, or {@link #ABSENT} in a tape of nothing. */
  public int root() {
    return size == 0 ? ABSENT : ROOT;
  }

  private static int entries(JsonNode n) {
    int e = 1;
    if (n.isContainerNode()) {
      for (JsonNode c : n) {
        e += entries(c);
      }
    }
    return e;
  }

  private void add(JsonNode n, String key) {
    int i = entry(n.isNull() ? NULL : n.isObject() ? OBJECT : n.isArray() ? ARRAY : n.isTextual() ? STRING : SCALAR);
    keys[i] = key;
    if (n.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        add(e.getValue(), e.getKey());
      }
      close(i, n.size());
    } else if (n.isArray()) {
      for (JsonNode e : n) {
        add(e, null);
      }
      close(i, n.size());
    } else if (n.isTextual()) {
      values[i] = n.textValue();
    } else if (!n.isNull()) {
      values[i] = n;
    }
  }

  /** Starts over (the arrays are kept). */
  void clear() {
    Arrays.fill(values, 0, size, null);
    Arrays.fill(keys, 0, size, null);
    size = 0;
  }

  /** Adds an entry of {@code kind}, its other fields to be set by the caller. */
  int entry(byte kind) {
    if (size == kinds.length) {
      grow();
    }
    int i = size++;
    kinds[i] = kind;
    ends[i] = i + 1;
    counts[i] = 0;
    if (flags != null) {
      flags[i] = 0;
    }
    return i;
  }

  /** Ends container {@code i}, which has {@code members}. */
  void close(int i, int members) {
    ends[i] = size;
    counts[i] = members;
  }

  private void grow() {
    int n = Math.max(16, kinds.length * 2);
    kinds = Arrays.copyOf(kinds, n);
    ends = Arrays.copyOf(ends, n);
    counts = Arrays.copyOf(counts, n);
    values = Arrays.copyOf(values, n);
    keys = Arrays.copyOf(keys, n);
    if (flags != null) {
      from = Arrays.copyOf(from, n);
      to = Arrays.copyOf(to, n);
      flags = Arrays.copyOf(flags, n);
    }
  }

  /** The kind of entry {@code i}: {@link #OBJECT}, {@link #ARRAY}, {@link #STRING}, {@link #SCALAR}, {@link #NULL}. */
  public byte kind(int i) {
    return i == ABSENT ? MISSING : kinds[i];
  }

  /** The entry after {@code i} and all it holds: its next sibling, if it has one. */
  public int next(int i) {
    return ends[i];
  }

  /** The number of members of container {@code i} (0 for any other entry, and for {@link #ABSENT}). */
  public int size(int i) {
    return i == ABSENT ? 0 : counts[i];
  }

  /** The entry of {@code key} in mapping {@code i}, or {@link #ABSENT}. */
  public int member(int i, String key) {
    // a linear scan: a Kubernetes or Azure object has a few dozen members; a caller that visits every member of a
    // large mapping walks them (next) instead of looking each up
    if (kind(i) != OBJECT) {
      return ABSENT;
    }
    for (int m = i + 1, end = ends[i]; m < end; m = ends[m]) {
      if (keyIs(m, key)) {
        return m;
      }
    }
    return ABSENT;
  }

  private boolean keyIs(int m, String key) {
    String k = keys[m];
    // a literal and a key read from bytes are one interned string; else equal hashes, then the characters
    return k == key || k.hashCode() == key.hashCode() && k.equals(key);
  }

  /** The key of entry {@code i}, a member of a mapping. */
  public String key(int i) {
    return keys[i];
  }

  /** The text of string entry {@code i}. */
  public String text(int i) {
    Object v = values[i];
    if (v == null) {
      String s = decode(from[i], to[i], flags[i]);
      values[i] = s;
      return s;
    }
    return (String) v;
  }

  /** The node of scalar entry {@code i} (a number, a boolean, embedded bytes), as the tree holds it. */
  public JsonNode scalar(int i) {
    return (JsonNode) values[i];
  }

  /**
   * The text of any scalar entry as {@link JsonNode#asText()} gives it ("null" for a null, "" for a container and for
   * {@link #ABSENT}).
   */
  public String asText(int i) {
    switch (kind(i)) {
      case STRING:
        return text(i);
      case SCALAR:
        return scalar(i).asText();
      case NULL:
        return "null";
      default:
        return "";
    }
  }

  private String decode(int f, int t, byte flag) {
    return flag == 0 ? texts.of(bytes, f, t) : decode(bytes, f, t, flag);
  }

  /**
   * The text of the bytes {@code [f, t)} of a JSON string's content holding escapes or non-ASCII bytes ({@code flag}
   * not 0; checked by the reader: every escape valid, the UTF-8 well-formed), as Jackson decodes it. (Plain ASCII is
   * {@link Texts#of}'s.)
   */
  static String decode(byte[] b, int f, int t, byte flag) {
    if ((flag & ESCAPED) == 0) {
      return new String(b, f, t - f, StandardCharsets.UTF_8);
    }
    StringBuilder sb = new StringBuilder(t - f);
    int run = f;
    int i = f;
    while (i < t) {
      if (b[i] != '\\') {
        i++;
        continue;
      }
      if (i > run) {
        sb.append(new String(b, run, i - run, StandardCharsets.UTF_8));
      }
      byte e = b[i + 1];
      switch (e) {
        case 'b':
          sb.append('\b');
          break;
        case 'f':
          sb.append('\f');
          break;
        case 'n':
          sb.append('\n');
          break;
        case 'r':
          sb.append('\r');
          break;
        case 't':
          sb.append('\t');
          break;
        case 'u':
          sb.append((char) (hex(b[i + 2]) << 12 | hex(b[i + 3]) << 8 | hex(b[i + 4]) << 4 | hex(b[i + 5])));
          i += 4;
          break;
        default:   // '"', '\\', '/'
          sb.append((char) e);
      }
      i += 2;
      run = i;
    }
    if (t > run) {
      sb.append(new String(b, run, t - run, StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  /** The value of a hex digit, or -1. */
  static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /**
   * Texts decoded lately, by their bytes, so that a value repeated across a file's items (a namespace, a node name, a
   * label) is one string in what readers keep: a direct-mapped table of recent texts, a text that misses twice in a
   * row in its slot replacing the one there (a text seen once, such as a name, costs no copy).
   */
  static final class Texts {
    private static final int SLOTS = 4096;
    private static final int LONGEST = 400;
    private final String[] slots = new String[SLOTS];
    private final byte[][] keptBytes = new byte[SLOTS][];
    private final int[] seen = new int[SLOTS];
    /** The hash of each slot's text, compared before its bytes. */
    private final int[] keptHashes = new int[SLOTS];
    /** Keys read lately, by their hash: a file's items repeat a few hundred keys, each then one string. */
    private final String[] keyTexts = new String[1024];
    private final byte[][] keyBytes = new byte[1024][];

    /**
     * The key of the ASCII bytes {@code [f, t)} without escapes, whose {@link String#hashCode()} is {@code hash}, as
     * an interned string (the one a literal key is); null when it is not among the keys read lately (then the caller
     * makes it and {@link #keep}s it).
     */
    String key(byte[] b, int f, int t, int hash) {
      int slot = keySlot(hash);
      byte[] known = keyBytes[slot];
      return known != null && Arrays.equals(known, 0, known.length, b, f, t) ? keyTexts[slot] : null;
    }

    /** Keeps {@code key} (interned), read from the ASCII bytes {@code [f, t)} whose hash is {@code hash}. */
    void keep(String key, byte[] b, int f, int t, int hash) {
      int slot = keySlot(hash);
      keyTexts[slot] = key;
      keyBytes[slot] = Arrays.copyOfRange(b, f, t);
    }

    private static int keySlot(int hash) {
      return (hash ^ (hash >>> 10)) & 1023;
    }

    /** The text of the ASCII bytes {@code [f, t)} without escapes. */
    String of(byte[] b, int f, int t) {
      int n = t - f;
      if (n > LONGEST) {
        return new String(b, f, n, StandardCharsets.ISO_8859_1);
      }
      int h = ByteRuns.hash(b, f, t);
      int slot = (h ^ (h >>> 12)) & (SLOTS - 1);
      byte[] known = keptBytes[slot];
      if (known != null && keptHashes[slot] == h && known.length == n && Arrays.equals(known, 0, n, b, f, t)) {
        return slots[slot];
      }
      String made = new String(b, f, n, StandardCharsets.ISO_8859_1);
      if (seen[slot] == h) {
        slots[slot] = made;
        keptBytes[slot] = Arrays.copyOfRange(b, f, t);
        keptHashes[slot] = h;
      } else {
        seen[slot] = h;
      }
      return made;
    }
  }
}
