package io.github.aksreach.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aksreach.examples.lab.LabScenarios;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as CONTRACTS.md section 2 specifies it, on the bundled lab and on a broken dump. */
class CliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  static String step(String name) {
    return LabScenarios.directory(name).toString();
  }

  @Test
  void checkJsonHasTheContractShape() throws Exception {
    Run r = run("check", step("step4-cluster-nsgs-nodes"), "--from", "192.168.1.4:50326", "--to",
        "192.168.0.22:80/tcp", "--host", "demoapi.eyskens.corp", "--path", "/weatherforecast", "--format", "json");
    assertThat(r.exit()).isZero();
    JsonNode j = r.json();
    assertThat(j.at("/flow/protocol").asText()).isEqualTo("tcp");
    assertThat(j.at("/flow/src").asText()).isEqualTo("192.168.1.4:50326");
    assertThat(j.at("/flow/dst").asText()).isEqualTo("192.168.0.22:80");
    assertThat(j.at("/flow/host").asText()).isEqualTo("demoapi.eyskens.corp");
    assertThat(j.at("/verdict").asText()).isEqualTo("SOMETIMES");
    assertThat(j.at("/deliveredFraction").decimalValue()).isEqualByComparingTo("0.3333");
    assertThat(j.at("/paths")).hasSize(3);
    JsonNode dropped = null;
    for (JsonNode p : j.at("/paths")) {
      assertThat(p.at("/weight").decimalValue()).isEqualByComparingTo("0.3333");
      if (p.at("/outcome").asText().equals("DROPPED") && p.at("/droppedAt/element").asText().startsWith("nsg-user")) {
        dropped = p;
      }
    }
    assertThat(dropped).isNotNull();
    assertThat(dropped.at("/droppedAt/kind").asText()).isEqualTo("NSG");
    assertThat(dropped.at("/droppedAt/rule").asText()).isEqualTo("DenyAllCustom");
    assertThat(dropped.at("/droppedAt/priority").asInt()).isEqualTo(4000);
    JsonNode lastHop = dropped.at("/hops").get(dropped.at("/hops").size() - 1);
    assertThat(lastHop.at("/src").asText()).isEqualTo("192.168.1.4:50326");
    assertThat(lastHop.at("/dst").asText()).isEqualTo("192.168.0.22:80");
  }

  @Test
  void checkHopsShowTheSnatedSource() throws Exception {
    Run r = run("check", step("step2-cluster-allowlist"), "--from", "192.168.1.4", "--to", "192.168.0.22:80",
        "--host", "demoapi.eyskens.corp", "--path", "/weatherforecast", "--format", "json");
    JsonNode j = r.json();
    assertThat(j.at("/verdict").asText()).isEqualTo("NEVER");
    for (JsonNode p : j.at("/paths")) {
      assertThat(p.at("/droppedAt/kind").asText()).isEqualTo("INGRESS");
      assertThat(p.at("/droppedAt/httpStatus").asInt()).isEqualTo(403);
    }
    assertThat(r.out()).contains("\"src\" : \"10.244.2.1:50000\"").contains("\"src\" : \"192.168.0.36:50000\"");
  }

  @Test
  void reachGivesExactSourceSets() throws Exception {
    Run r = run("reach", step("step6-local-pinned"), "--to", "192.168.0.22:80/tcp", "--host",
        "demoapi.eyskens.corp", "--path", "/weatherforecast", "--format", "json");
    assertThat(r.exit()).isZero();
    JsonNode j = r.json();
    assertThat(j.at("/to").asText()).isEqualTo("192.168.0.22:80/tcp");
    assertThat(j.at("/always")).hasSize(1);
    assertThat(j.at("/always/0").asText()).isEqualTo("192.168.1.4/32");
    assertThat(j.at("/sometimes")).isEmpty();
    assertThat(j.at("/never/0").asText()).isEqualTo("0.0.0.0/1");
  }

  @Test
  void healthJsonListsEveryBackend() throws Exception {
    Run r = run("health", step("step3-cluster-nsgs"), "--format", "json");
    JsonNode lb = r.json().at("/loadBalancers/0");
    assertThat(lb.at("/frontend").asText()).isEqualTo("192.168.0.22");
    assertThat(lb.at("/backends")).hasSize(3);
    assertThat(lb.at("/backends/0/probe").asText()).isEqualTo("Http 31880 /healthz");
    assertThat(r.out()).contains("\"state\" : \"DOWN\"").contains("\"state\" : \"UP\"");
  }

  @Test
  void labRunsAndReportsEveryObservation() {
    Run r = run("lab");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("9 of 9 observations reproduced");
    assertThat(run("lab", "--mode", "local").out()).contains("[6]").contains("[7]").doesNotContain("[1]");
    assertThat(run("lab", "--mode", "gateway").out()).contains("[8]").contains("[9]").doesNotContain("[7]")
        .contains("2 of 2 observations reproduced");
    assertThat(run("lab", "--step", "10").exit()).isEqualTo(2);
  }

  @Test
  void badInputExitsTwoWithFileAndPath(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("k8s"));
    Files.writeString(dir.resolve("k8s/services.yaml"), String.join("\n",
        "apiVersion: v1", "kind: Service", "metadata:", "  name: web", "  namespace: default", "spec:",
        "  type: LoadBalancer", "  loadBalancerIP: 10.0.0.300", "  ports:", "  - port: 80", ""));
    Run r = run("check", dir.toString(), "--from", "10.1.1.1", "--to", "10.0.0.4:80");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("services.yaml").contains("loadBalancerIP").contains("10.0.0.300")
        .doesNotContain("Exception");
    assertThat(run("check", dir.toString(), "--from", "10.1.1.1", "--to", "10.0.0.4").exit()).isEqualTo(2);
    assertThat(run("check", dir.resolve("missing").toString(), "--from", "1.1.1.1", "--to", "1.1.1.1:80").exit())
        .isEqualTo(2);
  }
}
