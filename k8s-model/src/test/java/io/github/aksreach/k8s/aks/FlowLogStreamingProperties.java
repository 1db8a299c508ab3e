package io.github.aksreach.k8s.aks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.TestFiles;
import io.github.aksreach.k8s.output.FlowLogOutput;
import io.github.aksreach.k8s.trace.LbOrigin;
import io.github.aksreach.nsg.eval.NsgOrigin;
import io.github.aksreach.nsg.model.Direction;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * {@code explain}'s streaming writers render each distinct explanation once and reuse it (a bounded memo), and the
 * explanation itself is made with indexed loops and an in-place rule comparison: on random NSG flow-log blobs over the
 * lab's step 4 (sources inside and outside the cluster, the load balancer, nodes and pods as destinations, both
 * directions, both decisions, every NSG of the lab and none, user and default rules, rules the model does not decide
 * by), the streamed JSON Lines are byte for byte the unmemoized {@link FlowLogOutput#jsonLine} of each explanation,
 * the streamed text is {@link FlowLogOutput#text}, and every explanation is the one the plain reading of DOMAIN.md 7.1
 * gives (the oracle below: streams, {@code Optional}s and {@link FlowLogs.Entry#ruleName()}).
 */
class FlowLogStreamingProperties {
  private static final AksReachability LAB = AksReachability.load(TestFiles.labDir("step4-cluster-nsgs-nodes")).get();
  private static final List<String> SOURCES = List.of("192.168.1.4", "203.0.113.9", "10.1.0.4", "192.168.0.4",
      "192.168.0.36", "10.244.1.5", "192.168.0.20");
  private static final List<String> DESTINATIONS = List.of("192.168.0.22", "192.168.0.4", "192.168.0.36",
      "10.244.1.5", "192.168.0.20", "10.0.0.10");
  private static final List<Integer> PORTS = List.of(80, 443, 30080, 8080, 53, 22);
  private static final List<String> NSGS = List.of("NSG-USER", "NSG-INGRESS", "NSG-SYSTEM",
      "AKS-AGENTPOOL-41831646-NSG", "nsg-user", "");
  private static final List<String> RULES = List.of("UserRule_DenyAllCustom", "UserRule_AllowClientToLb",
      "DefaultRule_AllowVnetInBound", "DefaultRule_DenyAllInBound", "DefaultRule_AllowInternetOutBound",
      "userrule_denyallcustom", "AllowClientToLb", "UserRule_NoSuchRule", "");

  /** One record: the NSG and rule that logged it (by index; the last of each is none) and its tuples. */
  private record Rec(int nsg, int rule, List<List<Integer>> tuples) {}

  @Test
  void streamedOutputIsTheUnmemoizedRenderingAndExplanationsAreThePlainOnes() {
    qt().withFixedSeed(0x5eedL).withExamples(60).forAll(blobs()).checkAssert(recs -> {
      Path file = write(recs);
      try {
        List<FlowLogs.Entry> entries = FlowLogs.load(file).get();
        StringBuilder plainJson = new StringBuilder();
        List<FlowLogExplanation> all = new ArrayList<>();
        for (FlowLogs.Entry e : entries) {
          FlowLogExplanation x = FlowLogExplanation.explain(LAB, e);
          assertThat(x).as(e.text()).isEqualTo(oracle(LAB, e));
          all.add(x);
          plainJson.append(FlowLogOutput.jsonLine(x)).append('\n');
        }
        StringWriter json = new StringWriter();
        try (FlowLogOutput.JsonLines out = new FlowLogOutput.JsonLines(json)) {
          assertThat(FlowLogs.forEach(file, e -> out.write(FlowLogExplanation.explain(LAB, e))).get())
              .isEqualTo(entries.size());
        }
        assertThat(json.toString()).isEqualTo(plainJson.toString());
        StringWriter text = new StringWriter();
        try (FlowLogOutput.TextLines out = new FlowLogOutput.TextLines(text)) {
          FlowLogs.forEach(file, e -> out.write(FlowLogExplanation.explain(LAB, e))).get();
        }
        assertThat(text.toString()).isEqualTo(FlowLogOutput.text(all));
        Files.delete(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Blobs drawn the same way reach every finding, both decisions and directions, sources inside and outside. */
  @Test
  void theGeneratorIsNotVacuous() throws IOException {
    Map<String, Integer> seen = new TreeMap<>();
    for (long seed = 0; seed < 40; seed++) {
      java.util.Random rnd = new java.util.Random(seed);
      List<Rec> recs = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        List<List<Integer>> ts = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
          List<Integer> picks = new ArrayList<>();
          for (int k = 0; k < 8; k++) {
            picks.add(rnd.nextInt(1000));
          }
          ts.add(picks);
        }
        recs.add(new Rec(rnd.nextInt(1000), rnd.nextInt(1000), ts));
      }
      Path file = write(recs);
      for (FlowLogs.Entry e : FlowLogs.load(file).get()) {
        FlowLogExplanation x = FlowLogExplanation.explain(LAB, e);
        seen.merge(x.finding().name(), 1, Integer::sum);
        seen.merge(e.tuple().denied() ? "logged denied" : "logged allowed", 1, Integer::sum);
        seen.merge(e.tuple().inbound() ? "inbound" : "outbound", 1, Integer::sum);
        seen.merge(x.inCluster() ? "from the cluster" : "from outside", 1, Integer::sum);
      }
      Files.delete(file);
    }
    assertThat(seen).as(seen.toString()).containsOnlyKeys("EXPLAINED", "CONTRADICTED", "NOT_SEEN", "logged denied",
        "logged allowed", "inbound", "outbound", "from the cluster", "from outside")
        .allSatisfy((k, n) -> assertThat(n).as(k).isGreaterThan(10));
  }

  private static Gen<List<Rec>> blobs() {
    Gen<List<Integer>> tuple = lists().of(integers().between(0, 999)).ofSize(8);
    Gen<Rec> rec = integers().between(0, 999).zip(integers().between(0, 999),
        lists().of(tuple).ofSizeBetween(1, 12), Rec::new);
    return lists().of(rec).ofSizeBetween(1, 12);
  }

  /** A blob as FlowLogFiles writes them, of the records' NSGs, rules and tuples (mostly likely values). */
  private static Path write(List<Rec> recs) {
    StringBuilder sb = new StringBuilder("{\"records\":[");
    for (int r = 0; r < recs.size(); r++) {
      Rec rec = recs.get(r);
      String nsg = NSGS.get(rec.nsg() % NSGS.size());
      String rule = RULES.get(rec.rule() % RULES.size());
      sb.append(r == 0 ? "" : ",").append("{\"resourceId\":\"/SUBSCRIPTIONS/0/RESOURCEGROUPS/RG/PROVIDERS/"
          + "MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/").append(nsg).append("\",\"properties\":{\"Version\":2,"
          + "\"flows\":[{").append(rule.isEmpty() ? "" : "\"rule\":\"" + rule + "\",")
          .append("\"flows\":[{\"mac\":\"000D3A2B4C5D\",\"flowTuples\":[");
      for (int t = 0; t < rec.tuples().size(); t++) {
        List<Integer> p = rec.tuples().get(t);
        // the same few tuples recur (only the source port and time vary), as in a real log
        sb.append(t == 0 ? "\"" : ",\"").append(1671521722L + p.get(0)).append(',')
            .append(SOURCES.get(p.get(1) % 3 == 0 ? p.get(1) % SOURCES.size() : 0)).append(',')
            .append(DESTINATIONS.get(p.get(2) % 3 == 0 ? p.get(2) % DESTINATIONS.size() : 0)).append(',')
            .append(1024 + p.get(3) * 61).append(',')
            .append(PORTS.get(p.get(4) % 3 == 0 ? p.get(4) % PORTS.size() : 0)).append(',')
            .append(p.get(5) % 5 == 0 ? "U" : "T").append(',').append(p.get(6) % 4 == 0 ? "O" : "I").append(',')
            .append(p.get(7) % 2 == 0 ? "D" : "A").append(",B,,,,\"");
      }
      sb.append("]}]}]}}");
    }
    sb.append("]}");
    try {
      Path file = Files.createTempFile("flowlog", ".json");
      Files.writeString(file, sb);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The explanation as DOMAIN.md 7.1 words it, read the plain way. */
  private static FlowLogExplanation oracle(AksReachability analysis, FlowLogs.Entry entry) {
    FlowLogTuple t = entry.tuple();
    Flow f = t.flow();
    Verdict v = analysis.check(f).verdict();
    List<FlowLogExplanation.Match> matches = new ArrayList<>();
    for (int i = 0; i < v.paths().size(); i++) {
      PathResult p = v.paths().get(i);
      Optional<Hop> via = Optional.empty();
      for (Hop h : p.hops()) {
        if (h.origin() instanceof LbOrigin) {
          via = Optional.of(h);
        }
        if (!(h.origin() instanceof NsgOrigin nsg)) {
          continue;
        }
        boolean atLogging = entry.nsg().isEmpty()
            || nsg.nsgName().map(n -> n.equalsIgnoreCase(entry.nsg().get())).orElse(false);
        Flow seen = h.seen(f);
        boolean same = seen.protocol() == f.protocol() && seen.srcIp().equals(f.srcIp())
            && seen.srcPort() == f.srcPort() && seen.dstIp().equals(f.dstIp()) && seen.dstPort() == f.dstPort();
        if (!atLogging || (nsg.direction() == Direction.INBOUND) != t.inbound() || !same) {
          continue;
        }
        boolean denied = p.drop().map(d -> d.element().equals(h.element())).orElse(false);
        matches.add(new FlowLogExplanation.Match(i + 1, p.weight(), nsg, denied, h.rule(), via));
      }
    }
    FlowLogExplanation.Finding finding = matches.isEmpty() ? FlowLogExplanation.Finding.NOT_SEEN
        : matches.stream().anyMatch(m -> m.denied() == t.denied() && entry.ruleName()
            .map(r -> m.rule().map(x -> x.name().equalsIgnoreCase(r)).orElse(false)).orElse(true))
            ? FlowLogExplanation.Finding.EXPLAINED : FlowLogExplanation.Finding.CONTRADICTED;
    return new FlowLogExplanation(entry, v, finding, matches,
        analysis.network().clusterAddresses().contains(f.srcIp()));
  }
}
