package io.github.aksreach.k8s.output;

import static io.github.aksreach.k8s.analysis.CheckReport.rounded;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.github.aksreach.core.solver.RuleRef;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.core.solver.Weight;
import io.github.aksreach.k8s.aks.FlowLogExplanation;
import io.github.aksreach.k8s.aks.FlowLogExplanation.Match;
import io.github.aksreach.k8s.aks.FlowLogTuple;
import io.github.aksreach.k8s.trace.Describe;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The renderings of {@link FlowLogExplanation}s ({@code explain}): text, one JSON object, or JSON Lines written as
 * they are made.
 *
 * <pre>{@code
 * try (FlowLogOutput.JsonLines out = new FlowLogOutput.JsonLines(writer)) {
 *   FlowLogs.forEach(log, e -> out.write(FlowLogExplanation.explain(analysis, e)));
 * }
 * System.out.print(FlowLogOutput.text(explanations));   // the tuple and where it was read, then the summary
 * }</pre>
 */
public final class FlowLogOutput {
  private FlowLogOutput() {}

  /** One explanation as ordered maps and lists: the object of each line of {@code explain --format json}. */
  public static Map<String, Object> tree(FlowLogExplanation x) {
    Map<String, Object> j = new LinkedHashMap<>();
    FlowLogTuple t = x.entry().tuple();
    j.put("tuple", x.entry().text());
    j.put("where", x.entry().where());
    j.put("nsg", x.entry().nsg().orElse(null));
    j.put("rule", x.entry().rule().orElse(null));
    j.put("direction", t.inbound() ? "INBOUND" : "OUTBOUND");
    j.put("logged", t.denied() ? "DENIED" : "ALLOWED");
    j.put("finding", x.finding().name());
    j.put("verdict", x.verdict().kind().name());
    j.put("deliveredFraction", rounded(x.verdict().deliveredFraction()));
    List<Object> ms = new ArrayList<>();
    for (Match m : x.matches()) {
      Map<String, Object> mj = new LinkedHashMap<>();
      mj.put("path", m.path());
      mj.put("weight", rounded(m.weight()));
      mj.put("element", Describe.label(m.element()));
      mj.put("decision", m.denied() ? "DENIED" : "ALLOWED");
      mj.put("rule", m.rule().map(RuleRef::name).orElse(null));
      if (m.rule().isPresent() && m.rule().get().priority().isPresent()) {
        mj.put("priority", m.rule().get().priority().getAsInt());
      }
      mj.put("via", m.via().map(Describe::decision).orElse(null));
      ms.add(mj);
    }
    j.put("matches", ms);
    j.put("summary", x.summary());
    return j;
  }

  /** All explanations as one JSON object, {@code {"tuples": [...]}} (the library's; the CLI prints JSON Lines). */
  public static String json(List<FlowLogExplanation> es) {
    List<Object> ts = new ArrayList<>();
    es.forEach(e -> ts.add(tree(e)));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("tuples", ts);
    return Json.write(root);
  }

  /** One line of {@code explain --format json} (JSON Lines): the explanation's object, without a line break. */
  public static String jsonLine(FlowLogExplanation x) {
    return Json.line(tree(x));
  }


  /** The text of {@code explain}: the tuple, then the summary, per entry. */
  public static String text(List<FlowLogExplanation> es) {
    StringBuilder sb = new StringBuilder();
    for (FlowLogExplanation e : es) {
      appendText(sb, e);
    }
    return sb.toString();
  }

  /** One entry's text in {@link #text}: the tuple and where it was read, then the summary, each ending a line. */
  public static StringBuilder appendText(StringBuilder sb, FlowLogExplanation x) {
    return sb.append(x.entry().text()).append("  (").append(x.entry().where()).append(")\n  ").append(x.summary())
        .append('\n');
  }

  /**
   * What an explanation's words depend on besides the tuple itself (its text, time, ports and where it was read): two
   * explanations with equal keys have the same summary and the same JSON after {@code where}. A log repeats few of
   * them (the tuples of one class of flows), so the writers render each once.
   */
  private record Said(Optional<String> nsg, Optional<String> rule, boolean inbound, boolean denied,
                      FlowLogExplanation.Finding finding, Verdict.Kind kind, Weight delivered, int paths,
                      List<Match> matches, boolean inCluster) {
    static Said of(FlowLogExplanation x) {
      FlowLogTuple t = x.entry().tuple();
      return new Said(x.entry().nsg(), x.entry().rule(), t.inbound(), t.denied(), x.finding(), x.verdict().kind(),
          x.verdict().deliveredFraction(), x.verdict().paths().size(), x.matches(), x.inCluster());
    }

    /**
     * From the flat fields and each match's path and decision only: a match's hops, rules and weights would be hashed
     * in depth per tuple, while {@link #equals} finds them the same objects (a class's paths are shared).
     */
    @Override
    public int hashCode() {
      int h = 31 * nsg.hashCode() + rule.hashCode();
      h = 31 * h + (inbound ? 1 : 0) + (denied ? 2 : 0) + (inCluster ? 4 : 0);
      h = 31 * (31 * (31 * h + finding.ordinal()) + kind.ordinal()) + paths;
      for (int i = 0; i < matches.size(); i++) {
        h = 31 * h + 2 * matches.get(i).path() + (matches.get(i).denied() ? 1 : 0);
      }
      return h;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Said s && inbound == s.inbound && denied == s.denied && paths == s.paths
          && inCluster == s.inCluster && finding == s.finding && kind == s.kind && nsg.equals(s.nsg)
          && rule.equals(s.rule) && delivered.equals(s.delivered) && sameMatches(matches, s.matches);
    }

    /**
     * {@code a.equals(b)}, field by field with the shared objects compared by identity first (the records' own
     * equality goes through method handles, per tuple). Every field of a match is compared: FlowLogOutputBytesTest
     * names them and fails when the record gains one.
     */
    private static boolean sameMatches(List<Match> a, List<Match> b) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        Match x = a.get(i);
        Match y = b.get(i);
        if (x != y && (x.path() != y.path() || x.denied() != y.denied() || !same(x.weight(), y.weight())
            || !same(x.element(), y.element()) || !same(x.rule(), y.rule()) || !same(x.via(), y.via()))) {
          return false;
        }
      }
      return true;
    }

    private static boolean same(Object x, Object y) {
      return x == y || x.equals(y);
    }
  }

  /** Text rendered once and written many times, with its UTF-8 bytes. */
  private static final class Rendered {
    final String text;
    final byte[] utf8;
    final boolean beyondAscii;

    Rendered(String text) {
      this.text = text;
      this.utf8 = text.getBytes(StandardCharsets.UTF_8);
      this.beyondAscii = utf8.length != text.length();
    }
  }

  /**
   * Text written in chunks: lines are appended to a buffer that goes to the target once it holds {@value #CHUNK}
   * characters or bytes, so no string is made per line. The target is a {@link Writer} (the buffer is characters) or
   * an {@link OutputStream} with its charset (the buffer is bytes, ASCII copied as it is and what is rendered once
   * copied from its bytes; a chunk with characters beyond ASCII is encoded again when the charset is not UTF-8: the
   * bytes are those a writer of that charset writes; a chunk ends at the end of a line, so no character is split
   * between two).
   */
  private static class Chunks implements Closeable {
    private static final int CHUNK = 1 << 16;
    private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();
    private static final String ASCII;

    static {
      StringBuilder sb = new StringBuilder(128);
      for (char c = 0; c < 128; c++) {
        sb.append(c);
      }
      ASCII = sb.toString();
    }

    private final Writer out;
    private final StringBuilder chars;
    private char[] flushed;
    private final OutputStream stream;
    private final Charset charset;
    /** Whether the charset writes ASCII as UTF-8 does (one byte each, the same). */
    private final boolean asciiAsUtf8;
    private byte[] bytes;
    private int length;
    private boolean beyondAscii;

    Chunks(Writer out) {
      this.out = out;
      this.chars = new StringBuilder(CHUNK + 4096);
      this.stream = null;
      this.charset = null;
      this.asciiAsUtf8 = false;
    }

    Chunks(OutputStream stream, Charset charset) {
      this.out = null;
      this.chars = null;
      this.stream = stream;
      this.charset = charset;
      this.asciiAsUtf8 = java.util.Arrays.equals(ASCII.getBytes(charset), ASCII.getBytes(StandardCharsets.UTF_8));
      this.bytes = new byte[CHUNK + 4096];
    }

    /** Appends {@code s} as it is. */
    final void text(String s) {
      if (chars != null) {
        chars.append(s);
      } else if (ascii(s, false)) {
        append(latin1);
      } else {
        beyond(s);
      }
    }

    /** The last string's Latin-1 bytes ({@link #ascii}). */
    private byte[] latin1;

    /**
     * Whether {@code s} is ASCII (and, when {@code quoting}, holds nothing a JSON string escapes), its bytes then in
     * {@link #latin1}: taken whole ({@link String#getBytes(Charset)} copies the bytes of a Latin-1 string), the
     * characters a byte cannot hold made '?', so a '?' is looked at again character by character.
     */
    private boolean ascii(String s, boolean quoting) {
      byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
      for (byte c : b) {
        if (c < 0x20 || c == '?' || quoting && (c == '"' || c == '\\')) {
          if (!slowAscii(s, quoting)) {
            return false;
          }
          break;
        }
      }
      latin1 = b;
      return true;
    }

    private static boolean slowAscii(String s, boolean quoting) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x20 || c >= 0x80 || quoting && (c == '"' || c == '\\')) {
          return false;
        }
      }
      return true;
    }

    private void append(byte[] b) {
      room(b.length);
      System.arraycopy(b, 0, bytes, length, b.length);
      length += b.length;
    }

    /** Appends what was rendered once. */
    final void text(Rendered r) {
      if (chars != null) {
        chars.append(r.text);
        return;
      }
      room(r.utf8.length);
      System.arraycopy(r.utf8, 0, bytes, length, r.utf8.length);
      length += r.utf8.length;
      beyondAscii |= r.beyondAscii;
    }

    /** Appends an ASCII character. */
    final void text(char c) {
      if (chars != null) {
        chars.append(c);
      } else {
        room(1);
        bytes[length++] = (byte) c;
      }
    }

    /**
     * {@code s} as the inside of a JSON string, as Jackson quotes it: copied whole when nothing in it needs an escape
     * (a control character, a quote or a backslash), which is every tuple and path of a well-formed log.
     */
    final void quoted(String s) {
      if (chars == null && ascii(s, true)) {
        append(latin1);
        return;
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x20 || c == '"' || c == '\\') {
          StringBuilder q = new StringBuilder(s.length() + 16);
          QUOTE.quoteAsString(s, q);
          text(q.toString());
          return;
        }
      }
      text(s);
    }

    /** Appends {@code s}, which has characters beyond ASCII, as UTF-8. */
    private void beyond(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      room(b.length);
      System.arraycopy(b, 0, bytes, length, b.length);
      length += b.length;
      beyondAscii = true;
    }

    private void room(int n) {
      if (length + n > bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
      }
    }

    /** Called after each line: writes the buffer once it is full. */
    final void lineDone() {
      if ((chars != null ? chars.length() : length) >= CHUNK) {
        flushChunk();
      }
    }

    private void flushChunk() {
      try {
        if (chars != null) {
          int n = chars.length();
          if (flushed == null || flushed.length < n) {
            flushed = new char[Math.max(n, CHUNK + 4096)];
          }
          chars.getChars(0, n, flushed, 0);
          out.write(flushed, 0, n);
          chars.setLength(0);
        } else {
          if (asciiAsUtf8 && (!beyondAscii || charset.equals(StandardCharsets.UTF_8))) {
            stream.write(bytes, 0, length);
          } else {
            stream.write(new String(bytes, 0, length, StandardCharsets.UTF_8).getBytes(charset));
          }
          length = 0;
          beyondAscii = false;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Writes what is buffered and flushes the target (which is not closed). */
    @Override
    public void close() throws IOException {
      flushChunk();
      if (stream != null) {
        stream.flush();
      } else {
        out.flush();
      }
    }
  }

  /** A bounded memo of renderings by {@link Said} (one writer's; not thread-safe). */
  private static final class Memo<V> extends LinkedHashMap<Said, V> {
    private static final int CAPACITY = 4096;

    Memo() {
      super(64, 0.75f, true);
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<Said, V> eldest) {
      return size() > CAPACITY;
    }
  }

  /**
   * Writes explanations as JSON Lines ({@code explain --format json}): per explanation, the object of
   * {@link #tree} on one line. What does not depend on the tuple itself is rendered once per distinct explanation.
   * Not thread-safe.
   *
   * <pre>{@code
   * try (FlowLogOutput.JsonLines out = new FlowLogOutput.JsonLines(writer)) {
   *   FlowLogs.forEach(log, e -> out.write(FlowLogExplanation.explain(analysis, e)));
   * }
   * }</pre>
   */
  public static final class JsonLines extends Chunks {
    private static final Rendered TUPLE = new Rendered("{\"tuple\":\"");
    private static final Rendered WHERE = new Rendered("\",\"where\":\"");
    private final Memo<Rendered> tails = new Memo<>();

    /** Lines go to {@code out}, which this never closes. */
    public JsonLines(Writer out) {
      super(out);
    }

    /**
     * Lines go to {@code out} as {@code charset} encodes them (the bytes an {@code OutputStreamWriter} of that
     * charset would write; {@code out} is never closed).
     */
    public JsonLines(OutputStream out, Charset charset) {
      super(out, charset);
    }

    /** One explanation, one line. */
    public void write(FlowLogExplanation x) {
      text(TUPLE);
      quoted(x.entry().text());
      text(WHERE);
      quoted(x.entry().where());
      text('"');
      text(tails.computeIfAbsent(Said.of(x), k -> new Rendered(tail(x))));
      text('\n');
      lineDone();
    }

    /** The line's fields after {@code where}, from the comma before them to the closing brace. */
    private static String tail(FlowLogExplanation x) {
      Map<String, Object> fields = tree(x);
      fields.remove("tuple");
      fields.remove("where");
      return "," + Json.line(fields).substring(1);
    }
  }

  /**
   * Writes explanations as {@code explain}'s text, as {@link #appendText} renders them, the summary of each distinct
   * explanation rendered once. Not thread-safe.
   *
   * <pre>{@code
   * try (FlowLogOutput.TextLines out = new FlowLogOutput.TextLines(writer)) {
   *   FlowLogs.forEach(log, e -> out.write(FlowLogExplanation.explain(analysis, e)));
   * }
   * }</pre>
   */
  public static final class TextLines extends Chunks {
    private final Memo<Rendered> summaries = new Memo<>();

    /** Text goes to {@code out}, which this never closes. */
    public TextLines(Writer out) {
      super(out);
    }

    /** Text goes to {@code out} as {@code charset} encodes it ({@code out} is never closed). */
    public TextLines(OutputStream out, Charset charset) {
      super(out, charset);
    }

    /** One explanation: the tuple and where it was read, then the summary. */
    public void write(FlowLogExplanation x) {
      // as appendText renders it
      text(x.entry().text());
      text("  (");
      text(x.entry().where());
      text(")\n  ");
      text(summaries.computeIfAbsent(Said.of(x), k -> new Rendered(x.summary())));
      text('\n');
      lineDone();
    }
  }
}
