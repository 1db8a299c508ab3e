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
import java.io.UncheckedIOException;
import java.io.Writer;
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
    return appendText(sb, x, x.summary());
  }

  private static StringBuilder appendText(StringBuilder sb, FlowLogExplanation x, String summary) {
    return sb.append(x.entry().text()).append("  (").append(x.entry().where()).append(")\n  ").append(summary)
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
          && rule.equals(s.rule) && delivered.equals(s.delivered) && matches.equals(s.matches);
    }
  }

  /**
   * Text written in chunks: lines are appended to a buffer that goes to the target as characters once it holds
   * {@value #CHUNK} of them, so no string is made per line.
   */
  private static class Chunks implements Closeable {
    private static final int CHUNK = 1 << 16;
    private final Writer out;
    final StringBuilder chunk = new StringBuilder(CHUNK + 4096);
    private char[] chars = new char[CHUNK + 4096];

    Chunks(Writer out) {
      this.out = out;
    }

    /** Called after each line: writes the buffer once it is full. */
    final void lineDone() {
      if (chunk.length() >= CHUNK) {
        flushChunk();
      }
    }

    private void flushChunk() {
      int n = chunk.length();
      if (chars.length < n) {
        chars = new char[n];
      }
      chunk.getChars(0, n, chars, 0);
      try {
        out.write(chars, 0, n);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      chunk.setLength(0);
    }

    /** Writes what is buffered and flushes the target (which is not closed). */
    @Override
    public void close() throws IOException {
      flushChunk();
      out.flush();
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
    private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();
    private final Memo<String> tails = new Memo<>();

    /** Lines go to {@code out}, which this never closes. */
    public JsonLines(Writer out) {
      super(out);
    }

    /** One explanation, one line. */
    public void write(FlowLogExplanation x) {
      chunk.append("{\"tuple\":\"");
      quoted(x.entry().text());
      chunk.append("\",\"where\":\"");
      quoted(x.entry().where());
      chunk.append('"').append(tails.computeIfAbsent(Said.of(x), k -> tail(x))).append('\n');
      lineDone();
    }

    /**
     * {@code s} as the inside of a JSON string, as Jackson quotes it: copied whole when nothing in it needs an escape
     * (a control character, a quote or a backslash), which is every tuple and path of a well-formed log.
     */
    private void quoted(String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x20 || c == '"' || c == '\\') {
          QUOTE.quoteAsString(s, chunk);
          return;
        }
      }
      chunk.append(s);
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
    private final Memo<String> summaries = new Memo<>();

    /** Text goes to {@code out}, which this never closes. */
    public TextLines(Writer out) {
      super(out);
    }

    /** One explanation: the tuple and where it was read, then the summary. */
    public void write(FlowLogExplanation x) {
      appendText(chunk, x, summaries.computeIfAbsent(Said.of(x), k -> x.summary()));
      lineDone();
    }
  }
}
