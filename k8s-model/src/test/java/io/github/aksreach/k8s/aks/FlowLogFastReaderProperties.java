package io.github.aksreach.k8s.aks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.aksreach.core.input.ReadLimits;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Validated;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The fast path of {@link FlowLogs#scan} and {@link FlowLogs#forEach} ({@link FlowLogFastReader}) answers only when it
 * is sure: on random flow-log files (NSG and VNet blobs, keys in any order and twice, escapes, numbers, literals,
 * comments, a BOM, characters beyond ASCII, blobs one after the other, a top-level array, records and fields of the
 * wrong kind, good and bad tuples, files cut short, a small record cap), whenever it gives a count the full reader
 * ({@link FlowLogReader}) reads the file without a problem to that count; whenever the full reader refuses the file
 * the fast path answers UNKNOWN; and {@link FlowLogs#scan} and {@link FlowLogs#forEach} answer exactly what the full
 * reader answers (the same count or the same problems, word for word) and give exactly its entries, in its order, once
 * each (also when the fast path gave some records' entries before it met what it leaves to the full reader).
 */
class FlowLogFastReaderProperties {
  private static final List<String> GOOD = List.of(
      "1671521722,192.168.1.4,192.168.0.22,50326,80,T,I,D,B,,,,",
      "1671521722,192.168.1.4,192.168.0.22,50326,80,T,I,A,B",
      "1671521722,10.244.1.5,192.168.0.4,1024,443,U,O,A,E,1,66,1,66",
      "1663146003599,10.0.0.4,10.0.0.5,44931,443,6,O,B,,,,,",
      "1663146003599,10.0.0.4,10.0.0.5,0,0,1,I,D",
      "0,0.0.0.0,255.255.255.255,00080,65535,17,I,C,1,2,3,4,5");
  /** Good tuples the fast path leaves to the full reader, and bad ones. */
  private static final List<String> OTHER = List.of(
      "1671521722,fd00::1,fd00::2,50326,80,T,I,D,B",
      " 1671521722,192.168.1.4,192.168.0.22,50326,80,T,I,D,B",
      "1671521722,192.168.1.4,192.168.0.22,50326,80,T,I,D,B ",
      "+1671521722,192.168.1.4,192.168.0.22,50326,80,T,I,D,B",
      "1671521722,192.168.1.4,192.168.0.22,65536,80,T,I,D,B",
      "1671521722,192.168.1.4,192.168.0.22,50326,80,X,I,D,B",
      "1671521722,192.168.1.4,192.168.0.22,50326,80,T,I,D",
      "1671521722,192.168.1.4,192.168.0.22,50326,80,06,I,D",
      "1671521722,192.168.1.4,192.168.0.22,50326,80,T,I,D,B\\u0041",
      "1671521722,010.168.1.4,192.168.0.22,50326,80,T,I,D,B",
      "1671521722,192.168.1.4,192.168.0.22,50326,80,T,i,D,B",
      "1671521722,192.168.1.4,fd00::2,50326,80,T,I,D,B",
      "1671521722,192.168.1.4,192.168.0.22,50326,80,T,I,D,B\u00e9");
  private static final List<String> SCALARS = List.of("1", "-0", "1.5e3", "true", "false", "null", "\"x\"", "01",
      "1.", "+1", "nul", "\"a\\u00e9\\n\"", "\"bad \\x escape\"", "\"\u00e9\"", "{}", "[]", "[1,[2,{\"a\":3}]]",
      "{\"a\":1,\"a\":2}", "[1,]", "{\"a\":1,}", "1e400", "-", "\"\t\"",
      "1e999999999", "1e9999999999");

  /** The picks a file is built from, used in turn (cycling). */
  private static final class Picks {
    private final List<Integer> all;
    private int next;

    Picks(List<Integer> all) {
      this.all = all;
    }

    int pick(int n) {
      return all.get(next++ % all.size()) % n;
    }

    /** A benign choice, one time in {@code inN}. */
    boolean chance(int inN) {
      return pick(inN) == 0;
    }

    /** How many faults the file has: none (a third of files), a few, or as many as drawn. */
    private int level = -1;

    /** Another shape than the common one (which the full reader may or may not accept), one time in about inN. */
    boolean fault(int inN) {
      if (level < 0) {
        level = pick(3);
      }
      return level != 0 && pick(level == 1 ? inN * 8 : inN) == 0;
    }
  }

  @Test
  void theFastPathAnswersOnlyWhenSureAndScanAndForEachAnswerAsTheFullReader() throws IOException {
    Map<String, Integer> seen = new TreeMap<>();
    Path file = Files.createTempFile("aksreach-fast", ".json");
    try {
      qt().withFixedSeed(0xfa57L).withExamples(3000).forAll(files()).checkAssert(text -> {
        write(file, text);
        for (long cap : new long[] {ReadLimits.DEFAULT_MAX_FLOW_LOG_RECORD_VALUES, 20}) {
          List<FlowLogs.Entry> full = new ArrayList<>();
          Validation<Seq<ModelError>, Long> expected = new FlowLogReader(file, full::add, cap).read();
          long fast = new FlowLogFastReader(file, null, cap).read();
          // with an 8-byte window every key, string and number is cut by a refill, and the window grows: same answer
          List<FlowLogs.Entry> small = new ArrayList<>();
          FlowLogFastReader cut = new FlowLogFastReader(file, small::add, cap, 8);
          assertThat(cut.read()).as("8-byte window: %s", text).isEqualTo(fast);
          if (fast != FlowLogFastReader.UNKNOWN) {
            assertThat(small).as("8-byte window: %s", text).isEqualTo(full);
          }
          if (fast != FlowLogFastReader.UNKNOWN) {
            assertThat(expected.isValid()).as(text).isTrue();
            assertThat(fast).as(text).isEqualTo(expected.get());
          }
          seen.merge(fast != FlowLogFastReader.UNKNOWN ? "fast" : expected.isValid() ? "left, good" : "left, bad",
              1, Integer::sum);
          ReadLimits d = ReadLimits.defaults();
          ReadLimits limits = new ReadLimits(d.maxFileBytes(), d.maxTotalBytes(), d.maxAliasNodes(),
              d.followSymlinks(), cap);
          same(FlowLogs.scan(file, limits), expected, text);
          List<FlowLogs.Entry> given = new ArrayList<>();
          same(FlowLogs.forEach(file, limits, given::add), expected, text);
          assertThat(given).as(text).isEqualTo(full);
          FlowLogFastReader partial = new FlowLogFastReader(file, e -> { }, cap);
          if (partial.read() == FlowLogFastReader.UNKNOWN && partial.given() > 0) {
            seen.merge("left after some records", 1, Integer::sum);
          }
        }
      });
    } finally {
      Files.deleteIfExists(file);
    }
    // not vacuous: every way out is taken often
    assertThat(seen).as(seen.toString()).containsKeys("fast", "left, good", "left, bad", "left after some records")
        .allSatisfy((k, n) -> assertThat(n).as(k).isGreaterThan(100));
  }

  private static void same(Validated<Long> actual, Validation<Seq<ModelError>, Long> expected, String text) {
    assertThat(actual.isValid()).as(text).isEqualTo(expected.isValid());
    if (expected.isValid()) {
      assertThat(actual.get()).as(text).isEqualTo(expected.get());
    } else {
      assertThat(actual.getError().map(ModelError::toString).toJavaList()).as(text)
          .isEqualTo(expected.getError().map(ModelError::toString).toJavaList());
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Gen<String> files() {
    return lists().of(integers().between(0, 1 << 20)).ofSize(96).map(p -> file(new Picks(p)));
  }

  /** Mostly good blobs, each part now and then of another shape. */
  private static String file(Picks p) {
    StringBuilder sb = new StringBuilder();
    if (p.fault(25)) {
      sb.append('\uFEFF');
    }
    if (p.fault(25)) {
      sb.append("// a comment\n");
    }
    boolean array = p.fault(15);
    int documents = 1 + p.pick(2);
    if (array) {
      sb.append('[');
    }
    for (int d = 0; d < documents; d++) {
      if (d > 0) {
        sb.append(array ? "," : p.fault(6) ? "" : "\n");
      }
      blob(sb, p);
    }
    if (array) {
      sb.append(']');
    }
    sb.append(p.chance(4) ? "\n" : "");
    String text = sb.toString();
    // now and then a file cut short
    return p.fault(15) ? text.substring(0, p.pick(text.length() + 1)) : text;
  }

  private static void blob(StringBuilder sb, Picks p) {
    List<String> fields = new ArrayList<>();
    int records = p.fault(12) ? 0 : 1 + p.pick(3);
    StringBuilder rs = new StringBuilder("\"records\":[");
    for (int r = 0; r < records; r++) {
      rs.append(r == 0 ? "" : ",").append(p.fault(40) ? SCALARS.get(p.pick(SCALARS.size())) : record(p));
    }
    rs.append(']');
    if (p.fault(30)) {
      rs = new StringBuilder("\"records\":{}");
    }
    if (!p.fault(30)) {
      fields.add(rs.toString());
    }
    if (p.fault(30)) {
      fields.add(rs.toString());
    }
    if (p.fault(3)) {
      fields.add("\"other\":" + SCALARS.get(p.pick(SCALARS.size())));
    }
    object(sb, fields, p);
  }

  private static String record(Picks p) {
    boolean nsg = !p.chance(3);
    List<String> fields = new ArrayList<>();
    fields.add("\"time\":\"2022-12-20T07:35:22.0000000Z\"");
    if (nsg || p.fault(10)) {
      fields.add("\"resourceId\":" + pickString(p, List.of("\"/SUBSCRIPTIONS/0/NETWORKSECURITYGROUPS/NSG-USER\"",
          "\"NSG-INGRESS\"", "\"\"", "null", "7", "\"a\\/b\"", "{\"x\":1}", "\"/ENDS/WITH/\"")));
    }
    StringBuilder flows = new StringBuilder("[");
    int n = 1 + p.pick(2);
    for (int j = 0; j < n; j++) {
      flows.append(j == 0 ? "" : ",").append(p.fault(40) ? "3" : flow(p, nsg));
    }
    flows.append(']');
    String body = "{\"Version\":2,\"flows\":" + (p.fault(40) ? "{}" : flows) + "}";
    if (p.fault(40)) {
      body = "{\"Version\":2}";
    }
    if (!p.fault(40)) {
      fields.add(nsg ? "\"properties\":" + body : "\"flowRecords\":" + body);
    }
    if (p.fault(20)) {
      fields.add(nsg ? "\"flowRecords\":{\"flows\":[]}" : "\"properties\":7");
    }
    if (p.fault(10)) {
      fields.add(fields.get(p.pick(fields.size())));
    }
    if (p.fault(8)) {
      fields.add("\"extra\":" + SCALARS.get(p.pick(SCALARS.size())));
    }
    StringBuilder sb = new StringBuilder();
    object(sb, fields, p);
    return sb.toString();
  }

  private static String flow(Picks p, boolean nsg) {
    List<String> fields = new ArrayList<>();
    String rule = "\"rule\":" + pickString(p, List.of("\"UserRule_DenyAllCustom\"", "\"DefaultRule_AllowVnetInBound\"",
        "\"\"", "null", "1", "\"a\\\"b\"", "[]"));
    if (nsg && !p.fault(8)) {
      fields.add(rule);
    }
    StringBuilder inner = new StringBuilder("[");
    int n = 1 + p.pick(2);
    for (int k = 0; k < n; k++) {
      List<String> f = new ArrayList<>();
      if (!nsg && !p.fault(8)) {
        f.add(rule);
      }
      if (nsg) {
        f.add("\"mac\":\"000D3A2B4C5D\"");
      }
      if (!p.fault(40)) {
        f.add("\"flowTuples\":" + (p.fault(40) ? "\"x\"" : tuples(p)));
      }
      if (p.fault(30) && !f.isEmpty()) {
        f.add(f.get(p.pick(f.size())));
      }
      StringBuilder o = new StringBuilder();
      object(o, f, p);
      inner.append(k == 0 ? "" : ",").append(p.fault(50) ? "null" : o);
    }
    inner.append(']');
    fields.add((nsg ? "\"flows\":" : "\"flowGroups\":") + (p.fault(50) ? "7" : inner));
    StringBuilder sb = new StringBuilder();
    object(sb, fields, p);
    return sb.toString();
  }

  private static String tuples(Picks p) {
    StringBuilder sb = new StringBuilder("[");
    int n = p.pick(5);
    for (int t = 0; t < n; t++) {
      sb.append(t == 0 ? "" : p.chance(3) ? ", " : ",");
      if (p.fault(40)) {
        sb.append(SCALARS.get(p.pick(SCALARS.size())));
      } else {
        String tuple = p.fault(6) ? OTHER.get(p.pick(OTHER.size())) : GOOD.get(p.pick(GOOD.size()));
        sb.append('"').append(tuple).append('"');
      }
    }
    return sb.append(']').toString();
  }

  /** A string value mostly its first (plain) form. */
  private static String pickString(Picks p, List<String> values) {
    return p.fault(3) ? values.get(p.pick(values.size())) : values.get(0);
  }

  /** The fields in a shuffled order, with blank space now and then. */
  private static void object(StringBuilder sb, List<String> fields, Picks p) {
    List<String> order = new ArrayList<>(fields);
    for (int i = order.size() - 1; i > 0; i--) {
      java.util.Collections.swap(order, i, p.pick(i + 1));
    }
    sb.append(p.chance(5) ? "{ " : "{");
    for (int i = 0; i < order.size(); i++) {
      sb.append(i == 0 ? "" : p.chance(5) ? ",\n  " : ",").append(order.get(i));
    }
    sb.append(p.fault(40) ? ",}" : "}");
  }
}
