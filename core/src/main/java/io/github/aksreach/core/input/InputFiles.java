package io.github.aksreach.core.input;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Parsed;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the files of one scenario load: every loader of every module goes through here. A file is read only if its
 * real path is inside the scenario directory (unless {@link ReadLimits#followSymlinks()}), it is a regular file (no
 * device, FIFO or socket), and it fits the size caps, checked before reading and again while streaming. The text is
 * decoded from UTF-8, or from UTF-16/UTF-32 when a byte-order mark (or, as JSON and YAML allow, the pattern of zero
 * bytes) says so; the mark is dropped. Nothing of a refused file is read, so no message can show its content.
 *
 * <pre>{@code
 * InputFiles in = InputFiles.under(Path.of("dump"), ReadLimits.defaults());
 * Validation<ModelError, String> t = in.read(Path.of("dump/k8s/all.yaml"), "k8s/all.yaml");
 * t.getError().toString();
 * // "k8s/all.yaml: file is 3221225472 bytes, over the limit of 256 MiB per file (raise it with -Daksreach...)"
 * in.list(Path.of("dump/k8s"), true);   // every non-directory entry, links and special files included, sorted
 * }</pre>
 *
 * <p>Not thread-safe: one instance counts the bytes of one load.
 */
public final class InputFiles {
  private final Path root;
  private final Path realRoot;
  private final ReadLimits limits;
  private long total;

  private InputFiles(Path root, Path realRoot, ReadLimits limits) {
    this.root = root;
    this.realRoot = realRoot;
    this.limits = limits;
  }

  /** Reads files under {@code root} (the scenario directory) within {@code limits}. */
  public static InputFiles under(Path root, ReadLimits limits) {
    Path real;
    try {
      real = root.toRealPath();
    } catch (IOException e) {
      real = root.toAbsolutePath().normalize();
    }
    return new InputFiles(root, real, limits);
  }

  /**
   * Admits texts already in memory ({@link #admit}) instead of reading files: each is held to the per-file cap and all
   * of them together to the total cap, as {@link #read} holds the files of a directory (an in-memory scenario, such as
   * the fabric8 adapter's, is bounded like one on disk). {@link #root()} is the empty path.
   */
  public static InputFiles texts(ReadLimits limits) {
    Path none = Path.of("");
    return new InputFiles(none, none.toAbsolutePath(), limits);
  }

  /**
   * Reads a file the caller names by its own path, not as part of a scenario directory: a symbolic link is followed
   * (the caller chose the file), every other rule holds.
   */
  public static InputFiles single(Path file, ReadLimits limits) {
    Path parent = file.toAbsolutePath().getParent();
    return under(parent == null ? file.toAbsolutePath() : parent, limits.withFollowSymlinks(true));
  }

  public ReadLimits limits() {
    return limits;
  }

  public Path root() {
    return root;
  }

  /**
   * Every entry of {@code dir} that is not a directory (regular files, symbolic links, special files), sorted;
   * with {@code recursive}, also those of its subdirectories (not following links to directories).
   */
  public static List<Path> list(Path dir, boolean recursive) throws IOException {
    try (Stream<Path> s = recursive ? Files.walk(dir) : Files.list(dir)) {
      return s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().collect(Collectors.toList());
    }
  }

  /** The text of {@code file}, or why it was not read; {@code name} names it in messages. */
  public Parsed<String> read(Path file, String name) {
    return Parsed.of(readResult(file, name));
  }

  private Validation<ModelError, String> readResult(Path file, String name) {
    Validation<ModelError, Admitted> admitted = admitFile(file, name);
    if (admitted.isInvalid()) {
      return Validation.invalid(admitted.getError());
    }
    Admitted a = admitted.get();
    try (InputStream in = Files.newInputStream(a.real())) {
      Validation<ModelError, String> text = decodeResult(name, in, a.cap(), a.size());
      if (text.isValid()) {
        total += Math.max(a.size(), text.get().length());
      }
      return text;
    } catch (IOException e) {
      return refuse(name, "cannot read file: " + e.getMessage());
    }
  }

  /** A file {@link #read} may read: its real path, its size, the most bytes it may grow to while read. */
  private record Admitted(Path real, long size, long cap) {}

  private Validation<ModelError, Admitted> admitFile(Path file, String name) {
    Path real;
    try {
      real = file.toRealPath();
    } catch (IOException e) {
      return refuse(name, Files.isSymbolicLink(file) ? "broken symbolic link: not read"
          : "cannot read file: " + e.getClass().getSimpleName() + " " + e.getMessage());
    }
    if (!real.startsWith(realRoot) && !limits.followSymlinks()) {
      return refuse(name, "symbolic link to a file outside the scenario directory: not read (copy the file into the"
          + " scenario, or allow it with -D" + ReadLimits.FOLLOW_SYMLINKS_PROPERTY + "=true)");
    }
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(real, BasicFileAttributes.class);
    } catch (IOException e) {
      return refuse(name, "cannot read file: " + e.getMessage());
    }
    if (!a.isRegularFile()) {
      return refuse(name, (a.isDirectory() ? "a directory" : "not a regular file (a device, FIFO or socket)")
          + ": not read");
    }
    long size = a.size();
    Optional<String> over = overCaps("file is " + size + " bytes", "reading this file of " + size + " bytes", size,
        false);
    if (over.isPresent()) {
      return refuse(name, over.get());
    }
    return Validation.valid(new Admitted(real, size, Math.min(limits.maxFileBytes(), limits.maxTotalBytes() - total)));
  }

  /**
   * What reads a file's bytes ({@link #stream}): UTF-8 text without its byte-order mark; true when it read all of it
   * and keeps what it read, false when the file is to be read again as text ({@link #read}).
   */
  @FunctionalInterface
  public interface ByteReader {
    boolean read(InputStream utf8) throws IOException;
  }

  /**
   * Gives {@code file}'s bytes to {@code reader} without making them a text, when {@link #read} would read it as
   * UTF-8: a large JSON file is parsed from the disk as it streams, never held whole (a 131 MB {@code pods.json} was
   * a 131 MB string, and as much again while it was assembled). The bytes are checked as they pass: a sequence that
   * is not well-formed UTF-8 (what {@link #read}'s decoder refuses: overlong forms, surrogates, values past
   * U+10FFFF, a cut-off sequence) or growth past the caps stops the reading.
   *
   * <pre>{@code
   * InputFiles in = InputFiles.under(dir, ReadLimits.defaults());
   * if (!in.stream(file, "k8s/pods.json", bytes -> readList(bytes))) {
   *   Parsed<String> text = in.read(file, "k8s/pods.json");   // the text path, whose messages name any problem
   * }
   * }</pre>
   *
   * @return the reader's answer; false without calling it when {@link #read} would refuse the file or decode it from
   *     UTF-16 or UTF-32; false when the bytes stop being acceptable, the reader throws, or it answers true before
   *     the end of the file. The bytes read count against the total cap only when the answer is true.
   */
  public boolean stream(Path file, String name, ByteReader reader) {
    Validation<ModelError, Admitted> admitted = admitFile(file, name);
    if (admitted.isInvalid()) {
      return false;
    }
    Admitted a = admitted.get();
    try (InputStream in = Files.newInputStream(a.real())) {
      byte[] head = in.readNBytes(4);
      Encoding enc = Encoding.detect(head);
      if (enc != Encoding.UTF8 && enc != Encoding.UTF8_BOM) {
        return false;
      }
      Capped capped = new Capped(in, head, enc.bomLength, a.cap());
      Utf8Checked checked = new Utf8Checked(capped);
      // a reader that answers before the end has not seen (nor had checked) every byte: the text path reads it
      if (!reader.read(checked) || checked.read() != -1) {
        return false;
      }
      total += capped.count;
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * {@code text} (held in memory, named {@code name} in messages) if its size in UTF-8 fits the per-file cap and, with
   * the texts admitted before it, the total cap; else why not, naming the cap and how to raise it.
   */
  public Parsed<String> admit(String name, String text) {
    long size = utf8Length(text);
    Optional<String> over = overCaps("text is " + size + " bytes (as UTF-8)", "admitting this text of " + size
        + " bytes", size, true);
    if (over.isPresent()) {
      return Parsed.of(refuse(name, over.get()));
    }
    total += size;
    return Parsed.valid(text);
  }

  /**
   * Why {@code size} more bytes pass a cap ({@code what} and {@code adding} say what they are), if they do; for a
   * {@code text} in memory the message also names the {@link ReadLimits} method that raises the cap.
   */
  private Optional<String> overCaps(String what, String adding, long size, boolean text) {
    if (size > limits.maxFileBytes()) {
      return Optional.of(what + ", over the limit of " + ReadLimits.describe(limits.maxFileBytes()) + " per file: not"
          + " read (raise it with -D" + ReadLimits.MAX_FILE_PROPERTY + "=<bytes>"
          + (text ? " or ReadLimits.withMaxFileBytes" : "") + ", and the heap with -Xmx)");
    }
    if (total + size > limits.maxTotalBytes()) {
      return Optional.of(adding + " would pass the limit of " + ReadLimits.describe(limits.maxTotalBytes())
          + " for all files of the scenario: not read (raise it with -D" + ReadLimits.MAX_TOTAL_PROPERTY + "=<bytes>"
          + (text ? " or ReadLimits.withMaxTotalBytes" : "") + ", and the heap with -Xmx)");
    }
    return Optional.empty();
  }

  /** The number of bytes {@code text} takes in UTF-8, without encoding it. */
  static long utf8Length(String text) {
    long n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /**
   * Decodes a stream of at most {@code maxBytes} bytes (UTF-8, or UTF-16/32 by byte-order mark or zero-byte pattern),
   * without its byte-order mark.
   */
  public static Parsed<String> decode(String name, InputStream in, long maxBytes) throws IOException {
    return Parsed.of(decodeResult(name, in, maxBytes, 0));
  }

  /**
   * {@link #decode(String, InputStream, long)} of a stream expected to hold about {@code sizeHint} bytes (a file's
   * size): the text is assembled in a buffer of that size instead of one doubled as it fills (a 130 MB file was
   * copied about 3 times, 11 % of a 50,000-node {@code check}).
   */
  static Validation<ModelError, String> decodeResult(String name, InputStream in, long maxBytes, long sizeHint)
      throws IOException {
    byte[] head = in.readNBytes(4);
    Encoding enc = Encoding.detect(head);
    if (enc.charset == StandardCharsets.UTF_8) {
      // the common case in one pass: the bytes, then one decode; any doubt (a replacement character in the text, more
      // bytes than the cap) reads them again the way below, whose messages then name the problem
      int want = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(0, maxBytes - head.length + 1));
      byte[] rest = in.readNBytes(want);
      if (rest.length < want) {     // the end was reached within the cap
        byte[] all = new byte[head.length - enc.bomLength + rest.length];
        System.arraycopy(head, enc.bomLength, all, 0, head.length - enc.bomLength);
        System.arraycopy(rest, 0, all, head.length - enc.bomLength, rest.length);
        String text = new String(all, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
          return Validation.valid(text);
        }
      }
      in = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(rest), in);
    }
    CharsetDecoder dec = enc.charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    Capped capped = new Capped(in, head, enc.bomLength, maxBytes);
    StringBuilder sb = new StringBuilder((int) Math.max(16, Math.min(Math.min(sizeHint, maxBytes),
        Integer.MAX_VALUE - 16)));
    char[] buf = new char[8192];
    try (Reader r = new InputStreamReader(capped, dec)) {
      int n;
      while ((n = r.read(buf)) > 0) {
        sb.append(buf, 0, n);
      }
    } catch (CharacterCodingException e) {
      return refuse(name, "not valid " + enc.charset.name() + " text near byte " + capped.count + " (save it as UTF-8,"
          + " or as UTF-16 or UTF-32 with a byte-order mark)");
    } catch (TooLong e) {
      return refuse(name, "file grew past the limit of " + ReadLimits.describe(maxBytes) + " while being read: not"
          + " read (raise it with -D" + ReadLimits.MAX_FILE_PROPERTY + "=<bytes>)");
    }
    return Validation.valid(sb.toString());
  }

  /** {@link #decode} of bytes in memory. */
  public static Parsed<String> decode(String name, byte[] bytes) {
    return Parsed.of(decodeResult(name, bytes));
  }

  private static Validation<ModelError, String> decodeResult(String name, byte[] bytes) {
    try {
      return decodeResult(name, new java.io.ByteArrayInputStream(bytes), Long.MAX_VALUE, bytes.length);
    } catch (IOException e) {
      return refuse(name, "cannot read: " + e.getMessage());
    }
  }

  private static <T> Validation<ModelError, T> refuse(String name, String message) {
    return Validation.invalid(new ModelError(name, "", message));
  }

  /** The encodings JSON (RFC 8259, 4627 detection) and YAML (1.2, section 5.2) allow. */
  private enum Encoding {
    UTF8_BOM(StandardCharsets.UTF_8, 3), UTF8(StandardCharsets.UTF_8, 0),
    UTF16BE_BOM(StandardCharsets.UTF_16BE, 2), UTF16LE_BOM(StandardCharsets.UTF_16LE, 2),
    UTF32BE_BOM(Charset.forName("UTF-32BE"), 4), UTF32LE_BOM(Charset.forName("UTF-32LE"), 4),
    UTF16BE(StandardCharsets.UTF_16BE, 0), UTF16LE(StandardCharsets.UTF_16LE, 0),
    UTF32BE(Charset.forName("UTF-32BE"), 0), UTF32LE(Charset.forName("UTF-32LE"), 0);

    final Charset charset;
    final int bomLength;

    Encoding(Charset charset, int bomLength) {
      this.charset = charset;
      this.bomLength = bomLength;
    }

    static Encoding detect(byte[] h) {
      int b0 = h.length > 0 ? h[0] & 0xff : -1;
      int b1 = h.length > 1 ? h[1] & 0xff : -1;
      int b2 = h.length > 2 ? h[2] & 0xff : -1;
      int b3 = h.length > 3 ? h[3] & 0xff : -1;
      if (b0 == 0xef && b1 == 0xbb && b2 == 0xbf) {
        return UTF8_BOM;
      }
      if (b0 == 0 && b1 == 0 && b2 == 0xfe && b3 == 0xff) {
        return UTF32BE_BOM;
      }
      if (b0 == 0xff && b1 == 0xfe && b2 == 0 && b3 == 0) {
        return UTF32LE_BOM;
      }
      if (b0 == 0xfe && b1 == 0xff) {
        return UTF16BE_BOM;
      }
      if (b0 == 0xff && b1 == 0xfe) {
        return UTF16LE_BOM;
      }
      if (h.length == 4) {
        if (b0 == 0 && b1 == 0 && b2 == 0 && b3 != 0) {
          return UTF32BE;
        }
        if (b0 != 0 && b1 == 0 && b2 == 0 && b3 == 0) {
          return UTF32LE;
        }
        if (b0 == 0 && b1 != 0 && b2 == 0 && b3 != 0) {
          return UTF16BE;
        }
        if (b0 != 0 && b1 == 0 && b2 != 0 && b3 == 0) {
          return UTF16LE;
        }
      }
      return UTF8;
    }
  }

  private static final class TooLong extends IOException {
    private static final long serialVersionUID = 1L;
  }

  /** A stream that reads in chunks: one byte is a chunk of one. */
  private abstract static class ChunkStream extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n <= 0 ? -1 : one[0] & 0xff;
    }
  }

  /** The stream after its byte-order mark, failing once more than {@code max} bytes were read. */
  private static final class Capped extends ChunkStream {
    private final InputStream in;
    private final byte[] head;
    private int headPos;
    private final long max;
    long count;

    Capped(InputStream in, byte[] head, int skip, long max) {
      this.in = in;
      this.head = head;
      this.headPos = skip;
      this.max = max;
      this.count = skip;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      int n;
      if (headPos < head.length) {
        n = Math.min(len, head.length - headPos);
        System.arraycopy(head, headPos, b, off, n);
        headPos += n;
      } else {
        n = in.read(b, off, len);
        if (n < 0) {
          return -1;
        }
      }
      count += n;
      if (count > max) {
        throw new TooLong();
      }
      return n;
    }
  }

  /**
   * The bytes of a stream, failing at the first that breaks well-formed UTF-8 (the Unicode standard's table 3-7, which
   * the JDK's decoder holds to) or when the stream ends inside a sequence.
   */
  static final class Utf8Checked extends ChunkStream {
    private final InputStream in;
    /** Continuation bytes still due in the current sequence. */
    private int due;
    /** The range the next continuation byte must fall in (the second byte of E0, ED, F0 and F4 is narrower). */
    private int low = 0x80;
    private int high = 0xbf;

    Utf8Checked(InputStream in) {
      this.in = in;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n < 0) {
        if (due > 0) {
          throw new CharacterCodingException();
        }
        return n;
      }
      int end = off + n;
      int i = off;
      while (i < end) {
        if (due == 0) {
          i = ByteRuns.ascii(b, i, end);   // a run of ASCII, most of a dump
          if (i < end) {
            start(b[i++] & 0xff);
          }
        } else {
          int c = b[i++] & 0xff;
          if (c < low || c > high) {
            throw new CharacterCodingException();
          }
          low = 0x80;
          high = 0xbf;
          due--;
        }
      }
      return n;
    }

    private void start(int c) throws CharacterCodingException {
      if (c >= 0xc2 && c <= 0xdf) {
        due = 1;
      } else if (c >= 0xe0 && c <= 0xef) {
        due = 2;
        low = c == 0xe0 ? 0xa0 : 0x80;
        high = c == 0xed ? 0x9f : 0xbf;
      } else if (c >= 0xf0 && c <= 0xf4) {
        due = 3;
        low = c == 0xf0 ? 0x90 : 0x80;
        high = c == 0xf4 ? 0x8f : 0xbf;
      } else {
        throw new CharacterCodingException();
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
