package io.github.aksreach.examples.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.examples.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scenario corpus: every directory under {@code src/test/resources/scenarios/} is a small scenario in the real
 * kubectl/az shapes with an {@code expect.yaml} that lists CLI invocations and their expected answers, taken from
 * DOMAIN.md's semantics (see {@code scenarios/README.md} for the format and the behaviour each directory pins).
 * Each invocation runs {@link Main#run} and is compared field by field.
 */
class ScenarioCorpusTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The corpus root on the test classpath. */
  static Path root() {
    try {
      return Path.of(ScenarioCorpusTest.class.getResource("/scenarios").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Path> scenarios() {
    try (Stream<Path> s = Files.list(root())) {
      return s.filter(Files::isDirectory).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Arguments> runs() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (Path dir : scenarios()) {
      if (!Files.isRegularFile(dir.resolve("expect.yaml"))) {
        continue; // reported by everyScenarioHasExpectationsAndIsListedInTheReadme
      }
      JsonNode expect = YAML.readTree(dir.resolve("expect.yaml").toFile());
      int i = 0;
      for (JsonNode run : expect.path("runs")) {
        out.add(Arguments.of(dir.getFileName().toString(), ++i, run.path("name").asText(""), run));
      }
    }
    return out.stream();
  }

  @Test
  void everyScenarioHasExpectationsAndIsListedInTheReadme() throws IOException {
    String readme = Files.readString(root().resolve("README.md"));
    assertThat(scenarios()).hasSizeGreaterThanOrEqualTo(30);
    for (Path dir : scenarios()) {
      String name = dir.getFileName().toString();
      assertThat(dir.resolve("expect.yaml")).as(name).exists();
      assertThat(YAML.readTree(dir.resolve("expect.yaml").toFile()).path("runs").size()).as(name).isPositive();
      assertThat(readme).as("README lists " + name).contains("`" + name + "`");
    }
  }

  @ParameterizedTest(name = "{0} #{1} {2}")
  @MethodSource("runs")
  void cliAnswersAsDomainSays(String scenario, int index, String name, JsonNode run) throws IOException {
    List<String> args = new ArrayList<>();
    run.path("args").forEach(a -> args.add(a.asText()));
    if (!args.get(0).equals("lab")) {
      args.add(1, root().resolve(scenario).toString());
    }
    boolean json = !run.path("format").asText("json").equals("text");
    if (json && !args.contains("--format")) {
      args.add("--format");
      args.add("json");
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    Checker c = new Checker();
    c.eq("exit", run.path("exit").asInt(0), exit);
    if (run.has("stdout")) {
      c.str("stdout", run.path("stdout").asText(), out.toString());
    }
    if (run.has("stderr")) {
      c.str("stderr", run.path("stderr").asText(), err.toString());
    }
    if (exit == 0 && json) {
      JsonNode actual = JSON.readTree(out.toString());
      checkCheck(c, run, actual);
      checkHealth(c, run, actual);
      checkReach(c, run, actual);
    }
    if (!c.errors.isEmpty()) {
      throw new AssertionError(scenario + " #" + index + " " + name + " (" + String.join(" ", args.subList(0, 1))
          + " " + String.join(" ", args.subList(Math.min(2, args.size()), args.size())) + "):\n  "
          + String.join("\n  ", c.errors) + "\n--- stdout:\n" + abbreviate(out.toString()) + "\n--- stderr:\n"
          + abbreviate(err.toString()));
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 20_000 ? s.substring(0, 20_000) + "\n..." : s;
  }

  // ------------------------------------------------------------------------------------------------ check

  private static void checkCheck(Checker c, JsonNode run, JsonNode actual) {
    if (run.has("verdict")) {
      c.eq("verdict", run.path("verdict").asText(), actual.path("verdict").asText());
    }
    if (run.has("deliveredFraction")) {
      c.fraction("deliveredFraction", run.path("deliveredFraction"), actual.path("deliveredFraction"));
    }
    if (run.has("pathCount")) {
      c.eq("pathCount", run.path("pathCount").asInt(), actual.path("paths").size());
    }
    for (JsonNode want : run.path("paths")) {
      List<JsonNode> matched = new ArrayList<>();
      for (JsonNode p : actual.path("paths")) {
        if (via(want.path("via"), p)) {
          matched.add(p);
        }
      }
      String label = "path via " + want.path("via");
      if (want.has("count")) {
        c.eq(label + " count", want.path("count").asInt(), matched.size());
      } else if (matched.isEmpty()) {
        c.fail(label + ": no such path");
      }
      for (JsonNode p : matched) {
        checkPath(c, label, want, p);
      }
    }
  }

  private static boolean via(JsonNode via, JsonNode path) {
    List<String> needles = new ArrayList<>();
    if (via.isArray()) {
      via.forEach(v -> needles.add(v.asText()));
    } else if (!via.isMissingNode() && !via.isNull()) {
      needles.add(via.asText());
    }
    StringBuilder hay = new StringBuilder(path.path("deliveredTo").asText("")).append('\n')
        .append(path.path("droppedAt").path("element").asText("")).append('\n');
    for (JsonNode h : path.path("hops")) {
      hay.append(h.path("element").asText()).append('\n').append(h.path("decision").asText()).append('\n');
    }
    return needles.stream().allMatch(n -> hay.indexOf(n) >= 0);
  }

  private static void checkPath(Checker c, String label, JsonNode want, JsonNode p) {
    if (want.has("weight")) {
      c.fraction(label + " weight", want.path("weight"), p.path("weight"));
    }
    if (want.has("outcome")) {
      c.eq(label + " outcome", want.path("outcome").asText(), p.path("outcome").asText());
    }
    if (want.has("deliveredTo")) {
      c.str(label + " deliveredTo", want.path("deliveredTo").asText(), p.path("deliveredTo").asText(null));
    }
    if (want.has("drop")) {
      checkDrop(c, label + " drop", want.path("drop"), p.path("droppedAt"));
    }
    if (want.has("blockers")) {
      JsonNode bs = p.path("blockers");
      c.eq(label + " blocker count", want.path("blockers").size(), bs.size());
      for (int i = 0; i < Math.min(bs.size(), want.path("blockers").size()); i++) {
        checkDrop(c, label + " blocker " + i, want.path("blockers").get(i), bs.get(i));
      }
    }
    for (JsonNode s : want.path("seen")) {
      checkSeen(c, label, s, p.path("hops"));
    }
    for (JsonNode no : want.path("noHop")) {
      for (JsonNode h : p.path("hops")) {
        if (h.path("kind").asText().equals(no.asText()) || h.path("element").asText().contains(no.asText())) {
          c.fail(label + ": unexpected hop " + h.path("element").asText() + " (" + no.asText() + ")");
        }
      }
    }
    if (want.has("hopOrder")) {
      int from = 0;
      for (JsonNode needle : want.path("hopOrder")) {
        int found = -1;
        for (int i = from; i < p.path("hops").size(); i++) {
          if (p.path("hops").get(i).path("element").asText().contains(needle.asText())) {
            found = i;
            break;
          }
        }
        if (found < 0) {
          c.fail(label + " hopOrder: no hop '" + needle.asText() + "' after hop " + from);
          break;
        }
        from = found + 1;
      }
    }
  }

  private static void checkDrop(Checker c, String label, JsonNode want, JsonNode d) {
    if (d.isMissingNode()) {
      c.fail(label + ": the path was not dropped");
      return;
    }
    for (String f : List.of("kind", "element", "rule", "reason")) {
      if (want.has(f)) {
        c.str(label + " " + f, want.path(f).asText(), d.path(f).asText(null));
      }
    }
    for (String f : List.of("priority", "httpStatus")) {
      if (want.has(f)) {
        if (want.path(f).isNull()) {
          c.check(label + " " + f + " absent, was " + d.path(f), d.path(f).isMissingNode());
        } else {
          c.eq(label + " " + f, want.path(f).asInt(), d.path(f).isMissingNode() ? null : d.path(f).asInt());
        }
      }
    }
  }

  private static void checkSeen(Checker c, String label, JsonNode want, JsonNode hops) {
    String at = want.path("at").asText();
    JsonNode hop = null;
    for (JsonNode h : hops) {
      if (h.path("element").asText().contains(at) || h.path("kind").asText().equals(at)) {
        hop = h;
        if (want.path("which").asText("last").equals("first")) {
          break;
        }
      }
    }
    if (hop == null) {
      c.fail(label + " seen: no hop at '" + at + "'");
      return;
    }
    String where = label + " seen at '" + at + "'";
    for (String f : List.of("src", "dst")) {
      if (want.has(f)) {
        String w = want.path(f).asText();
        String a = hop.path(f).asText();
        c.eq(where + " " + f, w, w.contains(":") ? a : a.substring(0, a.lastIndexOf(':')));
      }
    }
    for (String f : List.of("rule", "decision", "kind")) {
      if (want.has(f)) {
        c.str(where + " " + f, want.path(f).asText(), hop.path(f).asText(null));
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ health

  private static void checkHealth(Checker c, JsonNode run, JsonNode actual) {
    for (JsonNode want : run.path("agcHealth")) {
      boolean found = false;
      for (JsonNode b : actual.path("agcBackends")) {
        if (!b.path("endpoint").asText().equals(want.path("endpoint").asText())) {
          continue;
        }
        found = true;
        for (String f : List.of("state", "probe", "reason", "service", "gateway")) {
          if (want.has(f)) {
            c.str("agcHealth " + want.path("endpoint").asText() + " " + f, want.path(f).asText(),
                b.path(f).asText(null));
          }
        }
      }
      if (!found) {
        c.fail("agcHealth: no endpoint " + want.path("endpoint").asText());
      }
    }
    for (JsonNode want : run.path("health")) {
      boolean found = false;
      for (JsonNode lb : actual.path("loadBalancers")) {
        if (want.has("frontend") && !lb.path("frontend").asText().equals(want.path("frontend").asText())) {
          continue;
        }
        for (JsonNode b : lb.path("backends")) {
          if (!b.path("node").asText().equals(want.path("node").asText())) {
            continue;
          }
          found = true;
          String label = "health " + lb.path("frontend").asText() + " " + want.path("node").asText();
          for (String f : List.of("state", "probe", "reason", "ip")) {
            if (want.has(f)) {
              c.str(label + " " + f, want.path(f).asText(), b.path(f).asText(null));
            }
          }
        }
      }
      if (!found) {
        c.fail("health: no backend " + want.path("node").asText() + " at " + want.path("frontend").asText("any"));
      }
    }
    Iterator<String> frontends = run.path("backends").fieldNames();
    while (frontends.hasNext()) {
      String fe = frontends.next();
      List<String> wanted = new ArrayList<>();
      run.path("backends").path(fe).forEach(n -> wanted.add(n.asText()));
      List<String> listed = new ArrayList<>();
      for (JsonNode lb : actual.path("loadBalancers")) {
        if (lb.path("frontend").asText().equals(fe)) {
          lb.path("backends").forEach(b -> listed.add(b.path("node").asText()));
        }
      }
      c.eq("backends of " + fe, wanted.stream().sorted().collect(Collectors.toList()),
          listed.stream().sorted().collect(Collectors.toList()));
    }
  }

  // ------------------------------------------------------------------------------------------------ reach

  private static void checkReach(Checker c, JsonNode run, JsonNode actual) {
    if (!run.has("reach")) {
      return;
    }
    for (String set : List.of("always", "sometimes", "never")) {
      if (run.path("reach").has(set)) {
        IpSet want = ipSet(run.path("reach").path(set));
        IpSet got = ipSet(actual.path(set));
        c.check("reach " + set + ": expected " + want + " but was " + got, want.equals(got));
      }
    }
  }

  private static IpSet ipSet(JsonNode cidrs) {
    IpSet s = IpSet.empty();
    for (JsonNode n : cidrs) {
      var parsed = IpSet.parse(n.asText());
      if (parsed.isInvalid()) {
        throw new IllegalArgumentException(n.asText() + ": " + parsed.getError().message());
      }
      s = s.union(parsed.get());
    }
    return s;
  }

  // ------------------------------------------------------------------------------------------------ errors

  /** Collects every mismatch of one run, so a failure lists them all. */
  private static final class Checker {
    final List<String> errors = new ArrayList<>();

    void fail(String message) {
      errors.add(message);
    }

    void check(String message, boolean ok) {
      if (!ok) {
        errors.add(message);
      }
    }

    void eq(String what, Object want, Object got) {
      if (want == null ? got != null : !want.equals(got)) {
        errors.add(what + ": expected " + want + " but was " + got);
      }
    }

    /** Exact, or {@code ~needle} (contains), or {@code prefix*} (starts with). */
    void str(String what, String want, String got) {
      boolean ok;
      if (got == null) {
        ok = false;
      } else if (want.startsWith("~")) {
        ok = got.contains(want.substring(1));
      } else if (want.endsWith("*")) {
        ok = got.startsWith(want.substring(0, want.length() - 1));
      } else {
        ok = got.equals(want);
      }
      if (!ok) {
        errors.add(what + ": expected " + want + " but was " + got);
      }
    }

    /** Fractions as printed: 4 decimals. */
    void fraction(String what, JsonNode want, JsonNode got) {
      BigDecimal w = want.decimalValue();
      BigDecimal g = got.isMissingNode() ? null : got.decimalValue();
      if (g == null || w.subtract(g).abs().compareTo(new BigDecimal("0.00005")) > 0) {
        errors.add(what + ": expected " + w + " but was " + g);
      }
    }
  }
}
