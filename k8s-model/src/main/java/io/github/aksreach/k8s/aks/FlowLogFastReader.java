package io.github.aksreach.k8s.aks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The fast path of {@link FlowLogs#scan} and {@link FlowLogs#forEach}: a byte scanner for flow-log blobs in their
 * common shape, which answers only when it is sure. It returns the number of tuples when the whole file is in that
 * shape and good, and then {@link FlowLogReader} would have read the same tuples in the same order without a problem;
 * otherwise {@link #UNKNOWN}, and the caller reads the file with {@link FlowLogReader}, which words every problem.
 *
 * <pre>{@code
 * long n = new FlowLogFastReader(Path.of("PT1H.json"), null, 2_000_000).read();   // 1000000, or UNKNOWN (-1)
 * }</pre>
 *
 * <p>The shape: one or more blobs ({@code {"records": [...]}}) separated by blank space, strict JSON (no comments, no
 * BOM, no byte above 127, no control character in a string, strict numbers and literals, no key twice in one object
 * of a record, at most 64 keys there), each record an NSG record ({@code properties.flows[].flows[].flowTuples}) or a VNet record
 * ({@code flowRecords.flows[].flowGroups[].flowTuples}) whose every tuple is a plain one
 * ({@link FlowLogTuple#plainValid}), {@code resourceId} and {@code rule} plain strings. Memory is bounded by the
 * largest record, as in {@link FlowLogReader}: the fast path holds one record's tuples at a time (as strings only
 * when they are given to a sink), and a record of more than the limit's values is left to {@link FlowLogReader}.
 * A sink is given a record's entries only once the whole record is known good, so when the answer is
 * {@link #UNKNOWN} the entries already given ({@link #given()}) are those {@link FlowLogReader} gives first.
 */
final class FlowLogFastReader extends StrictJsonBytes {
  /** The answer when the file is not surely in the fast path's shape. */
  static final long UNKNOWN = -1;

  /** A number, {@code true} or {@code false} in a record (its text is never needed). */
  private static final Object SCALAR = new Object();
  /** {@code null} in a record. */
  private static final Object NULL = new Object();
  /** A string with an escape in a record (its text is never needed: where it is needed it is outside the shape). */
  private static final Object ESCAPED = new Object();

  /** A value of a record kept as no more than its kind: a container. */
  private static final Object CONTAINER = new Object();

  /**
   * One {@code flowTuples} array of plain tuples and where it is: flow {@code flow}, inner flow or flow group
   * {@code inner}; the tuples' text and value only when a sink gets them.
   */
  private static final class Tuples {
    final int flow;
    final int inner;
    Object rule;
    int count;
    final List<String> texts;
    final List<FlowLogTuple> tuples;

    Tuples(int flow, int inner, boolean keep) {
      this.flow = flow;
      this.inner = inner;
      texts = keep ? new ArrayList<>() : null;
      tuples = keep ? new ArrayList<>() : null;
    }
  }

  private final Path file;
  private final String name;
  private final Consumer<FlowLogs.Entry> sink;
  private final long maxRecordNodes;
  private long nodes;
  private long given;

  /**
   * Reads {@code file}, giving each tuple to {@code sink} (null: only checks and counts), a record of more than
   * {@code maxRecordNodes} values left to the full reader.
   */
  FlowLogFastReader(Path file, Consumer<FlowLogs.Entry> sink, long maxRecordNodes) {
    this(file, sink, maxRecordNodes, 1 << 16);
  }

  /** The same, starting with a buffer of {@code bufferBytes} (tests: every token crosses a refill). */
  FlowLogFastReader(Path file, Consumer<FlowLogs.Entry> sink, long maxRecordNodes, int bufferBytes) {
    this.buf = new byte[bufferBytes];
    this.file = file;
    this.name = file.toString();
    this.sink = sink;
    this.maxRecordNodes = maxRecordNodes;
  }

  /** The entries given to the sink so far (all of them when {@link #read} answered a count). */
  long given() {
    return given;
  }

  /** The number of tuples, or {@link #UNKNOWN}. */
  long read() {
    if (!Files.isRegularFile(file)) {
      return UNKNOWN;
    }
    try (InputStream raw = Files.newInputStream(file)) {
      in = raw;
      // the records are read by next() and given to the sink here: the sink's code (explaining, writing) is not
      // compiled into the reader's
      List<FlowLogs.Entry> batch;
      while ((batch = next()) != null) {
        for (int i = 0; i < batch.size(); i++) {
          given++;
          sink.accept(batch.get(i));
        }
      }
      return tuples == 0 ? UNKNOWN : tuples;
    } catch (Unknown | IOException e) {
      return UNKNOWN;
    }
  }

  /** Where {@link #next} is: between blobs, at a key of a blob, or in its records. */
  private int document;
  private String prefix = "";
  private boolean inBlob;
  private String blobKey;
  private boolean recordsSeen;
  private boolean inRecords;
  private int record;
  private long tuples;

  /**
   * The entries of the next record (none when only checking: the tuples are counted), or null at the end of the
   * file. Blobs follow one another (kept apart by blank space); a blob's other fields are checked as JSON and
   * skipped, and its records read one at a time.
   */
  private List<FlowLogs.Entry> next() throws IOException {
    while (true) {
      if (inRecords) {
        if (record == 0 ? firstElement() : nextElement()) {
          nodes = 0;
          List<FlowLogs.Entry> out = sink == null ? List.of() : new ArrayList<>();
          tuples += record(prefix + "records[" + record + "]", sink == null ? null : out);
          record++;
          return out;
        }
        inRecords = false;
        blobKey = nextKey(null);
      } else if (inBlob) {
        if (blobKey == null) {
          if (!recordsSeen) {
            throw OUTSIDE;
          }
          inBlob = false;
        } else if (!blobKey.equals("records")) {
          skip(blank(), 1);
          blobKey = nextKey(null);
        } else if (recordsSeen || blank() != '[') {
          throw OUTSIDE;
        } else {
          pos++;
          recordsSeen = true;
          inRecords = true;
          record = 0;
        }
      } else {
        int c = blank();
        if (c == -1) {
          return null;
        }
        if (c != '{' || document > 0 && !skippedBlank) {
          throw OUTSIDE;
        }
        pos++;
        document++;
        prefix = document == 1 ? "" : "document " + document + ": ";
        inBlob = true;
        recordsSeen = false;
        blobKey = firstKey(null);
      }
    }
  }

  /**
   * One record, read as {@link FlowLogs#record} reads it when it finds no problem: an NSG record (it has
   * {@code properties}) or else a VNet record ({@code flowRecords}); anything else is outside.
   */
  private long record(String at, List<FlowLogs.Entry> out) throws IOException {
    open('{');
    Object resourceId = null;
    List<Tuples> nsg = null;
    List<Tuples> vnet = null;
    List<String> seen = new ArrayList<>(8);
    for (String key = firstKey(seen); key != null; key = nextKey(seen)) {
      switch (key) {
        case "resourceId":
          resourceId = value(1);
          break;
        case "properties":
          nsg = flows(true);
          break;
        case "flowRecords":
          vnet = flows(false);
          break;
        default:
          value(1);
      }
    }
    long n = 0;
    if (nsg != null) {
      Optional<String> logger = text(resourceId).map(id -> id.substring(id.lastIndexOf('/') + 1));
      for (Tuples ts : nsg) {
        n += tuples(ts, logger, at + ".properties.flows[" + ts.flow + "].flows[" + ts.inner + "].flowTuples", out);
      }
    } else if (vnet != null) {
      for (Tuples ts : vnet) {
        n += tuples(ts, Optional.empty(),
            at + ".flowRecords.flows[" + ts.flow + "].flowGroups[" + ts.inner + "].flowTuples", out);
      }
    } else {
      throw OUTSIDE;
    }
    return n;
  }

  /**
   * {@code properties} of an NSG record ({@code flows[].rule}, {@code flows[].flows[].flowTuples}) or
   * {@code flowRecords} of a VNet record ({@code flows[].flowGroups[].rule}, {@code .flowTuples}): every
   * {@code flowTuples} array in order, with its rule; any other shape is outside.
   */
  private List<Tuples> flows(boolean nsg) throws IOException {
    open('{');
    List<Tuples> out = null;
    List<String> seen = new ArrayList<>(8);
    for (String key = firstKey(seen); key != null; key = nextKey(seen)) {
      if (!key.equals("flows")) {
        value(2);
        continue;
      }
      out = new ArrayList<>();
      open('[');
      if (firstElement()) {
        int j = 0;
        do {
          flow(nsg, j++, out);
        } while (nextElement());
      }
    }
    if (out == null) {
      throw OUTSIDE;
    }
    return out;
  }

  /** Flow {@code j}: its inner flows (NSG) or flow groups (VNet), each with a {@code flowTuples} array. */
  private void flow(boolean nsg, int j, List<Tuples> out) throws IOException {
    open('{');
    int first = out.size();
    Object rule = null;
    boolean inner = false;
    List<String> seen = new ArrayList<>(8);
    for (String key = firstKey(seen); key != null; key = nextKey(seen)) {
      if (nsg && key.equals("rule")) {
        rule = value(3);
      } else if (key.equals(nsg ? "flows" : "flowGroups")) {
        inner = true;
        open('[');
        if (firstElement()) {
          int k = 0;
          do {
            out.add(inner(nsg, j, k++));
          } while (nextElement());
        }
      } else {
        value(3);
      }
    }
    if (!inner) {
      throw OUTSIDE;
    }
    if (nsg) {
      for (int i = first; i < out.size(); i++) {
        out.get(i).rule = rule;
      }
    }
  }

  /** Inner flow or flow group {@code k} of flow {@code j}: its {@code flowTuples} (and, VNet, its rule). */
  private Tuples inner(boolean nsg, int j, int k) throws IOException {
    open('{');
    Tuples ts = null;
    Object rule = null;
    List<String> seen = new ArrayList<>(8);
    for (String key = firstKey(seen); key != null; key = nextKey(seen)) {
      if (key.equals("flowTuples")) {
        ts = tupleArray(j, k);
      } else if (!nsg && key.equals("rule")) {
        rule = value(4);
      } else {
        value(4);
      }
    }
    if (ts == null) {
      throw OUTSIDE;
    }
    ts.rule = rule;
    return ts;
  }

  /** A {@code flowTuples} array of plain tuples; anything else in it is outside. */
  private Tuples tupleArray(int j, int k) throws IOException {
    open('[');
    Tuples ts = new Tuples(j, k, sink != null);
    if (!firstElement()) {
      return ts;
    }
    do {
      if (blank() != '"') {
        throw OUTSIDE;
      }
      counted();
      int end = string();
      int from = stringStart;
      if (ts.texts == null) {
        if (end < 0 || !FlowLogTuple.plainValid(buf, from, end)) {
          throw OUTSIDE;
        }
      } else {
        FlowLogTuple t = end < 0 ? null : FlowLogTuple.plain(buf, from, end);
        if (t == null) {
          throw OUTSIDE;
        }
        ts.texts.add(new String(buf, from, end - from, StandardCharsets.ISO_8859_1));
        ts.tuples.add(t);
      }
      ts.count++;
    } while (nextElement());
    return ts;
  }

  /** The text of a field as {@code FlowLogs.text} reads it, for the values whose text is plain. */
  private static Optional<String> text(Object v) {
    if (v == null || v == NULL || v == CONTAINER) {
      return Optional.empty();
    }
    if (v instanceof String s) {
      return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
    throw OUTSIDE;
  }

  private int tuples(Tuples ts, Optional<String> nsg, String at, List<FlowLogs.Entry> out) {
    if (out != null) {
      Optional<String> rule = text(ts.rule);
      String where = name + ": " + at + "[";
      for (int t = 0; t < ts.count; t++) {
        out.add(new FlowLogs.Entry(nsg, rule, ts.texts.get(t), ts.tuples.get(t),
            new StringBuilder(where.length() + 8).append(where).append(t).append(']').toString()));
      }
    } else {
      text(ts.rule);
    }
    return ts.count;
  }

  /** Counts one value of the record against its limit, which must open with {@code c}. */
  private void open(char c) throws IOException {
    counted();
    if (blank() != c) {
      throw OUTSIDE;
    }
    pos++;
  }

  /**
   * A value of a record kept by its kind ({@link #CONTAINER}, {@link #NULL}, {@link #SCALAR}, {@link #ESCAPED}) or,
   * a plain string, its text; every value in it counted, a key twice in one object outside.
   */
  private Object value(int depth) throws IOException {
    counted();
    int c = blank();
    if (c == '"') {
      int end = string();
      return end < 0 ? ESCAPED : new String(buf, stringStart, end - stringStart, StandardCharsets.ISO_8859_1);
    }
    if (c != '{' && c != '[') {
      return scalar(c) ? NULL : SCALAR;
    }
    if (depth > MAX_DEPTH) {
      throw OUTSIDE;
    }
    pos++;
    if (c == '{') {
      List<String> seen = new ArrayList<>(8);
      for (String key = firstKey(seen); key != null; key = nextKey(seen)) {
        value(depth + 1);
      }
    } else if (firstElement()) {
      do {
        value(depth + 1);
      } while (nextElement());
    }
    return CONTAINER;
  }

  // ---- strict JSON over bytes ----

  /** Counts one value of the record against its limit. */
  private void counted() {
    if (++nodes > maxRecordNodes) {
      throw OUTSIDE;
    }
  }


}
