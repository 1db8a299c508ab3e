package io.github.aksreach.examples.cli;

import io.github.aksreach.k8s.output.FlowLogOutput;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aksreach.examples.cli.CliTest.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code aksreach explain --flow-log} (CONTRACTS.md section 2) on the lab's step 4 with the article's tuple
 * ({@code 1671521722,192.168.1.4,192.168.0.22,50326,80,T,I,D,B}, denied by nsg-user) and flow logs in both Azure
 * shapes (DOMAIN.md 7).
 */
class ExplainCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STEP4 = CliTest.step("step4-cluster-nsgs-nodes");

  private static String log(String name) throws Exception {
    return Path.of(ExplainCliTest.class.getResource("/flowlogs/" + name).toURI()).toString();
  }

  /** Line {@code i} of {@code --format json}: one JSON object per tuple and line (JSON Lines). */
  private static JsonNode line(Run r, int i) throws Exception {
    return JSON.readTree(r.out().lines().toList().get(i));
  }

  @Test
  void theArticlesTupleIsTheUserSubnetPathAndAnAllowTheModelDeniesIsContradicted() throws Exception {
    Run r = CliTest.run("explain", STEP4, "--flow-log", log("lab-step4-nsg-user.json"), "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode t = line(r, 0);
    assertThat(t.at("/tuple").asText()).startsWith("1671521722,192.168.1.4,192.168.0.22,50326,80,T,I,D,B");
    assertThat(t.at("/nsg").asText()).isEqualTo("NSG-USER");
    assertThat(t.at("/logged").asText()).isEqualTo("DENIED");
    assertThat(t.at("/direction").asText()).isEqualTo("INBOUND");
    assertThat(t.at("/finding").asText()).isEqualTo("EXPLAINED");
    assertThat(t.at("/verdict").asText()).isEqualTo("SOMETIMES");
    assertThat(t.at("/deliveredFraction").decimalValue()).isEqualByComparingTo("0.3333");
    assertThat(t.at("/matches")).hasSize(1);
    JsonNode m = t.at("/matches/0");
    assertThat(m.at("/element").asText()).isEqualTo("nsg-user (subnet user)");
    assertThat(m.at("/decision").asText()).isEqualTo("DENIED");
    assertThat(m.at("/rule").asText()).isEqualTo("DenyAllCustom");
    assertThat(m.at("/priority").asInt()).isEqualTo(4000);
    assertThat(m.at("/via").asText()).contains("aks-user-28786594-vmss000001").contains("192.168.0.36");
    assertThat(m.at("/weight").decimalValue()).isEqualByComparingTo("0.3333");

    JsonNode allowed = line(r, 1);
    assertThat(allowed.at("/logged").asText()).isEqualTo("ALLOWED");
    assertThat(allowed.at("/finding").asText()).isEqualTo("CONTRADICTED");
    assertThat(allowed.at("/summary").asText()).contains("nsg-user (subnet user) denies it by DenyAllCustom (4000)");
  }

  @Test
  void aVnetFlowLogNamesNoNsgSoTheRuleFindsTheIngressPath() throws Exception {
    Run r = CliTest.run("explain", STEP4, "--flow-log", log("lab-step4-vnet.json"), "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode t = line(r, 0);
    assertThat(t.at("/nsg").isNull()).isTrue();
    assertThat(t.at("/logged").asText()).isEqualTo("ALLOWED");
    assertThat(t.at("/finding").asText()).isEqualTo("EXPLAINED");
    assertThat(t.at("/summary").asText())
        .contains("nsg-ingress (subnet ingress) allows it by AllowClientToLb (100)");
  }

  /**
   * A leg kube-proxy forwarded (floating IP off, ETP Cluster: node ...0001 SNATs and DNATs to the pod on ...0000),
   * logged outbound on the node's NIC NSG: the node's own flow with that header leaves through the same NSG.
   */
  @Test
  void aForwardedLegLoggedOnTheNodeNicIsExplained() throws Exception {
    Run r = CliTest.run("explain", Path.of(ExplainCliTest.class.getResource("/scenarios/floating-ip-disabled")
        .toURI()).toString(), "--flow-log", log("floating-ip-disabled-forwarded-leg.json"), "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode t = line(r, 0);
    assertThat(t.at("/direction").asText()).isEqualTo("OUTBOUND");
    assertThat(t.at("/finding").asText()).isEqualTo("EXPLAINED");
    assertThat(t.at("/matches/0/element").asText()).isEqualTo("aks-agentpool-12345678-nsg (NIC)");
    assertThat(t.at("/matches/0/rule").asText()).isEqualTo("AllowVnetOutBound");
  }

  @Test
  void aTupleNoPathProducesIsNotSeen() throws Exception {
    Run r = CliTest.run("explain", STEP4, "--flow-log", log("lab-step4-tuples.txt"));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("1671521725,192.168.1.4,192.168.0.22,50329,443,T,I,D,B")
        .contains("line 2").contains("NOT_SEEN").contains("the flow is NEVER");
  }

  @Test
  void aBrokenTupleIsBadInputNamingTheFileAndItsJsonPath() throws Exception {
    Run r = CliTest.run("explain", STEP4, "--flow-log", log("broken.json"));
    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).contains("broken.json").contains("records[0].properties.flows[0].flows[0].flowTuples[0]")
        .contains("expected 8, 9 or 13 fields");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void jsonIsOneObjectPerTupleAndLine() throws Exception {
    Run r = CliTest.run("explain", STEP4, "--flow-log", log("lab-step4-nsg-user.json"), "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines().toList()).hasSize(2).allSatisfy(l -> assertThat(JSON.readTree(l).isObject()).isTrue());
    assertThat(line(r, 1).at("/tuple").asText()).startsWith("1671521723,");
  }

  @Test
  void aDeviceIsRefusedNotReadForever() {
    Run r = CliTest.run("explain", STEP4, "--flow-log", "/dev/zero");
    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).contains("/dev/zero").contains("not a regular file");
    assertThat(r.out()).isEmpty();
  }

  /**
   * The flow-log record bound is a read limit like the others: a malformed value is refused at startup (exit 2, naming
   * the property), not silently replaced by the default; a valid one holds for {@code explain}.
   */
  @Test
  void theRecordBoundIsSetLikeTheOtherLimitsAndAMalformedOneIsRefused() throws Exception {
    String property = io.github.aksreach.core.input.ReadLimits.MAX_FLOW_LOG_RECORD_PROPERTY;
    try {
      System.setProperty(property, "2 million");
      Run bad = CliTest.run("explain", STEP4, "--flow-log", log("lab-step4-nsg-user.json"));
      assertThat(bad.exit()).isEqualTo(Main.BAD_INPUT);
      assertThat(bad.err().strip()).isEqualTo("-Daksreach.maxFlowLogRecordValues=2 million: expected a positive"
          + " number of values, optionally with a k, m or g suffix");
      assertThat(bad.out()).isEmpty();
      assertThat(CliTest.run("health", STEP4).exit()).as("every command: the limits are read at startup")
          .isEqualTo(Main.BAD_INPUT);

      System.setProperty(property, "5");
      Run small = CliTest.run("explain", STEP4, "--flow-log", log("lab-step4-nsg-user.json"));
      assertThat(small.exit()).isEqualTo(Main.BAD_INPUT);
      assertThat(small.err()).contains("lab-step4-nsg-user.json: records[0]: a record of more than 5 values: not read")
          .contains("-Daksreach.maxFlowLogRecordValues=<values>");
    } finally {
      System.clearProperty(property);
    }
    assertThat(CliTest.run("explain", STEP4, "--flow-log", log("lab-step4-nsg-user.json")).exit()).isZero();
  }

  /** A bad tuple after good ones: nothing is explained (the whole file is checked before the first line). */
  @Test
  void aBadTupleLateInTheFileStopsBeforeAnythingIsPrinted(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path f = dir.resolve("late.txt");
    java.nio.file.Files.writeString(f, "1671521722,192.168.1.4,192.168.0.22,50326,80,T,I,D,B\n".repeat(500)
        + "1671521722,192.168.1.4,192.168.0.22,50326\n");
    Run r = CliTest.run("explain", STEP4, "--flow-log", f.toString(), "--format", "json");
    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).contains("late.txt").contains("line 501").contains("expected 8, 9 or 13 fields");
    assertThat(r.out()).isEmpty();
  }

  /** The CLI's JSON lines, written field by field, are the library's JSON tree on one line. */
  @Test
  void eachJsonLineIsTheExplanationsJsonTree() throws Exception {
    io.github.aksreach.k8s.aks.AksReachability a = io.github.aksreach.k8s.aks.AksReachability.load(Path.of(STEP4),
        io.github.aksreach.k8s.cluster.AksOptions.defaults()).get();
    for (String name : java.util.List.of("lab-step4-nsg-user.json", "lab-step4-vnet.json", "lab-step4-tuples.txt")) {
      for (io.github.aksreach.k8s.aks.FlowLogs.Entry e : io.github.aksreach.k8s.aks.FlowLogs.load(Path.of(log(name)))
          .get()) {
        io.github.aksreach.k8s.aks.FlowLogExplanation x = io.github.aksreach.k8s.aks.FlowLogExplanation.explain(a, e);
        assertThat(FlowLogOutput.jsonLine(x)).isEqualTo(JSON.writeValueAsString(FlowLogOutput.tree(x)));
      }
    }
  }

  /**
   * What {@code main} gives the commands ({@link Main.Stdout}): explain writes the encoded bytes itself, byte for byte
   * what the writer path writes, in JSON and in text, from a directory whose name needs escapes in JSON and is beyond
   * ASCII; and a blob whose last tuple is bad prints nothing there either.
   */
  @Test
  void onStandardOutputTheBytesWrittenAreTheWritersOnes(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path dir = java.nio.file.Files.createDirectory(tmp.resolve("logs \"quoted\" \u00e9t\u00e9 \u65e5"));
    Path blob = dir.resolve("PT1H.json");
    io.github.aksreach.k8s.aks.FlowLogFiles.writeBlob(blob, 4, 30);
    for (String name : java.util.List.of("lab-step4-nsg-user.json", "lab-step4-vnet.json", "lab-step4-tuples.txt")) {
      java.nio.file.Files.copy(Path.of(log(name)), dir.resolve(name));
    }
    try (java.util.stream.Stream<Path> logs = java.nio.file.Files.list(dir)) {
      for (Path f : logs.sorted().toList()) {
        for (String[] format : new String[][] {{}, {"--format", "json"}}) {
          String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("explain", STEP4, "--flow-log",
              f.toString()), java.util.Arrays.stream(format)).toArray(String[]::new);
          Run writer = CliTest.run(args);
          java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
          java.io.StringWriter err = new java.io.StringWriter();
          int exit = Main.run(args, new Main.Stdout(new java.io.PrintStream(bytes, true)),
              new java.io.PrintWriter(err, true));
          assertThat(exit).as(f.toString()).isZero().isEqualTo(writer.exit());
          assertThat(bytes.toByteArray()).as(f + " " + String.join(" ", format))
              .isEqualTo(writer.out().getBytes(java.nio.charset.Charset.defaultCharset()));
          assertThat(writer.out()).contains(format.length == 0 ? ": logged " : "\"finding\":\"");
        }
      }
    }
    String good = java.nio.file.Files.readString(blob);
    int last = good.lastIndexOf("\"]}]}]}}");
    java.nio.file.Files.writeString(blob, good.substring(0, last) + "\",\"1671521722,192.168.1.4" + good.substring(last));
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.StringWriter err = new java.io.StringWriter();
    int exit = Main.run(new String[] {"explain", STEP4, "--flow-log", blob.toString(), "--format", "json"},
        new Main.Stdout(new java.io.PrintStream(bytes, true)), new java.io.PrintWriter(err, true));
    assertThat(exit).isEqualTo(Main.BAD_INPUT);
    assertThat(bytes.size()).isZero();
    assertThat(err.toString()).contains("PT1H.json").contains("records[3].properties.flows[0].flows[0].flowTuples[30]")
        .contains("expected 8, 9 or 13 fields");
  }
}
