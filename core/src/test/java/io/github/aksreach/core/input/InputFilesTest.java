package io.github.aksreach.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.aksreach.core.model.ModelError;
import io.vavr.control.Validation;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one reading layer: caps, special files, links out of the scenario, encodings. */
class InputFilesTest {
  @TempDir
  Path tmp;

  private static final ReadLimits SMALL = new ReadLimits(1000, 1500, 100, false);

  private Path write(String name, byte[] bytes) throws Exception {
    Path p = tmp.resolve("scenario").resolve(name);
    Files.createDirectories(p.getParent());
    return Files.write(p, bytes);
  }

  private InputFiles in() throws Exception {
    return InputFiles.under(Files.createDirectories(tmp.resolve("scenario")), SMALL);
  }

  @Test
  void aFileOverTheCapIsRefusedNamingTheFileAndTheCap() throws Exception {
    Path f = write("big.json", new byte[1001]);
    Validation<ModelError, String> r = in().read(f, "azure/big.json");
    assertThat(r.getError().toString()).startsWith("azure/big.json: file is 1001 bytes, over the limit of 1000 bytes"
        + " per file").contains("-Daksreach.maxFileBytes");
  }

  @Test
  void theCapOverAllFilesOfOneLoadCounts() throws Exception {
    InputFiles in = in();
    assertThat(in.read(write("a.json", "x".repeat(900).getBytes(StandardCharsets.UTF_8)), "a.json").isValid()).isTrue();
    Validation<ModelError, String> r = in.read(write("b.json", "y".repeat(900).getBytes(StandardCharsets.UTF_8)),
        "b.json");
    assertThat(r.getError().message()).contains("would pass the limit of 1500 bytes for all files");
  }

  @Test
  void aSparseGiantIsRefusedBeforeAnyByteIsRead() throws Exception {
    Path f = tmp.resolve("scenario/sparse.json");
    Files.createDirectories(f.getParent());
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.setLength(3L << 30);   // 3 GiB apparent size, no blocks
    }
    long t = System.nanoTime();
    Validation<ModelError, String> r = InputFiles.under(tmp.resolve("scenario"), ReadLimits.defaults()).read(f, "s");
    assertThat(r.getError().message()).startsWith("file is 3221225472 bytes, over the limit of");
    assertThat(System.nanoTime() - t).isLessThan(1_000_000_000L);
  }

  @Test
  void devicesAndFifosAreRefusedUpFront() throws Exception {
    Path dev = Path.of("/dev/zero");
    assumeTrue(Files.exists(dev));
    Path link = tmp.resolve("scenario/zero.json");
    Files.createDirectories(link.getParent());
    InputFiles follow = InputFiles.under(tmp.resolve("scenario"), SMALL.withFollowSymlinks(true));
    Files.createSymbolicLink(link, dev);
    assertThat(follow.read(link, "zero.json").getError().message())
        .isEqualTo("not a regular file (a device, FIFO or socket): not read");
    Path fifo = tmp.resolve("scenario/fifo.yaml");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeTrue(mk.waitFor() == 0);
    assertThat(in().read(fifo, "fifo.yaml").getError().message()).startsWith("not a regular file");
    assertThat(InputFiles.list(tmp.resolve("scenario"), true)).contains(fifo, link);
  }

  @Test
  void aLinkOutOfTheScenarioIsRefusedWithoutShowingItsContent() throws Exception {
    Path secret = Files.writeString(tmp.resolve("secret.txt"), "password=hunter2");
    Path link = tmp.resolve("scenario/k8s/all.yaml");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, secret);
    Validation<ModelError, String> r = in().read(link, "k8s/all.yaml");
    assertThat(r.getError().toString()).startsWith("k8s/all.yaml: symbolic link to a file outside the scenario")
        .doesNotContain("hunter2");
    assertThat(InputFiles.under(tmp.resolve("scenario"), SMALL.withFollowSymlinks(true)).read(link, "x").get())
        .isEqualTo("password=hunter2");
    Path inside = tmp.resolve("scenario/k8s/copy.yaml");
    Files.createSymbolicLink(inside, Path.of("all.yaml"));
    Path target = write("k8s/real.yaml", "a: 1".getBytes(StandardCharsets.UTF_8));
    Files.delete(inside);
    Files.createSymbolicLink(inside, target.getFileName());
    assertThat(in().read(inside, "k8s/copy.yaml").get()).isEqualTo("a: 1");
  }

  @Test
  void byteOrderMarksAndUtf16And32AreDecoded() throws Exception {
    String text = "{\"name\": \"caf\u00e9 \ud83d\ude00\"}";
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    for (byte[] bytes : List.of(concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, utf8), utf8,
        concat(new byte[] {(byte) 0xfe, (byte) 0xff}, text.getBytes(StandardCharsets.UTF_16BE)),
        concat(new byte[] {(byte) 0xff, (byte) 0xfe}, text.getBytes(StandardCharsets.UTF_16LE)),
        text.getBytes(StandardCharsets.UTF_16BE), text.getBytes(StandardCharsets.UTF_16LE),
        concat(new byte[] {0, 0, (byte) 0xfe, (byte) 0xff}, text.getBytes("UTF-32BE")),
        concat(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0}, text.getBytes("UTF-32LE")),
        text.getBytes("UTF-32BE"), text.getBytes("UTF-32LE"))) {
      assertThat(InputFiles.decode("f.json", bytes).get()).isEqualTo(text);
    }
  }

  /**
   * UTF-8 is decoded in one pass; a text holding a replacement character, a malformed byte or more bytes than the cap
   * is read again as a stream, whose messages (the byte near the problem, as the stream decoder counts it) are kept.
   */
  @Test
  void utf8InOnePassKeepsTheStreamsMessages() throws Exception {
    String text = "{\"a\": \"h\u00e9llo \ufffd w\u00f6rld\"}";
    assertThat(InputFiles.decode("f.json", text.getBytes(StandardCharsets.UTF_8)).get()).isEqualTo(text);
    byte[] big = new byte[100_000];
    java.util.Arrays.fill(big, (byte) 'a');
    big[20_000] = (byte) 0xc3;
    big[20_001] = '(';
    assertThat(InputFiles.decode("f.json", big).getError().message()).isEqualTo("not valid UTF-8 text near byte 24580"
        + " (save it as UTF-8, or as UTF-16 or UTF-32 with a byte-order mark)");
    assertThat(InputFiles.decode("f.json", new java.io.ByteArrayInputStream(big), 50_000).getError().message())
        .isEqualTo("not valid UTF-8 text near byte 24580 (save it as UTF-8, or as UTF-16 or UTF-32 with a byte-order"
            + " mark)");
    assertThat(InputFiles.decode("f.json", new java.io.ByteArrayInputStream(new byte[60_000]), 50_000).getError()
        .message()).startsWith("file grew past the limit of 50000 bytes while being read");
    assertThat(InputFiles.decode("f.json", new java.io.ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)),
        3).get()).isEqualTo("abc");
    assertThat(InputFiles.decode("f.json", new java.io.ByteArrayInputStream("abcd".getBytes(StandardCharsets.UTF_8)),
        3).isInvalid()).isTrue();
  }

  /**
   * {@link InputFiles#stream} passes exactly the files {@link InputFiles#read} decodes as UTF-8, whatever the reader
   * checks itself (here none: it drains the bytes): random mixes of ASCII, well-formed two- to four-byte sequences and
   * stray bytes of every kind, cut anywhere.
   */
  @Test
  void streamPassesWhatTheDecoderPasses() throws Exception {
    InputFiles in = InputFiles.under(Files.createDirectories(tmp.resolve("scenario")), ReadLimits.defaults());
    int[] passed = new int[2];
    org.quicktheories.QuickTheory.qt().withExamples(1500).forAll(org.quicktheories.generators.SourceDSL.longs().all())
        .checkAssert(seed -> {
          java.util.Random r = new java.util.Random(seed);
          java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
          b.writeBytes("abcd".getBytes(StandardCharsets.UTF_8));   // read as UTF-8, not UTF-16 or 32
          int parts = r.nextInt(8);
          int hostileAt = r.nextInt(4) == 0 ? -1 : r.nextInt(parts + 1);   // one hostile spot, or none
          for (int i = 0; i <= parts; i++) {
            if (i == hostileAt) {
              switch (r.nextInt(3)) {
                case 0 -> b.write(0x80 + r.nextInt(0x80));
                case 1 -> {
                  // the bytes where well-formedness changes: lead bytes, the bounds of continuation ranges
                  int[] edges = {0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed,
                      0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff};
                  b.write(edges[r.nextInt(edges.length)]);
                  int k = r.nextInt(4);
                  int[] cont = {0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf};
                  for (int j = 0; j < k; j++) {
                    b.write(cont[r.nextInt(cont.length)]);
                  }
                }
                default -> {
                  byte[] seq = new String(Character.toChars(0x800 + r.nextInt(0x10f7ff)))
                      .getBytes(StandardCharsets.UTF_8);
                  b.write(seq, 0, 1 + r.nextInt(seq.length));   // perhaps cut short
                }
              }
            }
            if (i < parts) {
              b.writeBytes(r.nextBoolean() ? "plain text ".getBytes(StandardCharsets.UTF_8)
                  : new String(Character.toChars(0x80 + r.nextInt(0x10ff7f))).getBytes(StandardCharsets.UTF_8));
            }
          }
          byte[] bytes = b.toByteArray();
          Path f;
          try {
            f = write("s.txt", bytes);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
          java.io.ByteArrayOutputStream drained = new java.io.ByteArrayOutputStream();
          boolean streamed = in.stream(f, "s.txt", utf8 -> {
            utf8.transferTo(drained);
            return true;
          });
          boolean decoded = InputFiles.decode("s.txt", bytes).isValid();
          assertThat(streamed).as("seed %d", seed).isEqualTo(decoded);
          if (streamed) {
            assertThat(drained.toByteArray()).isEqualTo(bytes);
          }
          passed[streamed ? 1 : 0]++;
        });
    assertThat(passed[0]).as("refused").isGreaterThan(50);
    assertThat(passed[1]).as("passed").isGreaterThan(50);
  }

  /**
   * A sequence cut by the end of one read and finished by the next is checked across the two (the check keeps what
   * is due): well-formed two- to four-byte characters and broken ones, ending at each of the bytes around the end of
   * the first 8,192-byte read.
   */
  @Test
  void aSequenceAcrossTwoReadsIsCheckedWhole() throws Exception {
    InputFiles in = InputFiles.under(Files.createDirectories(tmp.resolve("scenario")), ReadLimits.defaults());
    List<byte[]> sequences = List.of("\u00e9".getBytes(StandardCharsets.UTF_8),
        "\u20ac".getBytes(StandardCharsets.UTF_8), "\ud83d\ude00".getBytes(StandardCharsets.UTF_8),
        new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xf0, (byte) 0x80, (byte) 0x80,
            (byte) 0x80}, new byte[] {(byte) 0xe2, (byte) 0x82, 'a'});
    int checked = 0;
    for (byte[] seq : sequences) {
      for (int start = 8186; start <= 8192; start++) {
        byte[] bytes = new byte[start + seq.length + 10];
        java.util.Arrays.fill(bytes, (byte) 'x');
        System.arraycopy(seq, 0, bytes, start, seq.length);
        Path f = write("cut.txt", bytes);
        boolean streamed = in.stream(f, "cut.txt", utf8 -> {
          byte[] buf = new byte[8192];
          while (utf8.read(buf, 0, buf.length) >= 0) {
            // the default buffer of a reader: the sequence falls across two reads
          }
          return true;
        });
        assertThat(streamed).as("%s at %d", java.util.Arrays.toString(seq), start)
            .isEqualTo(InputFiles.decode("cut.txt", bytes).isValid());
        checked++;
      }
    }
    assertThat(checked).isEqualTo(42);
  }

  @Test
  void streamCountsTheBytesItPassesAndLeavesOtherFilesToRead() throws Exception {
    InputFiles in = in();
    Path a = write("a.json", "x".repeat(900).getBytes(StandardCharsets.UTF_8));
    assertThat(in.stream(a, "a.json", utf8 -> utf8.readAllBytes().length == 900)).isTrue();
    // the 900 bytes streamed count: 900 more would pass the total of 1500
    assertThat(in.read(write("b.json", "y".repeat(900).getBytes(StandardCharsets.UTF_8)), "b.json").getError()
        .message()).contains("would pass the limit of 1500 bytes for all files");
    // a reader's false, a UTF-16 file and a file over the cap are left to read(), and count nothing
    assertThat(in.stream(write("c.json", "z".repeat(10).getBytes(StandardCharsets.UTF_8)), "c.json",
        utf8 -> false)).isFalse();
    assertThat(in.stream(write("d.json", "{}".getBytes(StandardCharsets.UTF_16LE)), "d.json", utf8 -> true))
        .isFalse();
    assertThat(in.stream(write("e.json", new byte[1001]), "e.json", utf8 -> true)).isFalse();
    assertThat(in.read(write("f.json", "w".repeat(600).getBytes(StandardCharsets.UTF_8)), "f.json").isValid())
        .isTrue();
  }

  @Test
  void invalidUtf8IsNamedNotAnInputLengthException() {
    Validation<ModelError, String> r = InputFiles.decode("f.yaml", new byte[] {'a', ':', ' ', (byte) 0xc3, '('});
    assertThat(r.getError().toString()).startsWith("f.yaml: not valid UTF-8 text near byte");
  }

  @Test
  void limitsComeFromSystemPropertiesWithUnits() {
    System.setProperty(ReadLimits.MAX_FILE_PROPERTY, "3m");
    try {
      assertThat(ReadLimits.defaults().maxFileBytes()).isEqualTo(3L << 20);
      System.setProperty(ReadLimits.MAX_FILE_PROPERTY, "lots");
      org.assertj.core.api.Assertions.assertThatThrownBy(ReadLimits::defaults)
          .hasMessageContaining("-Daksreach.maxFileBytes=lots: expected a positive number of bytes");
    } finally {
      System.clearProperty(ReadLimits.MAX_FILE_PROPERTY);
    }
    assertThat(ReadLimits.defaults().maxFileBytes()).isBetween(16L << 20, 256L << 20);
  }

  /** The flow-log record bound is one of the limits: set, defaulted and refused as the others are. */
  @Test
  void theFlowLogRecordBoundIsALimitLikeTheOthers() {
    assertThat(ReadLimits.defaults().maxFlowLogRecordValues()).isEqualTo(2_000_000);
    assertThat(SMALL.maxFlowLogRecordValues()).isEqualTo(ReadLimits.DEFAULT_MAX_FLOW_LOG_RECORD_VALUES);
    assertThat(SMALL.withMaxFlowLogRecordValues(20).maxFlowLogRecordValues()).isEqualTo(20);
    assertThat(SMALL.withMaxFlowLogRecordValues(20).withMaxFileBytes(7)).isEqualTo(
        new ReadLimits(7, 1500, 100, false, 20));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SMALL.withMaxFlowLogRecordValues(0))
        .isInstanceOf(IllegalArgumentException.class);
    for (String[] bad : List.of(new String[] {ReadLimits.MAX_FLOW_LOG_RECORD_PROPERTY, "lots", "values"},
        new String[] {ReadLimits.MAX_FLOW_LOG_RECORD_PROPERTY, "-5", "values"},
        new String[] {ReadLimits.MAX_FLOW_LOG_RECORD_PROPERTY, "1.5m", "values"},
        new String[] {ReadLimits.MAX_ALIAS_PROPERTY, "many", "nodes"})) {
      System.setProperty(bad[0], bad[1]);
      try {
        org.assertj.core.api.Assertions.assertThatThrownBy(ReadLimits::defaults).hasMessage("-D" + bad[0] + "="
            + bad[1] + ": expected a positive number of " + bad[2] + ", optionally with a k, m or g suffix");
      } finally {
        System.clearProperty(bad[0]);
      }
    }
    System.setProperty(ReadLimits.MAX_FLOW_LOG_RECORD_PROPERTY, "3k");
    try {
      assertThat(ReadLimits.defaults().maxFlowLogRecordValues()).isEqualTo(3072);
    } finally {
      System.clearProperty(ReadLimits.MAX_FLOW_LOG_RECORD_PROPERTY);
    }
  }

  /** {@code yes} is not silently {@code false}: the symbolic-link switch is true or false, or refused. */
  @Test
  void theSymlinkSwitchIsTrueOrFalse() {
    for (String v : List.of("true", "TRUE", "false")) {
      System.setProperty(ReadLimits.FOLLOW_SYMLINKS_PROPERTY, v);
      try {
        assertThat(ReadLimits.defaults().followSymlinks()).isEqualTo(v.equalsIgnoreCase("true"));
      } finally {
        System.clearProperty(ReadLimits.FOLLOW_SYMLINKS_PROPERTY);
      }
    }
    System.setProperty(ReadLimits.FOLLOW_SYMLINKS_PROPERTY, "yes");
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(ReadLimits::defaults)
          .hasMessage("-Daksreach.followSymlinks=yes: expected true or false");
    } finally {
      System.clearProperty(ReadLimits.FOLLOW_SYMLINKS_PROPERTY);
    }
  }

  @Test
  void textsInMemoryAreHeldToTheSameCapsAsFiles() {
    InputFiles texts = InputFiles.texts(SMALL);
    assertThat(texts.admit("fabric8:Service/a/b", "x".repeat(1001)).getError().toString())
        .isEqualTo("fabric8:Service/a/b: text is 1001 bytes (as UTF-8), over the limit of 1000 bytes per file: not read"
            + " (raise it with -Daksreach.maxFileBytes=<bytes> or ReadLimits.withMaxFileBytes, and the heap with"
            + " -Xmx)");
    assertThat(texts.admit("a", "\u00e9".repeat(501)).getError().message()).startsWith("text is 1002 bytes");
    assertThat(texts.admit("b", "y".repeat(800)).get()).hasSize(800);
    assertThat(texts.admit("c", "z".repeat(800)).getError().toString()).startsWith("c: admitting this text of 800"
        + " bytes would pass the limit of 1500 bytes for all files of the scenario").contains("withMaxTotalBytes");
    assertThat(texts.admit("d", "z".repeat(700)).isValid()).as("a refused text is not counted").isTrue();
    assertThat(texts.admit("e", "").isValid()).isTrue();
    assertThat(texts.admit("f", "!").isValid()).as("1500 bytes in all").isFalse();
  }

  /** The UTF-8 size of a text is counted without encoding it, and is what encoding it gives. */
  @Test
  void utf8LengthIsTheEncodedLength() {
    org.quicktheories.QuickTheory.qt().withFixedSeed(15L).withExamples(500)
        .forAll(org.quicktheories.generators.SourceDSL.strings().betweenCodePoints(0, 0x10ffff).ofLengthBetween(0,
            40))
        .assuming(s -> s.codePoints().noneMatch(c -> c >= 0xd800 && c <= 0xdfff))   // no lone surrogate: '?'
        .check(s -> InputFiles.utf8Length(s) == s.getBytes(StandardCharsets.UTF_8).length);
    assertThat(InputFiles.utf8Length("a\u00e9\u20ac\ud83d\ude00")).isEqualTo(1 + 2 + 3 + 4);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
