package io.github.aksreach.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link LineReader}: the lines {@link BufferedReader} reads, and a line over the limit refused after the limit. */
class LineReaderTest {
  private static List<String> lines(String text, int max) {
    List<String> out = new ArrayList<>();
    try (LineReader r = new LineReader(new StringReader(text), max)) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        out.add(l);
        assertThat(r.lineNumber()).isEqualTo(out.size());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Test
  void everyLineEndingEndsALineAsInBufferedReader() {
    assertThat(lines("", 10)).isEmpty();
    assertThat(lines("a", 10)).containsExactly("a");
    assertThat(lines("a\n", 10)).containsExactly("a");
    assertThat(lines("a\r\nb\rc\n\nd", 10)).containsExactly("a", "b", "c", "", "d");
    assertThat(lines("\r\n\r\n", 10)).containsExactly("", "");
  }

  /** Texts of the characters that matter (line ends, and letters), cut into lines the same way by both readers. */
  @Test
  void linesAreThoseOfBufferedReader() {
    char[] alphabet = {'a', 'b', '\n', '\r', ' '};
    qt().withFixedSeed(0x11e5L).withExamples(100)
        .forAll(lists().of(integers().between(0, alphabet.length - 1)).ofSizeBetween(0, 5000))
        .checkAssert(cs -> {
          StringBuilder sb = new StringBuilder();
          cs.forEach(c -> sb.append(alphabet[c]));
          String text = sb.toString();
          assertThat(lines(text, Integer.MAX_VALUE)).isEqualTo(new BufferedReader(new StringReader(text)).lines()
              .toList());
        });
  }

  /** {@code text} handed out at most {@code chunk} characters per read, as a pipe or a slow file may. */
  private static Reader chunked(String text, int chunk) {
    return new FilterReader(new StringReader(text)) {
      @Override
      public int read(char[] cbuf, int off, int len) throws IOException {
        return super.read(cbuf, off, Math.min(len, chunk));
      }
    };
  }

  /**
   * The same lines as {@link BufferedReader} however the input arrives: when reads end anywhere (inside a line, between
   * a {@code \r} and its {@code \n}), a line is still assembled across reads and a {@code \r\n} split over two reads
   * still ends one line; and with a small limit, the lines before the first line over it are returned and that line
   * is refused with its number. (A {@link StringReader} hands all of a short text out in one read, so
   * {@link #linesAreThoseOfBufferedReader} never crosses a read.)
   */
  @Test
  void linesAreThoseOfBufferedReaderWhereverAReadEndsAndTheFirstLineOverTheLimitIsRefused() {
    char[] alphabet = {'a', 'b', 'c', ' ', '\n', '\r'};
    qt().withFixedSeed(0x11e6L).withExamples(300)
        .forAll(lists().of(integers().between(0, alphabet.length - 1)).ofSizeBetween(0, 2000),
            integers().between(1, 9), integers().between(1, 12))
        .checkAssert((cs, chunk, max) -> {
          StringBuilder sb = new StringBuilder();
          cs.forEach(c -> sb.append(alphabet[c]));
          List<String> expected = new BufferedReader(new StringReader(sb.toString())).lines().toList();
          int firstTooLong = 0;
          while (firstTooLong < expected.size() && expected.get(firstTooLong).length() <= max) {
            firstTooLong++;
          }
          List<String> got = new ArrayList<>();
          try (LineReader r = new LineReader(chunked(sb.toString(), chunk), max)) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
              got.add(l);
              assertThat(r.lineNumber()).isEqualTo(got.size());
            }
            assertThat(firstTooLong).as("no line over %d characters", max).isEqualTo(expected.size());
          } catch (LineReader.TooLong e) {
            assertThat(e.line()).as("the number of the first line over %d characters", max).isEqualTo(firstTooLong + 1);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          assertThat(got).isEqualTo(expected.subList(0, firstTooLong));
        });
  }

  @Test
  void aLineOverTheLimitIsRefusedWithItsNumberAfterReadingNoMoreThanTheLimit() throws IOException {
    assertThat(lines("12345\n1234567890", 10)).containsExactly("12345", "1234567890");
    try (LineReader r = new LineReader(new StringReader("ok\n12345678901\nnever"), 10)) {
      assertThat(r.readLine()).isEqualTo("ok");
      assertThatThrownBy(r::readLine).isInstanceOf(LineReader.TooLong.class)
          .hasMessage("line 2 is longer than 10 characters")
          .satisfies(e -> assertThat(((LineReader.TooLong) e).line()).isEqualTo(2));
    }
    // an endless input without a line end: refused once the limit is passed, never read to its (absent) end
    InputStream zeros = new InputStream() {
      long read;

      @Override
      public int read() {
        read++;
        if (read > 1 << 20) {
          throw new AssertionError("read past the limit");
        }
        return 0;
      }
    };
    try (LineReader r = new LineReader(new InputStreamReader(zeros, StandardCharsets.UTF_8), 1 << 16)) {
      assertThatThrownBy(r::readLine).isInstanceOf(LineReader.TooLong.class);
    }
  }
}
