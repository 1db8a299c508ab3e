package io.github.aksreach.core.input;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The runs of bytes the readers skip or hash, eight at a time: ASCII for the UTF-8 check, a line's indentation for
 * {@link TapeReader}, and a text's bytes for {@link Tape}'s table of recent texts. Each run answers the exact index of
 * the first byte that ends it; a word is read whole only when all eight of its bytes are in range, and a word that
 * may hold the end is left to the byte loop, which decides. (Under the launcher's C1 compiler a byte loop costs about
 * 0.9 ns a byte, a word loop about 0.15.)
 *
 * <pre>{@code
 * int i = ByteRuns.ascii(b, 0, n);   // n when all of b[0, n) is ASCII
 * }</pre>
 */
final class ByteRuns {
  private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH = 0x8080808080808080L;
  private static final long SPACES = 0x2020202020202020L;
  /** The golden ratio's odd multiplier, which spreads a word's bits over the high half. */
  private static final long MIX = 0x9E3779B97F4A7C15L;

  private ByteRuns() {}

  /** The index of the first byte in {@code [from, to)} that is not ASCII, or {@code to}. */
  static int ascii(byte[] b, int from, int to) {
    int i = from;
    while (i + 8 <= to && (word(b, i) & HIGH) == 0) {
      i += 8;
    }
    while (i < to && b[i] >= 0) {
      i++;
    }
    return i;
  }

  /** The index of the first byte in {@code [from, to)} that is not blank space (space, tab, line feed, return). */
  static int blank(byte[] b, int from, int to) {
    int i = from;
    while (true) {
      while (i + 8 <= to && word(b, i) == SPACES) {
        i += 8;
      }
      if (i == to) {
        return i;
      }
      byte c = b[i];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return i;
      }
      i++;
    }
  }

  /**
   * A hash of the bytes {@code [from, to)}, eight at a time (not {@link String#hashCode()}: a table of texts by their
   * bytes, such as {@link Tape}'s, compares its hits' bytes anyway).
   */
  static int hash(byte[] b, int from, int to) {
    long h = to - from;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      h = (h ^ word(b, i)) * MIX;
    }
    long tail = 0;
    for (; i < to; i++) {
      tail = tail << 8 | (b[i] & 0xff);
    }
    h = (h ^ tail) * MIX;
    return (int) (h ^ h >>> 32);
  }

  private static long word(byte[] b, int i) {
    return (long) WORDS.get(b, i);
  }
}
