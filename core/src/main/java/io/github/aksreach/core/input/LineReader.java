package io.github.aksreach.core.input;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads text line by line, as {@link java.io.BufferedReader#readLine} does ({@code \n}, {@code \r\n} or {@code \r}
 * ends a line), but never holds more than {@code maxChars} characters of one line: a longer line (a file of one
 * huge line, {@code /dev/zero}, a sparse giant) is refused with {@link TooLong} after reading at most that much of
 * it, so memory and time stay bounded whatever the input.
 *
 * <pre>{@code
 * try (LineReader r = new LineReader(Files.newBufferedReader(p), 1 << 16)) {
 *   for (String line = r.readLine(); line != null; line = r.readLine()) {
 *     r.lineNumber();   // 1 for the first line
 *   }
 * } catch (LineReader.TooLong e) {
 *   e.getMessage();     // "line 3 is longer than 65536 characters"
 * }
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class LineReader implements Closeable {
  /** A line longer than the limit; nothing after it is read. */
  public static final class TooLong extends IOException {
    private static final long serialVersionUID = 1L;
    private final long line;

    TooLong(long line, int max) {
      super("line " + line + " is longer than " + max + " characters");
      this.line = line;
    }

    /** The number of the line, from 1. */
    public long line() {
      return line;
    }
  }

  private final Reader in;
  private final int maxChars;
  private final char[] buf = new char[8192];
  private int pos;
  private int end;
  private long lineNumber;
  private boolean skipLf;

  /** Reads {@code in}, refusing lines longer than {@code maxChars} characters. */
  public LineReader(Reader in, int maxChars) {
    if (maxChars <= 0) {
      throw new IllegalArgumentException("maxChars must be positive");
    }
    this.in = in;
    this.maxChars = maxChars;
  }

  /** The number of the line last returned (1 for the first), 0 before any. */
  public long lineNumber() {
    return lineNumber;
  }

  /**
   * The next line without its terminator, or null at the end of the input.
   *
   * @throws TooLong when the line is longer than the limit
   */
  public String readLine() throws IOException {
    StringBuilder sb = null;
    while (true) {
      if (pos == end) {
        end = in.read(buf, 0, buf.length);
        pos = 0;
        if (end <= 0) {
          end = 0;
          if (sb == null) {
            return null;
          }
          lineNumber++;
          return sb.toString();
        }
      }
      if (skipLf) {
        skipLf = false;
        if (buf[pos] == '\n') {
          pos++;
          continue;
        }
      }
      int start = pos;
      while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') {
        pos++;
      }
      int taken = (sb == null ? 0 : sb.length()) + pos - start;
      if (taken > maxChars) {
        throw new TooLong(lineNumber + 1, maxChars);
      }
      if (sb == null) {
        sb = new StringBuilder(Math.min(taken + 16, maxChars));
      }
      sb.append(buf, start, pos - start);
      if (pos < end) {
        skipLf = buf[pos] == '\r';
        pos++;
        lineNumber++;
        return sb.toString();
      }
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
