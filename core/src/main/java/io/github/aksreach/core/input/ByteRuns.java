package io.github.aksreach.core.input;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The runs of bytes the readers skip, eight at a time: ASCII for the UTF-8 check, and a line's indentation for
 * {@link TapeReader}. Each answers the exact index of the first byte that ends the run; a word is read whole only when
 * all eight of its bytes are in range, and a word that may hold the end is left to the byte loop, which decides. (Under the launcher's C1 compiler a byte loop costs about 0.9 ns a byte, a word
 * loop about 0.15.)
 *
 * <pre>{@code
 * int i = ByteRuns.ascii(b, 0, n);   // n when all of b[0, n) is ASCII
 * }</pre>
 */
final class ByteRuns {
  private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH = 0x8080808080808080L;
  private static final long SPACES = 0x2020202020202020L;

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

  private static long word(byte[] b, int i) {
    return (long) WORDS.get(b, i);
  }
}
