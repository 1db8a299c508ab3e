package io.github.aksreach.k8s.aks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.k8s.TestFiles;
import io.github.aksreach.k8s.output.FlowLogOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain}'s writers given an output stream and a charset write the bytes a writer of that charset writes:
 * in UTF-8, US-ASCII (characters beyond it become '?') and ISO-8859-1, for paths that need escapes in JSON and hold
 * characters beyond ASCII, in JSON Lines and in text, over more than one chunk.
 */
class FlowLogOutputBytesTest {
  private static final AksReachability LAB = AksReachability.load(TestFiles.labDir("step4-cluster-nsgs-nodes")).get();

  @Test
  void theBytesWrittenAreTheWritersOfTheSameCharset(@TempDir Path tmp) throws IOException {
    agree(tmp, "logs \"quoted\" back\\slash \u00e9t\u00e9 \u65e5", "logs \\\"quoted\\\" back\\\\slash ",
        "logs \"quoted\" back\\slash ");
  }

  /**
   * Paths of ASCII only, a literal '?' among them: every chunk is ASCII, which a charset other than UTF-8 takes as
   * the bytes themselves (Java 17 under a POSIX locale writes US-ASCII).
   */
  @Test
  void asciiOnlyOutputIsTheWritersInEveryCharset(@TempDir Path tmp) throws IOException {
    agree(tmp, "logs plain ?", "logs plain ?", "logs plain ?");
  }

  /**
   * The writers render an explanation's words once per distinct key, whose equality compares a match's fields one by
   * one (FlowLogOutput.Said.sameMatches): a field added to a match and not compared there would give two different
   * explanations one rendering. This names the fields compared; a new one must be added there, then here.
   */
  @Test
  void theRenderingKeyComparesEveryFieldOfAMatch() {
    assertThat(java.util.Arrays.stream(FlowLogExplanation.Match.class.getRecordComponents())
        .map(java.lang.reflect.RecordComponent::getName))
        .containsExactly("path", "weight", "element", "denied", "rule", "via");
  }

  private static void agree(Path tmp, String dirName, String inJson, String inText) throws IOException {
    Path dir = Files.createDirectory(tmp.resolve(dirName));
    Path blob = dir.resolve("PT1H.json");
    FlowLogFiles.writeBlob(blob, 4, 300);
    List<FlowLogs.Entry> entries = FlowLogs.load(blob).get();
    for (Charset cs : List.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII, StandardCharsets.ISO_8859_1)) {
      for (boolean json : new boolean[] {true, false}) {
        ByteArrayOutputStream viaWriter = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(viaWriter, cs)) {
          write(entries, json, new Out(w, null, null));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(entries, json, new Out(null, bytes, cs));
        assertThat(viaWriter.size()).as(cs + " " + json).isGreaterThan(1 << 17);
        assertThat(bytes.toByteArray()).as(cs + " " + json).isEqualTo(viaWriter.toByteArray());
        assertThat(new String(bytes.toByteArray(), cs)).as(cs + " " + json).contains(json ? inJson : inText);
      }
    }
  }

  private record Out(Writer writer, ByteArrayOutputStream stream, Charset charset) {}

  private static void write(List<FlowLogs.Entry> entries, boolean json, Out o) throws IOException {
    if (json) {
      try (FlowLogOutput.JsonLines out = o.writer() != null ? new FlowLogOutput.JsonLines(o.writer())
          : new FlowLogOutput.JsonLines(o.stream(), o.charset())) {
        entries.forEach(e -> out.write(FlowLogExplanation.explain(LAB, e)));
      }
    } else {
      try (FlowLogOutput.TextLines out = o.writer() != null ? new FlowLogOutput.TextLines(o.writer())
          : new FlowLogOutput.TextLines(o.stream(), o.charset())) {
        entries.forEach(e -> out.write(FlowLogExplanation.explain(LAB, e)));
      }
    }
  }
}
