package io.github.aksreach.examples.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.aksreach.examples.cli.Main;
import io.github.aksreach.k8s.JsonMutations;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * Whole scenarios with one file mutated (a value somewhere replaced by null, an empty or odd string, a negative or
 * huge number, a Boolean, a list or a mapping) through the command line, as a user's broken dump would arrive: every
 * run either answers (exit 0) or reports bad input (exit 2) with each line naming a file of the scenario; never an
 * internal error, a stack trace, or an answer with an error message. Flow logs for {@code explain} likewise.
 */
class ScenarioRobustnessProperties {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Scenarios covering the loaders' shapes: kubenet and Azure CNI, NGINX, NetworkPolicy, ASGs, service tags. */
  private static final List<String> SCENARIOS = List.of("etp-cluster-snat-kubenet", "etp-cluster-snat-azure-cni",
      "nginx-host-path-routing", "netpol-client-egress", "nsg-asg-destination", "nsg-service-tag",
      "managed-nsg-annotations", "probe-port-annotations");

  /** Examples per property; {@code -Daksreach.examples=N -Daksreach.seed=S} for a longer or another run. */
  private static final int EXAMPLES = Integer.getInteger("aksreach.examples", 60);
  private static final long SEED = Long.getLong("aksreach.seed", 0x5ce7a210L);

  @TempDir
  Path tmp;

  /** A mutation: which scenario, which of its files, and the random choices of what to replace by what. */
  record Mutation(String scenario, int file, long[] choices) {}

  /** {@link #SCENARIOS}, or with {@code -Daksreach.allScenarios=true} every directory of the corpus. */
  private static List<String> scenarios() {
    if (!Boolean.getBoolean("aksreach.allScenarios")) {
      return SCENARIOS;
    }
    return ScenarioCorpusTest.scenarios().stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
  }

  static Gen<Mutation> mutations() {
    List<String> all = scenarios();
    return in -> {
      String s = all.get((int) in.next(Constraint.between(0, all.size() - 1)));
      int file = (int) in.next(Constraint.between(0, 1000));
      long[] cs = new long[10];
      for (int i = 0; i < cs.length; i++) {
        cs[i] = in.next(Constraint.between(0, 1_000_000));
      }
      return new Mutation(s, file, cs);
    };
  }

  private static List<Path> files(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("expect.yaml"))
          .filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".yaml"))
          .sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces {@code 1 + choices[0] % 3} values of {@code doc}, the choices read in turn. */
  static void mutate(JsonNode doc, long[] choices) {
    int[] next = {1};
    JsonMutations.mutate(doc, 1 + (int) (choices[0] % 3),
        (lo, hi) -> lo + (int) (choices[next[0]++ % choices.length] % (hi - lo + 1)));
  }

  private static Path copy(Path from, Path to) throws IOException {
    return io.github.aksreach.examples.TestDirs.copy(from, to);
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  private static void assertAnsweredOrBadInput(Run r, String dir, AtomicInteger answered, AtomicInteger rejected) {
    assertAnsweredOrBadInput(r, dir, answered, rejected, false);
  }

  private static void assertAnsweredOrBadInput(Run r, String dir, AtomicInteger answered, AtomicInteger rejected,
                                               boolean findingsMayFail) {
    if (findingsMayFail && r.exit() == Main.FINDINGS && r.err().lines().allMatch(l -> l.startsWith("note: "))) {
      assertThat(r.out()).contains("\"findings\"");
      answered.incrementAndGet();
      return;
    }
    assertThat(r.exit()).as("exit of a run on a mutated scenario; stderr: %s", r.err()).isIn(0, Main.BAD_INPUT);
    assertThat(r.err()).doesNotContain("internal error").doesNotContain("Exception").doesNotContain("\tat ");
    if (r.exit() == 0) {
      assertThat(r.out()).isNotBlank();
      answered.incrementAndGet();
    } else {
      List<String> lines = r.err().lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
      assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l).contains(dir));
      rejected.incrementAndGet();
    }
  }

  @Test
  void mutatedScenariosAnswerOrReportBadInputNamingTheFile() {
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    AtomicInteger case_ = new AtomicInteger();
    qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(0).forAll(mutations()).checkAssert(m -> {
      try {
        Path src = ScenarioCorpusTest.root().resolve(m.scenario());
        Path dir = tmp.resolve("case-" + case_.incrementAndGet());
        copy(src, dir);
        List<Path> fs = files(dir);
        Path f = fs.get(m.file() % fs.size());
        boolean json = f.toString().endsWith(".json");
        JsonNode doc = (json ? JSON : YAML).readTree(Files.readString(f));
        if (doc == null || !doc.isContainerNode()) {
          return;
        }
        mutate(doc, m.choices());
        Files.writeString(f, (json ? JSON : YAML).writeValueAsString(doc));
        String d = dir.toString();
        assertAnsweredOrBadInput(run("check", d, "--from", "10.10.9.4", "--to", "10.10.1.100:80", "--explain"), d,
            answered, rejected);
        assertAnsweredOrBadInput(run("health", d), d, answered, rejected);
        assertAnsweredOrBadInput(run("reach", d, "--to", "10.10.1.100:80", "--from", "10.10.0.0/16"), d, answered,
            rejected);
        assertAnsweredOrBadInput(run("diff", d, d, "--format", "json"), d, answered, rejected);
        // lint exits 1 for findings at or above --fail-on: never fail on findings here, so 1 can only be an error
        assertAnsweredOrBadInput(run("lint", d, "--fail-on", "error", "--format", "json"), d, answered, rejected,
            true);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    assertThat(answered.get()).as("runs answered").isGreaterThanOrEqualTo(30);
    assertThat(rejected.get()).as("runs rejected as bad input").isGreaterThanOrEqualTo(30);
  }

  @Test
  void aServiceTagAnAnnotationNamesButNoServiceTagsFileDefinesIsBadInput() throws Exception {
    Path dir = tmp.resolve("no-service-tags");
    copy(ScenarioCorpusTest.root().resolve("managed-nsg-annotations"), dir);
    try (Stream<Path> s = Files.list(dir.resolve("azure"))) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith("ServiceTags_")).toList()) {
        Files.delete(p);
      }
    }
    // one session: every command loads and validates the same way, so lint refuses what check refuses
    List<String> messages = new java.util.ArrayList<>();
    for (String[] args : List.of(new String[] {"health", dir.toString()},
        new String[] {"check", dir.toString(), "--from", "10.10.9.4", "--to", "10.10.1.100:80"},
        new String[] {"lint", dir.toString()})) {
      Run r = run(args);
      assertThat(r.exit()).as("%s: %s", args[0], r.err()).isEqualTo(Main.BAD_INPUT);
      assertThat(r.err()).contains(dir.resolve("azure").toString()).contains("AzureFrontDoor.Backend")
          .contains("azure-allowed-service-tags").contains("ServiceTags_*.json").doesNotContain("internal error");
      messages.add(r.err());
    }
    assertThat(messages).as("the same message from every command").containsOnly(messages.get(0));
  }

  @Test
  void aPodOnANodeTheDumpLacksIsUnreachableAndSaysWhy() throws Exception {
    Path dir = tmp.resolve("missing-node");
    copy(ScenarioCorpusTest.root().resolve("etp-cluster-snat-kubenet"), dir);
    Path k8s = dir.resolve("k8s/cluster.yaml");
    // the dumps were taken at two times: the web pod (and its endpoint) is on a node kubectl get nodes did not list
    Files.writeString(k8s, Files.readString(k8s).replace("nodeName: aks-nodepool1-12345678-vmss000000",
        "nodeName: aks-nodepool1-12345678-vmss000009"));
    // the probes kube-proxy forwards to the pod fail for that reason, so every backend is DOWN
    Run health = run("health", dir.toString());
    assertThat(health.exit()).as(health.err()).isZero();
    assertThat(health.out()).contains("DOWN").contains("not in the dump").doesNotContain("UP ");
    // and with every backend UP (what users see before probes catch up), each path says why
    Run r = run("check", dir.toString(), "--from", "10.10.9.4", "--to", "10.10.1.100:80", "--format", "json",
        "--transient");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.at("/verdict").asText()).isEqualTo("NEVER");
    assertThat(j.at("/paths")).isNotEmpty().allSatisfy(p -> {
      assertThat(p.at("/droppedAt/kind").asText()).isEqualTo("NO_ROUTE");
      assertThat(p.at("/droppedAt/reason").asText()).contains("default/web-5d8f7c9b6-x2x7q")
          .contains("aks-nodepool1-12345678-vmss000009").contains("not in the dump");
    });
  }

  /** Legal re-encodings of one file that must not change any answer. */
  private static final List<String> ENCODINGS = List.of("utf8-bom", "utf16be-bom", "utf16le-bom", "utf32-bom",
      "utf32le-bom", "utf16le", "documents", "concatenated");

  /**
   * The same scenario with one file written differently but meaning the same (a byte-order mark, UTF-16 or UTF-32,
   * or, for a list, each item as its own document: JSON Lines, YAML {@code ---}) gives byte-identical answers.
   */
  @Test
  void legalReEncodingsOfAFileGiveTheSameAnswers() {
    AtomicInteger case_ = new AtomicInteger();
    java.util.Map<String, AtomicInteger> applied = new java.util.TreeMap<>();
    qt().withFixedSeed(SEED + 2).withExamples(3 * ENCODINGS.size()).withShrinkCycles(0)
        .forAll(mutations()).checkAssert(m -> {
          try {
            // each encoding in turn, so that every one is drawn; the file among those it applies to, in the drawn
            // scenario or the next one that has one (JSON Lines and concatenated JSON need a top-level list)
            String enc = ENCODINGS.get(case_.incrementAndGet() % ENCODINGS.size());
            List<String> all = scenarios();
            Path src = null;
            Path dir = null;
            List<Path> fs = new ArrayList<>();
            for (int k = 0; k < all.size() && fs.isEmpty(); k++) {
              src = ScenarioCorpusTest.root().resolve(all.get((all.indexOf(m.scenario()) + k) % all.size()));
              dir = copy(src, tmp.resolve("enc-" + case_.get() + "-" + k));
              for (Path p : files(dir)) {
                if (reEncode(p, Files.readString(p), enc) != null) {
                  fs.add(p);
                }
              }
            }
            Path f = fs.get(m.file() % fs.size());
            Files.write(f, reEncode(f, Files.readString(f), enc));
            applied.computeIfAbsent(enc, k -> new AtomicInteger()).incrementAndGet();
            for (String[] args : List.of(new String[] {"health", "%s", "--format", "json"},
                new String[] {"check", "%s", "--from", "10.10.9.4", "--to", "10.10.1.100:80", "--format", "json"},
                new String[] {"lint", "%s", "--format", "json", "--fail-on", "error"})) {
              if ((enc.equals("documents") || enc.equals("concatenated")) && args[0].equals("lint")) {
                continue;   // lint findings name the path of their object, which splitting a list changes
              }
              Run before = run(withDir(args, src.toString()));
              Run after = run(withDir(args, dir.toString()));
              assertThat(after.exit()).as("%s %s of %s: %s", args[0], enc, f, after.err()).isEqualTo(before.exit());
              assertThat(after.out()).as("%s %s of %s", args[0], enc, f).isEqualTo(before.out());
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    assertThat(applied.keySet()).as("every encoding drawn: %s", applied).containsExactlyInAnyOrderElementsOf(ENCODINGS);
    assertThat(applied.values()).as("%s", applied).allSatisfy(n -> assertThat(n.get()).isGreaterThanOrEqualTo(2));
  }

  private static String[] withDir(String[] args, String dir) {
    String[] out = args.clone();
    out[1] = dir;
    return out;
  }

  /** {@code text} of {@code f} in encoding {@code enc}, or null when that re-encoding does not apply. */
  private static byte[] reEncode(Path f, String text, String enc) throws IOException {
    switch (enc) {
      case "utf8-bom":
        return ("\ufeff" + text).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      case "utf16be-bom":
        return ("\ufeff" + text).getBytes(java.nio.charset.StandardCharsets.UTF_16BE);
      case "utf16le-bom":
        return ("\ufeff" + text).getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
      case "utf32-bom":
        return ("\ufeff" + text).getBytes("UTF-32BE");
      case "utf32le-bom":
        return ("\ufeff" + text).getBytes("UTF-32LE");
      case "utf16le":
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
      default:
        boolean json = f.toString().endsWith(".json");
        JsonNode doc = (json ? JSON : YAML).readTree(text);
        JsonNode items = doc == null ? null : doc.isArray() ? doc : doc.get("items");
        if (items == null || !items.isArray() || items.size() < 2 || (json && !doc.isArray() && doc.has("kind")
            && !doc.get("kind").asText().endsWith("List"))) {
          return null;
        }
        if (!json && !doc.isArray() && !doc.path("kind").asText().endsWith("List")) {
          return null;
        }
        StringBuilder sb = new StringBuilder();
        boolean concatenated = enc.equals("concatenated");
        if (concatenated && !json) {
          return null;   // YAML documents need their --- (the "documents" case)
        }
        for (JsonNode item : items) {
          // JSON Lines, or pretty-printed documents one right after the other with nothing between them
          sb.append(!json ? YAML.writeValueAsString(item) : concatenated
              ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(item) : JSON.writeValueAsString(item) + "\n");
        }
        if (json && !doc.isArray()) {
          return null;   // a List object: k8s reads its items, but azure/ reads {"value": [...]} only as one body
        }
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /**
   * Values that no typed field (an address, a prefix, a type, a protocol, a policy) accepts, and how each must show in
   * a message: escaped, and (10 MB of one character) cut.
   */
  private static final List<String[]> SHOWN = List.of(new String[] {"\u001b[2J\u001b[31mEVIL", "\\u001b[2J"},
      new String[] {"10.0.0.1\nFAKE: all good", "\\nFAKE: all good"}, new String[] {"\u202eevil", "\\u202eevil"},
      new String[] {"nul\u0000byte", "nul\\u0000byte"}, new String[] {"x".repeat(10_000_000), "x".repeat(60) + "..."});
  private static final java.util.Set<String> TYPED = java.util.Set.of("podIP", "clusterIP", "address",
      "sourceAddressPrefix", "destinationAddressPrefix", "addressPrefix", "protocol", "externalTrafficPolicy",
      "access", "direction", "ip", "loadBalancerIP");

  /**
   * A control character or a 10 MB value in a typed field: bad input (exit 2) whose every message is one line, the
   * value shown escaped and cut to a bounded length, never raw (no terminal escape, NUL, newline or bidi override
   * reaches the terminal), and the whole error output stays small.
   */
  @Test
  void controlCharactersAndHugeValuesAreShownEscapedAndCut() {
    AtomicInteger case_ = new AtomicInteger();
    java.util.Map<Integer, AtomicInteger> shown = new java.util.TreeMap<>();
    qt().withFixedSeed(SEED + 8).withExamples(3 * SHOWN.size()).withShrinkCycles(0).forAll(mutations())
        .checkAssert(m -> {
          try {
            Path dir = copy(ScenarioCorpusTest.root().resolve(m.scenario()), tmp.resolve("typed-"
                + case_.incrementAndGet()));
            int which = case_.get() % SHOWN.size();
            List<Path> fs = files(dir);
            Path f = null;
            JsonNode doc = null;
            List<com.fasterxml.jackson.databind.node.ObjectNode> holders = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            List<Integer> typed = new ArrayList<>();
            // the drawn file, or the next one that has a typed field (every scenario has addresses somewhere)
            for (int k = 0; k < fs.size() && typed.isEmpty(); k++) {
              f = fs.get((m.file() + k) % fs.size());
              doc = (f.toString().endsWith(".json") ? JSON : YAML).readTree(Files.readString(f));
              holders.clear();
              keys.clear();
              textFields(doc, holders, keys);
              for (int i = 0; i < keys.size(); i++) {
                if (TYPED.contains(keys.get(i))) {
                  typed.add(i);
                }
              }
            }
            boolean json = f.toString().endsWith(".json");
            int at = typed.get((int) (m.choices()[1] % typed.size()));
            holders.get(at).put(keys.get(at), SHOWN.get(which)[0]);
            Files.writeString(f, (json ? JSON : YAML).writeValueAsString(doc));
            Run r = run("check", dir.toString(), "--from", "10.10.9.4", "--to", "10.10.1.100:80");
            assertThat(r.exit()).as("%s in %s of %s: %s", keys.get(at), f, m.scenario(), r.err())
                .isEqualTo(Main.BAD_INPUT);
            assertThat(r.err().chars().filter(ch -> (ch < 0x20 && ch != '\n') || ch == 0x7f || ch == 0x202e))
                .as("raw control characters").isEmpty();
            assertThat(r.err().length()).as("all errors together").isLessThan(20_000);
            r.err().lines().forEach(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(600));
            assertThat(r.err()).as("%s in %s of %s", keys.get(at), f, m.scenario()).contains(SHOWN.get(which)[1]);
            shown.computeIfAbsent(which, k -> new AtomicInteger()).incrementAndGet();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    assertThat(shown.keySet()).as("each value shown escaped or cut: %s", shown).containsExactly(0, 1, 2, 3, 4);
    assertThat(shown.values()).as("%s", shown).allSatisfy(n -> assertThat(n.get()).isGreaterThanOrEqualTo(2));
  }

  /** Values no dump should carry: terminal escapes, a fake second line, a bidi override, megabytes. */
  private static final List<String> HOSTILE = List.of("\u001b[2J\u001b[31mEVIL", "10.0.0.1\nFAKE: all good",
      "\u202eevil", "nul\u0000byte", "x".repeat(1_000_000));

  /**
   * A hostile value anywhere in a scenario: the run answers or reports bad input, and every error is one line of
   * bounded length with no raw control character.
   */
  @Test
  void hostileValuesGiveSafeOneLineErrors() {
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    AtomicInteger case_ = new AtomicInteger();
    qt().withFixedSeed(SEED + 3).withExamples(Math.max(10, EXAMPLES / 3)).withShrinkCycles(0).forAll(mutations())
        .checkAssert(m -> {
          try {
            Path src = ScenarioCorpusTest.root().resolve(m.scenario());
            Path dir = tmp.resolve("hostile-" + case_.incrementAndGet());
            copy(src, dir);
            List<Path> fs = files(dir);
            Path f = fs.get(m.file() % fs.size());
            boolean json = f.toString().endsWith(".json");
            JsonNode doc = (json ? JSON : YAML).readTree(Files.readString(f));
            List<com.fasterxml.jackson.databind.node.ObjectNode> holders = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            textFields(doc, holders, keys);
            if (holders.isEmpty()) {
              return;
            }
            int at = (int) (m.choices()[1] % holders.size());
            holders.get(at).put(keys.get(at), HOSTILE.get((int) (m.choices()[2] % HOSTILE.size())));
            Files.writeString(f, (json ? JSON : YAML).writeValueAsString(doc));
            String d = dir.toString();
            for (Run r : List.of(run("health", d), run("check", d, "--from", "10.10.9.4", "--to", "10.10.1.100:80"))) {
              assertAnsweredOrBadInput(r, d, answered, rejected);
              assertThat(r.err()).doesNotContain("\u001b").doesNotContain("\u0000").doesNotContain("\u202e");
              r.err().lines().forEach(l -> assertThat(l.length()).isLessThanOrEqualTo(1200));
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    assertThat(rejected.get()).as("runs rejected as bad input").isGreaterThanOrEqualTo(3);
  }

  private static void textFields(JsonNode n, List<com.fasterxml.jackson.databind.node.ObjectNode> holders,
      List<String> keys) {
    if (n == null) {
      return;
    }
    if (n.isObject()) {
      n.fields().forEachRemaining(e -> {
        if (e.getValue().isTextual()) {
          holders.add((com.fasterxml.jackson.databind.node.ObjectNode) n);
          keys.add(e.getKey());
        } else {
          textFields(e.getValue(), holders, keys);
        }
      });
    } else if (n.isArray()) {
      n.forEach(c -> textFields(c, holders, keys));
    }
  }

  /** The commands whose answers two spellings of one scenario must share, byte for byte. */
  private static final List<String[]> ANSWERS = List.of(new String[] {"health", "%s", "--format", "json"},
      new String[] {"check", "%s", "--from", "10.10.9.4", "--to", "10.10.1.100:80", "--format", "json"});

  /**
   * A YAML file (a {@code k8s/} dump or {@code scenario.yaml}) written with anchors, aliases and merge keys gives the
   * answers of the same file written out (the tree the YAML merge rules expand it to): byte-identical output and
   * exit code. Keys a mapping writes itself win over merged ones (each merge carries such a decoy).
   */
  @Test
  void anchorsAliasesAndMergeKeysGiveTheExpandedFilesAnswers() {
    AtomicInteger case_ = new AtomicInteger();
    AtomicInteger merges = new AtomicInteger();
    AtomicInteger aliases = new AtomicInteger();
    AtomicInteger compared = new AtomicInteger();
    qt().withFixedSeed(SEED + 4).withExamples(Math.max(6, EXAMPLES / 8)).withShrinkCycles(0).forAll(mutations())
        .checkAssert(m -> {
          try {
            Path src = ScenarioCorpusTest.root().resolve(m.scenario());
            Path plain = copy(src, tmp.resolve("plain-" + case_.incrementAndGet()));
            Path anchored = copy(src, tmp.resolve("anchored-" + case_.get()));
            List<Path> yamls = files(plain).stream().filter(p -> p.toString().endsWith(".yaml")).toList();
            Path f = yamls.get(m.file() % yamls.size());
            HostileMutations.Written w = HostileMutations.anchored(YAML.readTree(Files.readString(f)), m.choices());
            Files.writeString(f, w.plain());
            Files.writeString(anchored.resolve(plain.relativize(f).toString()), w.anchored());
            merges.addAndGet(w.merges());
            aliases.addAndGet(w.aliases());
            for (String[] args : ANSWERS) {
              Run expanded = run(withDir(args, plain.toString()));
              Run written = run(withDir(args, anchored.toString()));
              assertThat(written.exit()).as("%s of %s: %s", args[0], f, written.err()).isEqualTo(expanded.exit());
              assertThat(written.out()).as("%s of %s", args[0], w.anchored()).isEqualTo(expanded.out());
              assertThat(written.err().replace(anchored.toString(), plain.toString()).lines()
                  .filter(l -> !l.contains(plain.relativize(f).toString())))
                  .as("notes not about the file").isEqualTo(expanded.err().lines()
                      .filter(l -> !l.contains(plain.relativize(f).toString())).toList());
              compared.incrementAndGet();
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    assertThat(compared.get()).as("runs compared").isGreaterThanOrEqualTo(12);
    assertThat(merges.get()).as("merge keys written").isGreaterThanOrEqualTo(20);
    assertThat(aliases.get()).as("aliases written").isGreaterThanOrEqualTo(20);
  }

  /** Input no API server or YAML/JSON reader accepts, each refused naming both places it involves. */
  private static final List<String> IDENTITY = List.of("duplicate-key", "duplicate-object", "address-claimed-twice",
      "malformed-addresses");

  /**
   * A key given twice in one mapping, an object defined twice (differently) under one kind, namespace and name, an
   * address two nodes claim, a node address list no API server accepts: each is bad input (exit 2) whose message names
   * both places (both lines, both files, both nodes) or the list it found wrong; never a silent pick of one.
   */
  @Test
  void duplicatesAndBrokenIdentitiesAreBadInputNamingBothPlaces() {
    AtomicInteger case_ = new AtomicInteger();
    java.util.Map<String, AtomicInteger> refused = new java.util.TreeMap<>();
    qt().withFixedSeed(SEED + 5).withExamples(Math.max(3 * IDENTITY.size(), EXAMPLES / 4)).withShrinkCycles(0)
        .forAll(mutations()).checkAssert(m -> {
          try {
            Path dir = copy(ScenarioCorpusTest.root().resolve(m.scenario()), tmp.resolve("id-" + case_.incrementAndGet()));
            String what = IDENTITY.get(case_.get() % IDENTITY.size());
            List<String> expected = identityBroken(dir, what, m);
            Run r = run("check", dir.toString(), "--from", "10.10.9.4", "--to", "10.10.1.100:80");
            assertThat(r.exit()).as("%s: %s", what, r.err()).isEqualTo(Main.BAD_INPUT);
            assertThat(r.err()).as(what).contains(expected).doesNotContain("internal error");
            assertThat(r.out()).isEmpty();
            refused.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    assertThat(refused.keySet()).as("%s", refused).containsExactlyInAnyOrderElementsOf(IDENTITY);
    assertThat(refused.values()).as("%s", refused).allSatisfy(n -> assertThat(n.get()).isGreaterThanOrEqualTo(3));
  }

  /** Breaks {@code what} in the scenario at {@code dir}; returns what its message must name. */
  private static List<String> identityBroken(Path dir, String what, Mutation m) throws IOException {
    Path k8s = dir.resolve("k8s/cluster.yaml");
    JsonNode doc = YAML.readTree(Files.readString(k8s));
    List<com.fasterxml.jackson.databind.node.ObjectNode> nodes = HostileMutations.nodes(doc);
    HostileMutations.Choices c = new HostileMutations.Choices(m.choices());
    switch (what) {
      case "duplicate-key": {
        List<Path> fs = files(dir);
        Path f = fs.get(m.file() % fs.size());
        boolean json = f.toString().endsWith(".json");
        HostileMutations.Duplicated d = HostileMutations.duplicateKey((json ? JSON : YAML).readTree(
            Files.readString(f)), m.choices());
        Files.writeString(f, d.text());
        return List.of(f.toString(), "duplicate key '" + d.key() + "'", "again on line " + d.secondLine());
      }
      case "duplicate-object": {
        List<JsonNode> named = new ArrayList<>();
        doc.path("items").forEach(i -> {
          if (!i.path("metadata").path("name").asText().isEmpty()
              && !List.of("Namespace", "Node").contains(i.path("kind").asText())) {
            named.add(i);
          }
        });
        com.fasterxml.jackson.databind.node.ObjectNode copy =
            (com.fasterxml.jackson.databind.node.ObjectNode) named.get(c.below(named.size())).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy.with("metadata")).with("labels")
            .put("robustness.aksreach.io/copy", "a second definition");
        Files.writeString(dir.resolve("k8s/zz-again.json"), JSON.writeValueAsString(copy));
        String ns = copy.path("metadata").path("namespace").asText("default");
        return List.of("zz-again.json", "cluster.yaml", copy.path("kind").asText() + " " + ns + "/"
            + copy.path("metadata").path("name").asText());
      }
      case "address-claimed-twice": {
        int a = c.below(nodes.size());
        int b = (a + 1 + c.below(nodes.size() - 1)) % nodes.size();
        String ip = HostileMutations.address(nodes.get(a), "InternalIP");
        for (JsonNode e : nodes.get(b).path("status").path("addresses")) {
          if (e.path("type").asText().equals("InternalIP")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) e).put("address", ip);
          }
        }
        Files.writeString(k8s, YAML.writeValueAsString(doc));
        return List.of(k8s.toString(), "claims address " + ip, nodes.get(a).path("metadata").path("name").asText(),
            nodes.get(b).path("metadata").path("name").asText());
      }
      default: {
        com.fasterxml.jackson.databind.node.ObjectNode n = nodes.get(c.below(nodes.size()));
        HostileMutations.breakAddresses(n, c.below(HostileMutations.ADDRESS_BREAKS));
        Files.writeString(k8s, YAML.writeValueAsString(doc));
        return List.of(k8s.toString(), "status.addresses", "Node " + n.path("metadata").path("name").asText());
      }
    }
  }

  /** Ways out of the scenario directory through a symbolic link. */
  private static final List<String> LINKS = List.of("file-replaced", "file-added", "folder-replaced");

  /**
   * A file (or a whole {@code azure/}) linked to somewhere outside the scenario is refused as bad input, naming the
   * link; the target's content is never shown, not even in part.
   */
  @Test
  void linksOutOfTheScenarioAreRefusedAndTheirTargetNeverShown() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    String secret = "SECRET-TOKEN-5ce7a210";
    Path target = Files.writeString(outside.resolve("credentials.yaml"), "apiVersion: v1\nkind: Secret\n"
        + "metadata: {name: " + secret + "}\ndata: {token: " + secret + "}\n");
    AtomicInteger case_ = new AtomicInteger();
    java.util.Map<String, AtomicInteger> refused = new java.util.TreeMap<>();
    qt().withFixedSeed(SEED + 6).withExamples(3 * LINKS.size()).withShrinkCycles(0).forAll(mutations())
        .checkAssert(m -> {
          try {
            Path dir = copy(ScenarioCorpusTest.root().resolve(m.scenario()), tmp.resolve("link-"
                + case_.incrementAndGet()));
            String how = LINKS.get(case_.get() % LINKS.size());
            String named;
            if (how.equals("folder-replaced")) {
              Path away = copy(dir.resolve("azure"), outside.resolve("azure-" + case_.get()));
              Files.writeString(away.resolve("nsgs.json"), "[{\"name\": \"" + secret + "\"}]");
              delete(dir.resolve("azure"));
              Files.createSymbolicLink(dir.resolve("azure"), away);
              named = dir.resolve("azure").toString();
            } else {
              List<Path> fs = files(dir);
              Path f = how.equals("file-added") ? dir.resolve("k8s/zz-secret.yaml") : fs.get(m.file() % fs.size());
              Files.deleteIfExists(f);
              Files.createSymbolicLink(f, target);
              named = f.toString();
            }
            for (Run r : List.of(run("health", dir.toString()), run("lint", dir.toString()))) {
              assertThat(r.exit()).as("%s: %s", how, r.err()).isEqualTo(Main.BAD_INPUT);
              assertThat(r.err()).contains(named).contains("symbolic link to a file outside the scenario directory")
                  .doesNotContain("SECRET").doesNotContain("TOKEN");
              assertThat(r.out()).doesNotContain("SECRET");
            }
            refused.computeIfAbsent(how, k -> new AtomicInteger()).incrementAndGet();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    assertThat(refused.keySet()).as("%s", refused).containsExactlyInAnyOrderElementsOf(LINKS);
    assertThat(refused.values()).as("%s", refused).allSatisfy(n -> assertThat(n.get()).isGreaterThanOrEqualTo(2));
  }

  /** Directories that hold no dump: nothing, only scenario.yaml, other folders, empty or objectless k8s/ and azure/. */
  private static final List<String> NOT_SCENARIOS = List.of("empty", "only-scenario-yaml", "other-folders",
      "empty-folders", "no-object");

  /** A directory with no recognisable dump is bad input (exit 2) saying what a scenario holds, for every command. */
  @Test
  void directoriesWithoutADumpAreBadInputForEveryCommand() {
    AtomicInteger case_ = new AtomicInteger();
    java.util.Map<String, AtomicInteger> refused = new java.util.TreeMap<>();
    qt().withFixedSeed(SEED + 7).withExamples(3 * NOT_SCENARIOS.size()).withShrinkCycles(0).forAll(mutations())
        .checkAssert(m -> {
          try {
            Path src = ScenarioCorpusTest.root().resolve(m.scenario());
            Path dir = Files.createDirectories(tmp.resolve("none-" + case_.incrementAndGet()));
            String how = NOT_SCENARIOS.get(case_.get() % NOT_SCENARIOS.size());
            switch (how) {
              case "empty":
                break;
              case "only-scenario-yaml":
                Files.copy(src.resolve("scenario.yaml"), dir.resolve("scenario.yaml"));
                break;
              case "other-folders":
                copy(src.resolve("k8s"), dir.resolve("kube"));
                copy(src.resolve("azure"), dir.resolve("az"));
                break;
              case "empty-folders":
                Files.createDirectories(dir.resolve("k8s"));
                Files.createDirectories(dir.resolve("azure"));
                break;
              default:
                Files.writeString(Files.createDirectories(dir.resolve("k8s")).resolve("README.txt"), "dumps go here");
                Files.writeString(dir.resolve("k8s/empty.yaml"), "# nothing yet\n");
            }
            String d = dir.toString();
            for (Run r : List.of(run("health", d), run("lint", d), run("check", d, "--from", "10.10.9.4", "--to",
                "10.10.1.100:80"), run("reach", d, "--to", "10.10.1.100:80"), run("diff", d, d))) {
              assertThat(r.exit()).as("%s: %s", how, r.err()).isEqualTo(Main.BAD_INPUT);
              assertThat(r.err()).contains(d + ": not a scenario: expected k8s/").doesNotContain("internal error");
              assertThat(r.out()).isEmpty();
            }
            refused.computeIfAbsent(how, k -> new AtomicInteger()).incrementAndGet();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    assertThat(refused.keySet()).as("%s", refused).containsExactlyInAnyOrderElementsOf(NOT_SCENARIOS);
    assertThat(refused.values()).as("%s", refused).allSatisfy(n -> assertThat(n.get()).isGreaterThanOrEqualTo(2));
  }

  @Test
  void mutatedFlowLogsAreExplainedOrReportedNamingTheFile() throws Exception {
    Path lab = ScenarioCorpusTest.root().resolve("../flowlogs").normalize();
    List<Path> logs = List.of(lab.resolve("lab-step4-nsg-user.json"), lab.resolve("lab-step4-vnet.json"));
    String step4 = io.github.aksreach.examples.lab.LabScenarios.directory("step4-cluster-nsgs-nodes").toString();
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    AtomicInteger case_ = new AtomicInteger();
    qt().withFixedSeed(SEED + 1).withExamples(EXAMPLES).withShrinkCycles(0).forAll(mutations()).checkAssert(m -> {
      try {
        Path src = logs.get(m.file() % logs.size());
        JsonNode doc = JSON.readTree(Files.readString(src));
        mutate(doc, m.choices());
        Path f = tmp.resolve("log-" + case_.incrementAndGet() + ".json");
        Files.writeString(f, JSON.writeValueAsString(doc));
        assertAnsweredOrBadInput(run("explain", step4, "--flow-log", f.toString()), f.toString(), answered,
            rejected);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    assertThat(answered.get()).as("logs explained").isGreaterThanOrEqualTo(3);
    assertThat(rejected.get()).as("logs rejected as bad input").isGreaterThanOrEqualTo(10);
  }
}
