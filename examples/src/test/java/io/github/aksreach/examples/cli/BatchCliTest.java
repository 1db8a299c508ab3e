package io.github.aksreach.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.aksreach.examples.cli.CliTest.Run;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch mode of {@code check} and {@code reach}: one answer per query line, in order, equal to the single answer. */
class BatchCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STEP4 = CliTest.step("step4-cluster-nsgs-nodes");

  private static Path write(Path dir, String... lines) throws Exception {
    return Files.writeString(dir.resolve("queries.txt"), String.join("\n", lines) + "\n");
  }

  private static List<JsonNode> jsonLines(String out) throws Exception {
    List<JsonNode> l = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isEmpty()) {
        l.add(JSON.readTree(line));
      }
    }
    return l;
  }

  /** The single command's JSON answer, without the batch's line and query fields. */
  private static JsonNode withoutHead(JsonNode batchLine) {
    ObjectNode o = batchLine.deepCopy();
    o.remove("line");
    o.remove("query");
    return o;
  }

  @Test
  void theLabsQuestionsAnswerInOrderAsSingleRunsDo(@TempDir Path dir) throws Exception {
    Path q = write(dir, "# the article's client, then a node, then the HTTP question",
        "--from 192.168.1.4:50326 --to 192.168.0.22:80/tcp",
        "",
        "{\"from\": \"192.168.0.36\", \"to\": \"192.168.0.22:80\"}",
        "--from 192.168.1.4:50326 --to 192.168.0.22:80 --host demoapi.eyskens.corp --path /weatherforecast --explain");
    Run text = CliTest.run("check", STEP4, "--queries", q.toString());
    assertThat(text.exit()).isZero();
    // the load notes, once, as every command prints them; no error line
    assertThat(text.err().lines()).isNotEmpty().allMatch(l -> l.startsWith("note: "));
    List<String> lines = text.out().lines().collect(Collectors.toList());
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("line 2: tcp 192.168.1.4:50326 -> 192.168.0.22:80: SOMETIMES 0.3333 over 3 "
        + "paths; delivered 1: ingress/ingress-nginx-controller").contains("dropped 2: [NSG] nsg-system (subnet "
        + "system) by DenyAllCustom (4000)").contains("[NSG] nsg-user (subnet user) by DenyAllCustom (4000)");
    assertThat(lines.get(1)).startsWith("line 4: tcp 192.168.0.36:50000 -> 192.168.0.22:80: ALWAYS 1.0000 over 1 path");
    assertThat(lines.get(2)).startsWith("line 5: tcp 192.168.1.4:50326 -> 192.168.0.22:80 Host: demoapi.eyskens.corp "
        + "/weatherforecast: SOMETIMES 0.3333").contains("delivered 1: default/simpleapi-7d9c8b6f4d-9xkqv");

    Run json = CliTest.run("check", STEP4, "--queries", q.toString(), "--format", "json");
    assertThat(json.exit()).isZero();
    List<JsonNode> answers = jsonLines(json.out());
    assertThat(answers).extracting(a -> a.get("line").asInt()).containsExactly(2, 4, 5);
    assertThat(answers.get(1).get("query").asText()).isEqualTo("{\"from\": \"192.168.0.36\", \"to\": \"192.168.0.22:80\"}");
    assertThat(json.out().lines().skip(1).findFirst().orElseThrow()).contains("\"deliveredFraction\":1.0000,");
    String[][] singles = {
        {"--from", "192.168.1.4:50326", "--to", "192.168.0.22:80/tcp"},
        {"--from", "192.168.0.36", "--to", "192.168.0.22:80"},
        {"--from", "192.168.1.4:50326", "--to", "192.168.0.22:80", "--host", "demoapi.eyskens.corp", "--path",
            "/weatherforecast", "--explain"}};
    for (int i = 0; i < singles.length; i++) {
      List<String> args = new ArrayList<>(List.of("check", STEP4, "--format", "json"));
      args.addAll(List.of(singles[i]));
      assertThat(withoutHead(answers.get(i))).isEqualTo(CliTest.run(args.toArray(String[]::new)).json());
    }
  }

  @Test
  void aBadLineIsAnErrorLineWithItsNumberAndTheBatchGoesOn(@TempDir Path dir) throws Exception {
    Path q = write(dir,
        "--from 192.168.1.4 --to 192.168.0.22",
        "--from 192.168.1.4 --to 192.168.0.22:80 --format json",
        "{\"from\": \"192.168.1.4\", \"too\": \"192.168.0.22:80\"}",
        "{\"from\": \"192.168.1.4\", \"from\": \"10.0.0.1\", \"to\": \"192.168.0.22:80\"}",
        "--from \"192.168.1.4 --to 192.168.0.22:80",
        "--to 192.168.0.22:80",
        "--from 192.168.1.4 --to 192.168.0.22:80 extra",
        "--from 192.168.1.4 --to 192.168.0.22:80 --too x",
        "--from 192.168.1.4 --to 192.168.0.22:80");
    Run text = CliTest.run("check", STEP4, "--queries", q.toString());
    assertThat(text.exit()).isEqualTo(Main.BAD_INPUT);
    List<String> lines = text.out().lines().collect(Collectors.toList());
    assertThat(lines).hasSize(9);
    assertThat(lines.get(0)).isEqualTo("line 1: error: --to 192.168.0.22: a port is required: expected ip:port, such as "
        + "192.168.0.22:80/tcp");
    assertThat(lines.get(1)).isEqualTo("line 2: error: --format holds for the whole run: give it on the command line,"
        + " not in a query line");
    assertThat(lines.get(2)).startsWith("line 3: error: field 'too': no such query option (fields: ")
        .contains("from").contains("explain").doesNotContain("format");
    assertThat(lines.get(3)).startsWith("line 4: error: not a JSON object: Duplicate field 'from'");
    assertThat(lines.get(4)).isEqualTo("line 5: error: unterminated double quote at column 8");
    assertThat(lines.get(5)).isEqualTo("line 6: error: Missing required option: '--from=<from>'");
    assertThat(lines.get(6)).isEqualTo("line 7: error: unexpected argument 'extra': a query line takes options only "
        + "(the scenario is given once)");
    assertThat(lines.get(7)).startsWith("line 8: error: Unknown options: '--too', 'x'");
    assertThat(lines.get(8)).startsWith("line 9: tcp 192.168.1.4:50000 -> 192.168.0.22:80: SOMETIMES");
    assertThat(text.err().lines()).contains(q + ":1: --to 192.168.0.22: a port is required: expected ip:port, such as"
        + " 192.168.0.22:80/tcp", q + ":6: Missing required option: '--from=<from>'",
        "aksreach: 8 query line(s) of " + q + " not answered");

    List<JsonNode> json = jsonLines(CliTest.run("check", STEP4, "--queries", q.toString(), "--format", "json").out());
    assertThat(json).hasSize(9);
    assertThat(json.get(5).get("error").asText()).isEqualTo("Missing required option: '--from=<from>'");
    assertThat(json.get(5).get("line").asInt()).isEqualTo(6);
    assertThat(json.get(8).get("verdict").asText()).isEqualTo("SOMETIMES");
    assertThat(json.get(8).has("error")).isFalse();
  }

  @Test
  void queriesComeFromStdinAndAtFilesAreNotExpanded(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), "demoapi.eyskens.corp");
    String input = "--from 192.168.1.4 --to 192.168.0.22:80\n--from 192.168.1.4 --to 192.168.0.22:80 --host @" + secret
        + "\n";
    var before = Batch.stdin;
    try {
      Batch.stdin = () -> new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
      Run r = CliTest.run("check", STEP4, "--queries", "-", "--format", "json");
      assertThat(r.exit()).isZero();
      List<JsonNode> json = jsonLines(r.out());
      assertThat(json).hasSize(2);
      assertThat(json.get(1).at("/flow/host").asText()).isEqualTo("@" + secret);
    } finally {
      Batch.stdin = before;
    }
  }

  @Test
  void reachTakesQueriesAndJsonArraysOfSources(@TempDir Path dir) throws Exception {
    Path q = write(dir,
        "--to 192.168.0.22:80 --from 192.168.1.0/24",
        "{\"to\": \"192.168.0.22:80/tcp\", \"from\": [\"192.168.1.0/24\", \"10.0.0.0/8\"]}",
        "{\"to\": \"192.168.0.22:80\", \"explain\": true}");
    Run r = CliTest.run("reach", CliTest.step("step6-local-pinned"), "--queries", q.toString());
    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    List<String> lines = r.out().lines().collect(Collectors.toList());
    assertThat(lines.get(0)).isEqualTo("line 1: reach 192.168.0.22:80/tcp: ALWAYS 192.168.1.4/32; SOMETIMES none; "
        + "NEVER 192.168.1.0/30, 192.168.1.5/32, 192.168.1.6/31, 192.168.1.8/29, 192.168.1.16/28, 192.168.1.32/27, "
        + "192.168.1.64/26, 192.168.1.128/25");
    // the pod CIDR reaches the frontend too (nsg-system's AllowPodTraffic; its addresses without a node are routed in
    // by network.routedIntoVnet's default and so pass the cluster NSG's AllowVnetInBound); the rest of 10/8 does not
    assertThat(lines.get(1)).startsWith("line 2: reach 192.168.0.22:80/tcp: ALWAYS 10.244.0.0/16, "
        + "192.168.1.4/32; SOMETIMES none; NEVER 10.0.0.0/9, ").endsWith(", 192.168.1.64/26, 192.168.1.128/25");
    assertThat(lines.get(2)).startsWith("line 3: error: field 'explain': no such query option");
  }

  @Test
  void theRunLevelRulesAreKept(@TempDir Path dir) throws Exception {
    Path q = write(dir, "--from 192.168.1.4 --to 192.168.0.22:80");
    Run mixed = CliTest.run("check", STEP4, "--queries", q.toString(), "--from", "192.168.1.4");
    assertThat(mixed.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(mixed.err()).startsWith("--queries: --from belong in each query line, not on the command line");
    Run missing = CliTest.run("check", STEP4, "--queries", dir.resolve("none.txt").toString());
    assertThat(missing.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(missing.err()).contains("--queries " + dir.resolve("none.txt") + ": no such file");
    Run badScenario = CliTest.run("check", dir.resolve("nowhere").toString(), "--queries", q.toString());
    assertThat(badScenario.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(badScenario.out()).isEmpty();
    // without --queries the required options stay required, before anything is loaded
    Run single = CliTest.run("check", STEP4, "--from", "192.168.1.4");
    assertThat(single.err().lines().findFirst()).hasValue("Missing required option: '--to=<to>'");
    assertThat(CliTest.run("check", "--help").out()).contains("--queries=<file>|-");
  }

  /**
   * Every check and reach of the scenario corpus's expect.yaml files, as one batch per scenario and run-level
   * options: each batch line equals the single run's answer (or its first error line).
   */
  @Test
  void everyCorpusQuestionAnswersInABatchAsItDoesAlone(@TempDir Path dir) throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    int compared = 0;
    List<Path> scenarios;
    try (Stream<Path> s = Files.list(Path.of(BatchCliTest.class.getResource("/scenarios").toURI()))) {
      scenarios = s.filter(Files::isDirectory).sorted().collect(Collectors.toList());
    }
    for (Path scenario : scenarios) {
      Path expect = scenario.resolve("expect.yaml");
      if (!Files.exists(expect)) {
        continue;
      }
      Map<String, List<List<String>>> batches = new LinkedHashMap<>();
      for (JsonNode run : yaml.readTree(expect.toFile()).path("runs")) {
        List<String> args = new ArrayList<>();
        run.path("args").forEach(a -> args.add(a.asText()));
        if (!args.get(0).equals("check") && !args.get(0).equals("reach")) {
          continue;
        }
        List<String> runLevel = new ArrayList<>(List.of(args.get(0)));
        List<String> query = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
          if (args.get(i).equals("--transient") || args.get(i).equals("--skip-invalid")) {
            runLevel.add(args.get(i));
          } else if (args.get(i).equals("--format")) {
            i++;
          } else {
            query.add(args.get(i));
          }
        }
        batches.computeIfAbsent(String.join(" ", runLevel), k -> new ArrayList<>()).add(query);
      }
      for (Map.Entry<String, List<List<String>>> b : batches.entrySet()) {
        List<String> runLevel = List.of(b.getKey().split(" "));
        Path q = dir.resolve(scenario.getFileName() + "-" + runLevel.size() + ".txt");
        Files.writeString(q, b.getValue().stream().map(w -> quoted(w, " ")).collect(Collectors.joining("\n")));
        List<String> batchArgs = new ArrayList<>(runLevel);
        batchArgs.add(1, scenario.toString());
        batchArgs.addAll(List.of("--queries", q.toString(), "--format", "json"));
        Run batch = CliTest.run(batchArgs.toArray(String[]::new));
        List<JsonNode> answers = jsonLines(batch.out());
        boolean loads = !batch.out().isEmpty();
        assertThat(answers).as(scenario + " " + b.getKey()).hasSize(loads ? b.getValue().size() : 0);
        for (int i = 0; i < b.getValue().size(); i++) {
          List<String> single = new ArrayList<>(runLevel);
          single.add(1, scenario.toString());
          single.addAll(b.getValue().get(i));
          single.addAll(List.of("--format", "json"));
          Run alone = CliTest.run(single.toArray(String[]::new));
          if (!loads) {
            // the scenario does not load: the batch stops before any answer, as each single run does
            assertThat(batch.exit()).isEqualTo(Main.BAD_INPUT);
            assertThat(alone.exit()).isEqualTo(Main.BAD_INPUT);
            if (!alone.err().startsWith("--")) {
              // a single run refuses a bad argument (--from 010.0.0.1) before it loads; otherwise the same errors
              assertThat(alone.err()).isEqualTo(batch.err());
            }
          } else if (alone.exit() == 0) {
            assertThat(withoutHead(answers.get(i))).as(String.join(" ", single)).isEqualTo(alone.json());
          } else {
            assertThat(answers.get(i).has("error")).as(String.join(" ", single) + ": " + alone.err()).isTrue();
            assertThat(answers.get(i).get("error").asText()).as(String.join(" ", single))
                .isEqualTo(alone.err().lines().findFirst().orElseThrow());
          }
          compared++;
        }
      }
    }
    assertThat(compared).isGreaterThan(100);
  }

  /** The words as a POSIX shell would need them: each in single quotes. */
  static String quoted(List<String> words, String blank) {
    return words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").collect(Collectors.joining(blank));
  }

  @Test
  void wordsSplitsAsAShellDoes() {
    assertThat(Batch.words("--host 'a b' --path \"/x \\\"y\\\"\" c\\ d").get())
        .containsExactly("--host", "a b", "--path", "/x \"y\"", "c d");
    assertThat(Batch.words("  ").get()).isEmpty();
    assertThat(Batch.words("a''b \"\"").get()).containsExactly("ab", "");
    assertThat(Batch.words("x \\").getError()).isEqualTo("a backslash ends the line");
    assertThat(Batch.words("x 'y").getError()).isEqualTo("unterminated single quote at column 3");
  }

  /** Any words, each single-quoted (as {@link #quoted} writes them) and joined by blanks, split back into themselves. */
  @Test
  void quotedWordsSplitBackIntoThemselves() {
    qt().withFixedSeed(20261202L).withExamples(2000)
        .forAll(lists().of(strings().betweenCodePoints(1, 0x2FF).ofLengthBetween(0, 12)).ofSizeBetween(0, 6),
            integers().between(1, 3))
        .checkAssert((words, blanks) -> assertThat(Batch.words(quoted(words, " ".repeat(blanks))).get())
            .isEqualTo(words));
  }
}
