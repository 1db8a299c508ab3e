package io.github.aksreach.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ByteRuns}' word loops end each run where a byte loop does: over random arrays of the bytes that end runs and
 * of those that continue them (and bytes one step either side of each), from and to anywhere, runs of every length.
 */
class ByteRunsProperties {
  /** Bytes at and around every edge the runs test: 0x80, the blank bytes, 0x00 and 0xff, and some others. */
  private static final byte[] EDGES = {'"', '!', '#', '\\', '[', ']', 0x1f, 0x20, 0x21, 0x7f, (byte) 0x80, (byte) 0x81,
      (byte) 0xc3, (byte) 0xff, 0, 1, '\n', '\r', '\t', 0x0b, 'a', 'z'};

  private static byte[] random(Random r) {
    byte[] b = new byte[r.nextInt(80)];
    byte run = (byte) (r.nextBoolean() ? ' ' : 'a');
    for (int i = 0; i < b.length; i++) {
      // mostly long runs of one continuing byte, so that whole words pass, and now and then an edge byte
      b[i] = r.nextInt(9) == 0 ? EDGES[r.nextInt(EDGES.length)] : run;
    }
    return b;
  }

  private static int asciiByBytes(byte[] b, int from, int to) {
    int i = from;
    while (i < to && (b[i] & 0xff) < 0x80) {
      i++;
    }
    return i;
  }

  private static int blankByBytes(byte[] b, int from, int to) {
    int i = from;
    while (i < to && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
      i++;
    }
    return i;
  }

  @Test
  void wordLoopsEndRunsWhereByteLoopsDo() {
    qt().withExamples(20_000).forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      byte[] b = random(r);
      int from = b.length == 0 ? 0 : r.nextInt(b.length + 1);
      int to = from + r.nextInt(b.length - from + 1);
      assertThat(ByteRuns.ascii(b, from, to)).as("ascii").isEqualTo(asciiByBytes(b, from, to));
      assertThat(ByteRuns.blank(b, from, to)).as("blank").isEqualTo(blankByBytes(b, from, to));
    });
  }

  @Test
  void everyByteValueInEveryPlaceOfAWord() {
    for (int v = 0; v < 256; v++) {
      for (int at = 0; at < 8; at++) {
        for (byte fill : new byte[] {' ', 'a'}) {
          byte[] b = new byte[24];
          java.util.Arrays.fill(b, fill);
          b[8 + at] = (byte) v;
          assertThat(ByteRuns.ascii(b, 0, 24)).isEqualTo(asciiByBytes(b, 0, 24));
          assertThat(ByteRuns.blank(b, 0, 24)).isEqualTo(blankByBytes(b, 0, 24));
        }
      }
    }
  }
}
