package io.github.aksreach.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.examples.lab.LabScenarios;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code check} and {@code reach} draw Mermaid and DOT; other commands and batch runs refuse a diagram format. */
class DiagramCliTest {
  private static final String STEP4 = LabScenarios.directory("step4-cluster-nsgs-nodes").toString();

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void checkDrawsThePathsWithTheDroppingNsgs() {
    Run m = run("check", STEP4, "--from", "192.168.1.4", "--to", "192.168.0.22:80", "--host", "demoapi.eyskens.corp",
        "--path", "/weatherforecast", "--format", "mermaid");
    assertThat(m.exit()).as(m.err()).isZero();
    assertThat(m.out()).startsWith("flowchart LR\n").contains("nsg-user (subnet user) inbound")
        .contains("DROPPED [NSG]<br/>denied by nsg-system rule DenyAllCustom (4000)")
        .contains("DELIVERED to default/simpleapi-");
    Run d = run("check", STEP4, "--from", "192.168.1.4", "--to", "192.168.0.22:80", "--format", "dot");
    assertThat(d.exit()).isZero();
    assertThat(d.out()).startsWith("digraph check {").contains("label=\"tcp 192.168.1.4:50000 -> 192.168.0.22:80");
  }

  @Test
  void reachDrawsTheThreeSets() {
    Run r = run("reach", STEP4, "--to", "192.168.0.22:80", "--format", "dot");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("digraph reach {").contains("dst [label=\"192.168.0.22:80/tcp\", shape=oval];")
        .contains("ALWAYS\\n").contains("SOMETIMES\\n").contains("NEVER\\n");
  }

  @Test
  void otherCommandsAndBatchesRefuseADiagram() {
    Run h = run("health", STEP4, "--format", "dot");
    assertThat(h.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(h.err()).contains("--format dot: only check and reach draw diagrams");
    assertThat(h.out()).isEmpty();
    Run b = run("check", STEP4, "--queries", "-", "--format", "mermaid");
    assertThat(b.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(b.err()).contains("a diagram draws one question");
  }
}
