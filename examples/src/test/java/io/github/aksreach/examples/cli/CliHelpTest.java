package io.github.aksreach.examples.cli;

import static io.github.aksreach.examples.cli.CliTest.run;
import static io.github.aksreach.examples.cli.CliTest.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aksreach.examples.cli.CliTest.Run;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Help, version, usage errors and suggestions on every command, and the exact fraction in check's JSON. */
class CliHelpTest {
  private static final List<String> COMMANDS = List.of("lab", "check", "reach", "health", "lint", "explain", "diff",
      "collect");

  @Test
  void everyCommandPrintsItsUsageOnHelpEvenWithoutItsRequiredParameters() {
    for (String c : COMMANDS) {
      Run r = run(c, "--help");
      assertThat(r.exit()).as(c + " --help").isZero();
      assertThat(r.err()).as(c + " --help stderr").isEmpty();
      assertThat(r.out()).as(c + " --help").startsWith("Usage: aksreach " + c)
          .contains("-h, --help", "-V, --version").doesNotContain("Missing required");
    }
    assertThat(run("check", "--help").out()).contains("--from=<from>", "--to=<to>", "<scenario>", "--explain");
    assertThat(run("lab", "-h").out()).contains("--step=<step>", "--mode=<mode>");
  }

  @Test
  void helpCommandPrintsACommandsUsage() {
    Run r = run("help", "check");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo(run("check", "--help").out());
    Run top = run("help");
    assertThat(top.exit()).isZero();
    assertThat(top.out()).startsWith("Usage: aksreach").contains("check", "reach", "lint", "help");
  }

  @Test
  void everyCommandPrintsTheVersion() {
    assertThat(run("--version").out().trim()).isEqualTo("aksreach 0.1.0");
    for (String c : COMMANDS) {
      Run r = run(c, "--version");
      assertThat(r.exit()).as(c + " --version").isZero();
      assertThat(r.out().trim()).as(c + " --version").isEqualTo("aksreach 0.1.0");
    }
  }

  @Test
  void aMistypedCommandGetsASuggestionAndTheUsage() {
    Run r = run("chek", step("step4-cluster-nsgs-nodes"));
    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("Unmatched argument", "'chek'").contains("Did you mean: aksreach check")
        .contains("Usage: aksreach [-hV] [COMMAND]");
  }

  @Test
  void aMistypedOptionGetsASuggestionAndTheCommandsUsage() {
    Run r = run("check", step("step4-cluster-nsgs-nodes"), "--from", "192.168.1.4", "--too", "192.168.0.22:80");
    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).startsWith("Unknown option: '--too'").containsPattern("(?s)Possible solutions: --to\\b")
        .contains("Missing required option: '--to=<to>'").contains("Usage: aksreach check");
    Run flag = run("health", step("step4-cluster-nsgs-nodes"), "--transent");
    assertThat(flag.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(flag.err()).startsWith("Unknown option: '--transent'").contains("Possible solutions: --transient")
        .contains("Usage: aksreach health");
  }

  @Test
  void aMissingParameterPrintsTheProblemAndTheUsage() {
    Run r = run("check", step("step4-cluster-nsgs-nodes"), "--from", "192.168.1.4");
    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err().lines().findFirst()).hasValue("Missing required option: '--to=<to>'");
    assertThat(r.err()).contains("Usage: aksreach check");
    Run lab = run("lab", "--stepp", "4");
    assertThat(lab.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(lab.err()).contains("--step").contains("Usage: aksreach lab");
  }

  @Test
  void badInputIsStillOneLinePerProblemWithoutUsage() {
    Run r = run("check", step("step4-cluster-nsgs-nodes"), "--from", "192.168.1.4", "--to", "192.168.0.22");
    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err().trim())
        .isEqualTo("--to 192.168.0.22: a port is required: expected ip:port, such as 192.168.0.22:80/tcp");
  }

  @Test
  void checkJsonCarriesTheExactFractionBesideTheDecimal() throws Exception {
    Run r = run("check", step("step4-cluster-nsgs-nodes"), "--from", "192.168.1.4:50326", "--to", "192.168.0.22:80",
        "--host", "demoapi.eyskens.corp", "--path", "/weatherforecast", "--format", "json");
    assertThat(r.exit()).isZero();
    JsonNode j = r.json();
    assertThat(j.at("/deliveredFraction").decimalValue()).isEqualByComparingTo("0.3333");
    assertThat(j.at("/deliveredFractionExact").asText()).isEqualTo("1/3");
    List<String> keys = new java.util.ArrayList<>();
    j.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsSubsequence("deliveredFraction", "deliveredFractionExact");

    for (String s : List.of("step1-cluster-open", "step3-cluster-nsgs", "step6-local-pinned")) {
      JsonNode k = run("check", step(s), "--from", "192.168.1.4:50326", "--to", "192.168.0.22:80", "--format",
          "json").json();
      String exact = k.at("/deliveredFractionExact").asText();
      assertThat(exact).as(s).matches("0|1|[1-9][0-9]*/[1-9][0-9]*");
      String[] nd = exact.split("/");
      BigDecimal value = nd.length == 1 ? new BigDecimal(nd[0])
          : new BigDecimal(nd[0]).divide(new BigDecimal(nd[1]), MathContext.DECIMAL64);
      // the decimal field is the exact value rounded to 4 decimals
      assertThat(value.setScale(4, java.math.RoundingMode.HALF_UP))
          .as(s).isEqualByComparingTo(k.at("/deliveredFraction").decimalValue());
    }
  }
}
