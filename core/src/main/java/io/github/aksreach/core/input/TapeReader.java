package io.github.aksreach.core.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Strict JSON over the bytes of a stream, read value by value into a {@link Tape} for {@link TapeLists}: blank space,
 * keys, strings, numbers and literals as RFC 8259 writes them and Jackson takes them by default, each checked as it
 * goes by, strings kept as ranges of the bytes, keys as one string per distinct key. Anything else (a comment, a raw
 * control character in a string, a leading zero, a trailing comma, a key twice in a mapping, nesting deeper than
 * {@value #MAX_DEPTH} within a value, a string longer than {@value #MAX_TOKEN} bytes or a key longer than
 * {@value #MAX_KEY}, a number longer than {@value #MAX_NUMBER} characters) is {@link #OUTSIDE}, thrown to the top:
 * whatever is read here, Jackson reads alike.
 *
 * <pre>{@code
 * TapeReader r = new TapeReader(in);
 * int c = r.blank();                 // the next byte that is not blank space, or -1
 * Tape t = r.value(c);               // the value starting there, valid until the next value is read
 * }</pre>
 */
final class TapeReader {
  /** The deepest nesting read within a value, itself level 1 (Jackson's own limit is far higher). */
  static final int MAX_DEPTH = 64;
  /** The longest string or key read, in bytes. */
  static final int MAX_TOKEN = 1 << 20;
  /** The longest number read. */
  static final int MAX_NUMBER = 64;
  /** The longest key read, in bytes (Jackson's limit is 50,000 characters, never fewer than the bytes). */
  static final int MAX_KEY = 50_000;
  /** The first size of {@link #seenKeys}: mappings of up to half as many keys are checked there without growing it. */
  private static final int SEEN_KEYS = 128;

  private static final JsonFactory JSON = new JsonFactory();

  /** Anything outside what is read here: thrown to the top. */
  static final class Outside extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Outside() {
      super(null, null, false, false);
    }
  }

  static final Outside OUTSIDE = new Outside();

  private final InputStream in;
  private byte[] buf = new byte[1 << 16];
  private int pos;
  private int lim;
  private boolean eof;
  private final Tape tape = new Tape(256, true);
  /** The start and end of the last key or string scanned, and its flags. */
  private int tokenFrom;
  private int tokenTo;
  private byte tokenFlags;
  /** The last key scanned. */
  private String tokenKey;
  /** {@link #distinctKeys}' identity table of a mapping's keys, a slot taken when stamped with {@link #seenStamp}. */
  private String[] seenKeys = new String[SEEN_KEYS];
  private int[] seenStamps = new int[SEEN_KEYS];
  private int seenStamp;

  TapeReader(InputStream in) {
    this.in = in;
  }

  /** Moves past the byte {@link #blank()} answered. */
  void take() {
    pos++;
  }

  /** The key starting after the quote {@link #blank()} answered, and the colon after it. */
  String key() throws IOException {
    pos++;
    compact();
    scanKey();
    colon();
    return tokenKey;
  }

  /**
   * The value starting with byte {@code c} (what {@link #blank()} answered) as a tape, valid until the next value is
   * read (the reader keeps one tape and one window of bytes, which follows the largest value, not the input).
   */
  Tape value(int c) throws IOException {
    compact();
    tape.clear();
    value(c, 1);
    tape.bytes = buf;
    return tape;
  }

  /** The value starting with byte {@code c} at {@code pos}, added to the tape; its entry. */
  private int value(int c, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw OUTSIDE;
    }
    switch (c) {
      case '{':
        return mapping(depth);
      case '[':
        return array(depth);
      case '"': {
        pos++;
        scanString();
        int i = tape.entry(Tape.STRING);
        tape.from[i] = tokenFrom;
        tape.to[i] = tokenTo;
        tape.flags[i] = tokenFlags;
        return i;
      }
      case 't':
        literal("true");
        return scalar(BooleanNode.TRUE);
      case 'f':
        literal("false");
        return scalar(BooleanNode.FALSE);
      case 'n':
        literal("null");
        return tape.entry(Tape.NULL);
      default:
        if (c == '-' || c >= '0' && c <= '9') {
          return number();
        }
        throw OUTSIDE;
    }
  }

  private int scalar(Object node) {
    int i = tape.entry(Tape.SCALAR);
    tape.values[i] = node;
    return i;
  }

  private int mapping(int depth) throws IOException {
    pos++;
    int i = tape.entry(Tape.OBJECT);
    int members = 0;
    if (!empty('}')) {
      do {
        if (blank() != '"') {
          throw OUTSIDE;
        }
        pos++;
        scanKey();
        String key = tokenKey;
        colon();
        int m = value(blank(), depth + 1);   // first: reading the value may grow the tape's arrays
        tape.keys[m] = key;
        members++;
      } while (another('}'));
    }
    tape.close(i, members);
    if (members > 1) {
      distinctKeys(i, members);
    }
    return i;
  }

  /** After a container's opening byte: whether {@code close} follows at once (then it is taken). */
  boolean empty(int close) throws IOException {
    if (blank() == close) {
      pos++;
      return true;
    }
    return false;
  }

  /** After a member: whether another follows (its ',' taken), or the container ends with {@code close} (taken). */
  boolean another(int close) throws IOException {
    int c = blank();
    pos++;
    if (c == close) {
      return false;
    }
    if (c != ',') {
      throw OUTSIDE;
    }
    return true;
  }

  /**
   * A key twice in mapping {@code i} is outside (the tree reader names both lines). Keys read here are interned (one
   * string per text), so a small mapping's keys are compared by identity, pair by pair, and a larger one's go through
   * {@link #seenKeys}, an identity table this reader keeps (grown to twice a mapping's keys when they are more), whose
   * slots count as empty unless stamped with the mapping's own {@link #seenStamp}, so it is never cleared. Azure's
   * rules have 17 keys each.
   */
  private void distinctKeys(int i, int members) {
    int end = tape.ends[i];
    String[] keys = tape.keys;
    if (members <= 8) {
      for (int a = i + 1; a < end; a = tape.ends[a]) {
        for (int b = tape.ends[a]; b < end; b = tape.ends[b]) {
          if (keys[a] == keys[b]) {
            throw OUTSIDE;
          }
        }
      }
      return;
    }
    if (2 * members > seenKeys.length) {
      seenKeys = new String[Integer.highestOneBit(2 * members - 1) << 1];
      seenStamps = new int[seenKeys.length];
      seenStamp = 0;
    }
    int stamp = ++seenStamp;
    if (stamp == 0) {   // wrapped: no slot may keep an old mapping's stamp
      Arrays.fill(seenStamps, 0);
      stamp = seenStamp = 1;
    }
    int mask = seenKeys.length - 1;
    for (int m = i + 1; m < end; m = tape.ends[m]) {
      String k = keys[m];
      int h = k.hashCode();
      int slot = (h ^ (h >>> 7)) & mask;
      while (seenStamps[slot] == stamp) {
        if (seenKeys[slot] == k) {
          throw OUTSIDE;
        }
        slot = (slot + 1) & mask;
      }
      seenStamps[slot] = stamp;
      seenKeys[slot] = k;
    }
  }

  private int array(int depth) throws IOException {
    pos++;
    int i = tape.entry(Tape.ARRAY);
    int members = 0;
    if (!empty(']')) {
      do {
        value(blank(), depth + 1);
        members++;
      } while (another(']'));
    }
    tape.close(i, members);
    return i;
  }

  /**
   * A string's content after its opening quote, up to and past its closing one: {@link #tokenFrom},
   * {@link #tokenTo} and {@link #tokenFlags} say where it is and whether it holds escapes or non-ASCII bytes.
   */
  private void scanString() throws IOException {
    int from = pos;
    byte flags = 0;
    while (true) {
      // the plain bytes of the window at once: one test per byte (a quote, a backslash, a control or non-ASCII byte)
      byte[] b = buf;
      int p = pos;
      int l = lim;
      byte c = 0;
      while (p < l && (c = b[p]) != '"' && c != '\\' && c >= 0x20) {
        p++;
      }
      pos = p;
      if (p - from > MAX_TOKEN) {
        throw OUTSIDE;
      }
      if (p == l) {
        if (!more()) {
          throw OUTSIDE;
        }
      } else if (c == '"') {
        break;
      } else if (c == '\\') {
        flags |= Tape.ESCAPED;
        escape();
      } else if (c < 0) {
        flags |= Tape.WIDE;
        pos++;
      } else {
        throw OUTSIDE;   // a raw control character: Jackson refuses it
      }
    }
    tokenFrom = from;
    tokenTo = pos;
    tokenFlags = flags;
    pos++;
  }

  /**
   * A key, after its opening quote: {@link #tokenKey}, one interned string per distinct key (a reader's literal is the
   * same string). A key longer than {@value #MAX_KEY} bytes is outside, as Jackson refuses it (names of many colliding
   * hashes Jackson is told to take: see {@link Documents}).
   */
  private void scanKey() throws IOException {
    scanString();
    if (tokenTo - tokenFrom > MAX_KEY) {
      throw OUTSIDE;
    }
    byte[] b = buf;
    int from = tokenFrom;
    int to = tokenTo;
    if (tokenFlags == 0) {
      int h = 0;
      for (int i = from; i < to; i++) {
        h = 31 * h + b[i];
      }
      String known = tape.texts.key(b, from, to, h);
      if (known != null) {
        tokenKey = known;
        return;
      }
      tokenKey = new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1).intern();
      tape.texts.keep(tokenKey, b, from, to, h);
    } else {
      tokenKey = Tape.decode(b, from, to, tokenFlags).intern();
    }
  }

  /** Checks the escape at {@code pos} and moves past it. */
  private void escape() throws IOException {
    need(2);
    switch (buf[pos + 1]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
        pos += 2;
        return;
      case 'u':
        need(6);
        for (int k = 2; k < 6; k++) {
          if (Tape.hex(buf[pos + k]) < 0) {
            throw OUTSIDE;
          }
        }
        pos += 6;
        return;
      default:
        throw OUTSIDE;
    }
  }

  /** Makes sure {@code n} bytes from {@code pos} are in the window; at the end of the input first, outside. */
  private void need(int n) throws IOException {
    while (lim - pos < n) {
      if (!more()) {
        throw OUTSIDE;
      }
    }
  }

  private void colon() throws IOException {
    if (blank() != ':') {
      throw OUTSIDE;
    }
    pos++;
  }

  /** {@code word} at {@code pos} (a literal), followed by a byte that may end it. */
  private void literal(String word) throws IOException {
    need(word.length());
    for (int k = 0; k < word.length(); k++) {
      if (buf[pos + k] != word.charAt(k)) {
        throw OUTSIDE;
      }
    }
    pos += word.length();
    int c = peek();
    if (c != -1 && !ends((byte) c)) {
      throw OUTSIDE;
    }
  }

  private static boolean ends(byte b) {
    return b == ',' || b == ']' || b == '}' || b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  /** A number, strictly as RFC 8259 writes it, as the node {@link Documents} makes of it. */
  private int number() throws IOException {
    int from = pos;
    int digits = 0;
    boolean plain = true;
    if (peek() == '-') {
      pos++;
    }
    int first = peek();
    if (first == '0') {
      pos++;   // a digit after it (a leading zero) is refused below, as what may not follow a number
      digits = 1;
    } else {
      digits = run();
      if (digits == 0) {
        throw OUTSIDE;
      }
    }
    int c = peek();
    if (c == '.') {
      plain = false;
      pos++;
      if (run() == 0) {
        throw OUTSIDE;
      }
      c = peek();
    }
    if (c == 'e' || c == 'E') {
      plain = false;
      pos++;
      c = peek();
      if (c == '+' || c == '-') {
        pos++;
      }
      if (run() == 0) {
        throw OUTSIDE;
      }
      c = peek();
    }
    if (c != -1 && !ends((byte) c) || pos - from > MAX_NUMBER) {
      throw OUTSIDE;
    }
    if (plain && digits <= 9) {
      int v = 0;
      int k = buf[from] == '-' ? from + 1 : from;
      for (; k < pos; k++) {
        v = v * 10 + (buf[k] - '0');
      }
      return scalar(IntNode.valueOf(buf[from] == '-' ? -v : v));
    }
    return scalar(Documents.number(jackson(from, pos)));
  }

  /** A parser on the number at {@code [from, to)}, on its token. */
  private JsonParser jackson(int from, int to) throws IOException {
    JsonParser p = JSON.createParser(buf, from, to - from);
    p.nextToken();
    return p;
  }

  /** Digits from {@code pos}, consumed; how many. */
  private int run() throws IOException {
    int n = 0;
    for (int c = peek(); c >= '0' && c <= '9'; c = peek()) {
      pos++;
      if (++n > MAX_NUMBER) {
        throw OUTSIDE;
      }
    }
    return n;
  }

  /** The byte at {@code pos} (read in if need be), or -1 at the end of the input. */
  private int peek() throws IOException {
    return pos == lim && !more() ? -1 : buf[pos] & 0xff;
  }

  /** The next byte that is not blank space, not consumed, or -1 at the end of the input. */
  int blank() throws IOException {
    while (true) {
      if (pos == lim && !more()) {
        return -1;
      }
      byte b = buf[pos];
      if (b == '\n') {
        pos = ByteRuns.blank(buf, pos + 1, lim);   // a line's indentation, words of eight spaces at a time
      } else if (b == ' ' || b == '\r' || b == '\t') {
        pos++;
      } else {
        return b & 0xff;
      }
    }
  }

  /**
   * Before an element or a top-level field: drops the bytes before {@code pos} when they fill half the window, so the
   * window follows the largest element, not the file.
   */
  private void compact() {
    if (pos > buf.length >> 1) {
      System.arraycopy(buf, pos, buf, 0, lim - pos);
      lim -= pos;
      pos = 0;
    }
  }

  /**
   * Reads more input after {@code lim}, growing the window when it is full (an element is always whole in it, so the
   * tape's ranges stay valid); false at the end of the input.
   */
  private boolean more() throws IOException {
    if (eof) {
      return false;
    }
    if (lim == buf.length) {
      buf = java.util.Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, lim, buf.length - lim);
    if (n < 0) {
      eof = true;
      return false;
    }
    lim += n;
    return true;
  }
}
