package io.github.aksreach.k8s.aks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Strict JSON over the bytes of a stream, for {@link FlowLogFastReader}: blank space, keys, strings, numbers and
 * literals as RFC 8259 writes them, ASCII only, each checked as it goes by; anything else (a comment, a BOM, a byte
 * above 127, a control character in a string, a leading zero, a trailing comma, a token longer than
 * {@link #MAX_TOKEN} bytes, nesting deeper than {@link #MAX_DEPTH}) is {@link #OUTSIDE}, thrown to the top. Whatever it
 * reads, Jackson reads alike.
 *
 * <pre>{@code
 * int c = blank();                    // the next byte that is not blank space, or -1
 * for (String k = firstKey(null); k != null; k = nextKey(null)) { skip(blank(), 1); }
 * }</pre>
 */
abstract class StrictJsonBytes {
  InputStream in;
  /** The window on the file; its subclass sizes it, and it grows to hold a whole token. */
  byte[] buf;
  int pos;
  int lim;

  /** The longest string or key held (Jackson's own limits are far higher: longer ones go to the full reader). */
  private static final int MAX_TOKEN = 1 << 20;
  /** The deepest nesting followed (Jackson's limit is higher). */
  static final int MAX_DEPTH = 64;
  /** The longest number read (Jackson allows 1,000 digits). */
  private static final int MAX_NUMBER = 64;

  /** Anything outside the shape: thrown to the top, answered {@link #UNKNOWN}. */
  static final class Unknown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unknown() {
      super(null, null, false, false);
    }
  }

  static final Unknown OUTSIDE = new Unknown();

  /** After an object's '{': its first key (a key twice in {@code seen}, when given, is outside), or null. */
  final String firstKey(List<String> seen) throws IOException {
    int c = blank();
    if (c == '}') {
      pos++;
      return null;
    }
    return field(c, seen);
  }

  /** After a field's value: the next key, or null at the object's end. */
  final String nextKey(List<String> seen) throws IOException {
    return another('}') ? field(blank(), seen) : null;
  }

  private String field(int c, List<String> seen) throws IOException {
    if (c != '"') {
      throw OUTSIDE;
    }
    String key = key();
    if (seen != null) {
      // an object of a record has a few keys: a list is cheaper than a set (more than 64 are outside)
      if (seen.size() >= 64 || seen.contains(key)) {
        throw OUTSIDE;
      }
      seen.add(key);
    }
    colon();
    return key;
  }

  /** After an array's '[': whether an element follows (else the ']' is consumed). */
  final boolean firstElement() throws IOException {
    if (blank() == ']') {
      pos++;
      return false;
    }
    return true;
  }

  /** After an element: whether another follows (else the ']' is consumed). */
  final boolean nextElement() throws IOException {
    return another(']');
  }

  /** After a value in a container: true after a comma, false after {@code close} (either consumed). */
  private boolean another(char close) throws IOException {
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


  /** Whether the last {@link #blank} skipped any (blobs one after the other are kept apart by blank space). */
  boolean skippedBlank;

  /** The next byte that is not blank space, not consumed; -1 at the end of the file. */
  final int blank() throws IOException {
    skippedBlank = false;
    while (true) {
      while (pos < lim) {
        byte b = buf[pos];
        if (!blankByte(b)) {
          return b & 0xff;
        }
        skippedBlank = true;
        pos++;
      }
      if (!fill(pos)) {
        return -1;
      }
    }
  }

  static boolean blankByte(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  /**
   * Reads more of the file, keeping the bytes from {@code keep} on (moved to the start of the buffer, which grows
   * up to {@link #MAX_TOKEN}; {@link #pos} moves with them, so a caller's own start becomes 0); false at the end of
   * the file.
   */
  private boolean fill(int keep) throws IOException {
    int kept = lim - keep;
    if (keep > 0) {
      System.arraycopy(buf, keep, buf, 0, kept);
    } else if (kept == buf.length) {
      if (buf.length >= MAX_TOKEN) {
        throw OUTSIDE;
      }
      buf = java.util.Arrays.copyOf(buf, buf.length * 2);
    }
    pos -= keep;
    lim = kept;
    int r = in.read(buf, lim, buf.length - lim);
    if (r <= 0) {
      return false;
    }
    lim += r;
    return true;
  }

  private void colon() throws IOException {
    if (blank() != ':') {
      throw OUTSIDE;
    }
    pos++;
    blank();
  }

  /** A key after its opening quote was seen (not consumed): a string without an escape. */
  private String key() throws IOException {
    int end = string();
    if (end < 0) {
      throw OUTSIDE;
    }
    return new String(buf, stringStart, end - stringStart, StandardCharsets.ISO_8859_1);
  }

  /**
   * A string after its opening quote was seen (not consumed), checked as JSON: the string is
   * {@code buf[stringStart, end)} and the closing quote consumed. Returns the end, or {@code -end - 1} when the
   * string holds an escape.
   */
  final int string() throws IOException {
    pos++;
    stringStart = pos;
    boolean escaped = false;
    while (true) {
      // the plain run in locals (this runs over every byte of every tuple)
      byte[] b0 = buf;
      int p = pos;
      int l = lim;
      while (p < l && b0[p] >= ' ' && b0[p] != '"' && b0[p] != '\\') {
        p++;
      }
      pos = p;
      if (pos == lim) {
        boolean more = fill(stringStart);
        stringStart = 0;
        if (!more) {
          throw OUTSIDE;
        }
        continue;
      }
      byte b = buf[pos];
      if (b == '"') {
        int end = pos;
        pos++;
        return escaped ? -end - 1 : end;
      }
      if (b < ' ') {
        throw OUTSIDE;
      }
      if (b == '\\') {
        escaped = true;
        escape();
      } else {
        pos++;
      }
    }
  }

  int stringStart;

  /** One escape at the backslash: one of JSON's, or outside. */
  private void escape() throws IOException {
    if (lim - pos < 6) {
      fill(stringStart);
      stringStart = 0;
    }
    if (pos + 1 >= lim) {
      throw OUTSIDE;
    }
    byte e = buf[pos + 1];
    if (e == 'u') {
      if (pos + 5 >= lim) {
        throw OUTSIDE;
      }
      for (int i = pos + 2; i < pos + 6; i++) {
        if (Character.digit(buf[i], 16) < 0) {
          throw OUTSIDE;
        }
      }
      pos += 6;
    } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
      pos += 2;
    } else {
      throw OUTSIDE;
    }
  }


  /** A value outside the records (or around them in a blob), checked as JSON and not kept. */
  final void skip(int c, int depth) throws IOException {
    if (c == '"') {
      string();
      return;
    }
    if (c != '{' && c != '[') {
      scalar(c);
      return;
    }
    if (depth > MAX_DEPTH) {
      throw OUTSIDE;
    }
    pos++;
    if (c == '{') {
      for (String key = firstKey(null); key != null; key = nextKey(null)) {
        skip(blank(), depth + 1);
      }
    } else if (firstElement()) {
      do {
        skip(blank(), depth + 1);
      } while (nextElement());
    }
  }

  /**
   * A number or literal at {@code c}, strict JSON, followed by blank space, a comma or a closing bracket; true for
   * {@code null}.
   */
  final boolean scalar(int c) throws IOException {
    int start = pos;
    int end = start;
    // the token: up to the next delimiter, within MAX_NUMBER bytes
    while (true) {
      if (end == lim) {
        int off = end - start;
        boolean more = fill(start);
        start = 0;
        end = off;
        if (!more) {
          break;
        }
        continue;
      }
      byte b = buf[end];
      if (blankByte(b) || b == ',' || b == ']' || b == '}') {
        break;
      }
      if (++end - start > MAX_NUMBER) {
        throw OUTSIDE;
      }
    }
    pos = end;
    if (literal(start, end, "null")) {
      return true;
    }
    if (literal(start, end, "true") || literal(start, end, "false") || number(start, end)) {
      return false;
    }
    throw OUTSIDE;
  }

  private boolean literal(int start, int end, String word) {
    if (end - start != word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (buf[start + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Exponents of more digits than this are left to the full reader (a decimal's scale is an int). */
  private static final int MAX_EXPONENT_DIGITS = 9;

  /**
   * {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, the whole of {@code buf[start, end)}, with an exponent of
   * at most {@link #MAX_EXPONENT_DIGITS} digits.
   */
  private boolean number(int start, int end) {
    int i = start;
    if (i < end && buf[i] == '-') {
      i++;
    }
    if (i >= end || !digit(buf[i])) {
      return false;
    }
    i = buf[i] == '0' ? i + 1 : digits(i, end);
    if (i < end && buf[i] == '.') {
      int from = i + 1;
      i = digits(from, end);
      if (i == from) {
        return false;
      }
    }
    if (i < end && (buf[i] == 'e' || buf[i] == 'E')) {
      int from = i + 1 < end && (buf[i + 1] == '+' || buf[i + 1] == '-') ? i + 2 : i + 1;
      i = digits(from, end);
      if (i == from || i - from > MAX_EXPONENT_DIGITS) {
        return false;
      }
    }
    return i == end;
  }

  /** The end of the run of digits from {@code i}. */
  private int digits(int i, int end) {
    while (i < end && digit(buf[i])) {
      i++;
    }
    return i;
  }

  private static boolean digit(byte b) {
    return b >= '0' && b <= '9';
  }
}
