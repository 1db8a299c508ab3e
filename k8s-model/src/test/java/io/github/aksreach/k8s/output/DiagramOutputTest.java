package io.github.aksreach.k8s.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Destination;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.TestFiles;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.analysis.CheckReport;
import io.github.aksreach.k8s.analysis.ReachReport;
import io.github.aksreach.k8s.cluster.L7;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Diagrams of the article's step 4 (the user pool's NSG drops the client on two of three backends): every path is a
 * chain of arrows from the client to its own outcome, the dropping NSG is marked, and the text survives escaping.
 * When Graphviz's {@code dot} is installed, it must accept the DOT output.
 */
class DiagramOutputTest {
  private static final Pattern MERMAID_BOX = Pattern.compile("^  (n\\d+)(?:\\(\\[\"|\\[\")(.*?)(?:\"\\]\\)|\"\\])$");
  private static final Pattern MERMAID_EDGE = Pattern.compile("^  (n\\d+) -->\\|\"paths? ([\\d,]+)\"\\| (n\\d+)$");
  private static final Pattern DOT_EDGE = Pattern.compile("^  (n\\d+) -> (n\\d+) \\[label=\"paths? ([\\d,]+)\"\\];$");

  private static CheckReport step4() {
    AksReachability a = AksReachability.load(TestFiles.labDir("step4-cluster-nsgs-nodes")).get();
    return a.check(Flow.tcp("192.168.1.4:50326", "192.168.0.22:80")
        .withHttp("demoapi.eyskens.corp", "/weatherforecast"));
  }

  @Test
  void everyPathIsAChainFromTheClientToItsOwnOutcome() {
    CheckReport r = step4();
    assertThat(r.verdict().kind()).isEqualTo(Verdict.Kind.SOMETIMES);
    String m = DiagramOutput.mermaid(r);
    assertThat(m).startsWith("flowchart LR\n");
    Map<String, String> boxes = new LinkedHashMap<>();
    Map<Integer, Map<String, String>> next = new LinkedHashMap<>();
    for (String line : m.split("\n")) {
      Matcher b = MERMAID_BOX.matcher(line);
      Matcher e = MERMAID_EDGE.matcher(line);
      if (b.matches()) {
        boxes.put(b.group(1), b.group(2));
      } else if (e.matches()) {
        assertThat(boxes).as("arrows join declared boxes").containsKeys(e.group(1), e.group(3));
        for (String p : e.group(2).split(",")) {
          assertThat(next.computeIfAbsent(Integer.parseInt(p), k -> new LinkedHashMap<>()).put(e.group(1), e.group(3)))
              .as("one way on per path and box").isNull();
        }
      }
    }
    List<PathResult> paths = r.verdict().paths();
    assertThat(next.keySet()).hasSize(paths.size());
    for (int i = 0; i < paths.size(); i++) {
      Map<String, String> chain = next.get(i + 1);
      String at = "n0";
      assertThat(boxes.get(at)).isEqualTo("client: 192.168.1.4:50326");
      Set<String> seen = new HashSet<>();
      while (chain.containsKey(at)) {
        assertThat(seen.add(at)).as("path %d has no loop", i + 1).isTrue();
        at = chain.get(at);
      }
      assertThat(chain).as("path %d: every arrow is on the chain", i + 1).hasSize(seen.size());
      assertThat(seen).as("path %d: one box per hop, plus the client", i + 1).hasSize(paths.get(i).hops().size() + 1);
      assertThat(boxes.get(at)).as("path %d ends in its outcome", i + 1)
          .startsWith(paths.get(i).delivered() ? "DELIVERED to " : "DROPPED [");
    }
  }

  @Test
  void theDroppingNsgAndItsRuleAreMarked() {
    String m = DiagramOutput.mermaid(step4());
    List<String> denied = classMembers(m, "denied");
    List<String> droppers = new ArrayList<>();
    for (String line : m.split("\n")) {
      Matcher b = MERMAID_BOX.matcher(line);
      if (b.matches() && denied.contains(b.group(1)) && !b.group(2).startsWith("DROPPED")) {
        droppers.add(b.group(2));
      }
    }
    // the article's step 4: the custom deny at 4000 of the system and user subnets' NSGs drops the client on the
    // backends there; nsg-user admits the proxied leg from the ingress node (path 2) by AllowPodTraffic
    assertThat(droppers).containsExactly(
        "NSG<br/>nsg-system (subnet system) inbound<br/>rule DenyAllCustom (4000)",
        "NSG<br/>nsg-user (subnet user) inbound<br/>rules AllowPodTraffic (300) (path 2), DenyAllCustom (4000) (path 3)");
    assertThat(classMembers(m, "delivered")).hasSize(1);
  }

  @Test
  void dotDeclaresEveryNodeItJoinsAndGraphvizAcceptsIt() throws Exception {
    String d = DiagramOutput.dot(step4());
    assertThat(d).startsWith("digraph check {\n").endsWith("}\n");
    Set<String> declared = new HashSet<>();
    int edges = 0;
    for (String line : d.split("\n")) {
      Matcher e = DOT_EDGE.matcher(line);
      if (line.matches("^  n\\d+ \\[label=.*\\];$")) {
        declared.add(line.substring(2, line.indexOf(' ', 2)));
      } else if (e.matches()) {
        assertThat(declared).contains(e.group(1), e.group(2));
        edges++;
      }
    }
    assertThat(edges).isGreaterThan(3);
    renderWithGraphvizIfInstalled(d);
  }

  @Test
  void reachShowsTheThreeSetsWithTheirCidrs() {
    AksReachability a = AksReachability.load(TestFiles.labDir("step4-cluster-nsgs-nodes")).get();
    ReachReport r = a.reach(Destination.parse("192.168.0.22:80").get(),
        L7.http("demoapi.eyskens.corp", "/weatherforecast"), IpSet.all(IpFamily.V4));
    String m = DiagramOutput.mermaid(r);
    assertThat(m).contains("dst([\"192.168.0.22:80/tcp\"])").contains("always -->|\"delivered\"| dst")
        .contains("class never denied");
    String sometimes = r.sets().sometimes().toCidrs().get(0).toString();
    assertThat(m).contains("SOMETIMES<br/>" + sometimes);
    assertThat(DiagramOutput.dot(r)).contains("SOMETIMES\\n" + sometimes).endsWith("}\n");
  }

  @Test
  void labelsAreEscapedAndFreeOfControlCharacters() {
    assertThat(DiagramOutput.mermaidText("a \"b\" <c> | #d\ne\u001b[31m"))
        .isEqualTo("a #quot;b#quot; #lt;c#gt; #124; #35;d<br/>e [31m");
    assertThat(DiagramOutput.dotText("a \"b\" \\ c\nd\u0007")).isEqualTo("a \\\"b\\\" \\\\ c\\nd ");
  }

  private static List<String> classMembers(String mermaid, String cls) {
    for (String line : mermaid.split("\n")) {
      if (line.startsWith("  class ") && line.endsWith(" " + cls)) {
        return List.of(line.substring("  class ".length(), line.length() - cls.length() - 1).split(","));
      }
    }
    return List.of();
  }

  /** Graphviz from Debian ({@code apt-get install graphviz}) when the machine has it; said so when it does not. */
  private static void renderWithGraphvizIfInstalled(String dot) throws IOException, InterruptedException {
    Path bin = Path.of("/usr/bin/dot");
    if (!Files.isExecutable(bin)) {
      System.out.println("DiagramOutputTest: Graphviz not installed; DOT output checked structurally only");
      return;
    }
    Process p = new ProcessBuilder(bin.toString(), "-Tsvg").redirectErrorStream(true).start();
    p.getOutputStream().write(dot.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("<svg");
  }
}
