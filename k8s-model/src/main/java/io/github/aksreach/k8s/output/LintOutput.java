package io.github.aksreach.k8s.output;

import io.github.aksreach.core.check.Check;
import io.github.aksreach.core.check.Finding;
import io.github.aksreach.core.check.Location;
import io.github.aksreach.core.check.Severity;
import io.github.aksreach.k8s.checks.CheckContext;
import io.github.aksreach.k8s.checks.LintReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The three renderings of a {@link LintReport} ({@code aksreach lint}): text, the JSON of CONTRACTS.md
 * ({@code {"findings": [{"id", "severity", "message", "evidence", "fix"}]}}) and SARIF 2.1.0 for code scanning (one
 * rule per check, one result per finding, located in the input file and line where known).
 *
 * <pre>{@code
 * LintReport r = LintReport.run(ctx, AksChecks.all());
 * System.out.print(LintOutput.text(r));
 * LintOutput.sarif(r, "dumps/prod");   // artifact URIs relative to the repository: dumps/prod/k8s/services.yaml
 * }</pre>
 */
public final class LintOutput {
  /** The tool name in SARIF. */
  public static final String TOOL = "aksreach";
  /** The tool version in SARIF. */
  public static final String VERSION = "0.1.0";

  private LintOutput() {}

  // ---------------------------------------------------------------- text

  /** The counts per severity, then every finding, worst first, with its location, evidence and fix. */
  public static String text(LintReport r) {
    StringBuilder sb = new StringBuilder("aksreach lint " + r.scenario() + ": ");
    List<Finding> fs = r.findings();
    long e = fs.stream().filter(f -> f.severity() == Severity.ERROR).count();
    long w = fs.stream().filter(f -> f.severity() == Severity.WARNING).count();
    long i = fs.size() - e - w;
    sb.append(e).append(" error(s), ").append(w).append(" warning(s), ").append(i).append(" info, from ")
        .append(r.checks().size()).append(" checks\n");
    for (Finding f : fs) {
      sb.append('\n').append(f.severity()).append(' ').append(f.checkId());
      f.location().ifPresent(l -> sb.append("  ").append(l));
      sb.append("\n  ").append(f.message()).append('\n');
      if (!f.evidence().text().isEmpty()) {
        sb.append("  evidence:\n    ").append(f.evidence().text().replace("\n", "\n    ")).append('\n');
      }
      if (!f.fix().isEmpty()) {
        sb.append("  fix: ").append(f.fix()).append('\n');
      }
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- JSON (CONTRACTS.md)

  /** The JSON of CONTRACTS.md: {@code {"findings": [{"id", "severity", "message", "evidence", "fix"}]}}. */
  public static Map<String, Object> tree(LintReport r) {
    List<Object> items = new ArrayList<>();
    for (Finding f : r.findings()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", f.checkId());
      m.put("severity", f.severity().label());
      m.put("message", f.message());
      m.put("evidence", f.evidence().text());
      m.put("fix", f.fix());
      items.add(m);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("findings", items);
    return root;
  }

  /** {@link #tree} as pretty JSON. */
  public static String json(LintReport r) {
    return Json.write(tree(r));
  }

  // ---------------------------------------------------------------- SARIF 2.1.0

  private static String level(Severity s) {
    return s == Severity.ERROR ? "error" : s == Severity.WARNING ? "warning" : "note";
  }

  /**
   * SARIF 2.1.0. {@code scenarioDir} is the scenario directory as the user named it: when relative, artifact URIs are
   * {@code <scenarioDir>/<file>} (relative to the repository root, as GitHub code scanning resolves them); when
   * absolute, URIs are relative to the {@code SCENARIO} base given in {@code originalUriBaseIds}.
   */
  public static Map<String, Object> sarifTree(LintReport report, String scenarioDir) {
    Path dir = Path.of(scenarioDir.isEmpty() ? "." : scenarioDir);
    boolean absolute = dir.isAbsolute();
    String prefix = absolute ? "" : dir.normalize().toString().replace('\\', '/');
    if (prefix.equals(".") || prefix.isEmpty()) {
      prefix = "";
    } else {
      prefix = prefix + "/";
    }
    List<Object> rules = new ArrayList<>();
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    for (Check<CheckContext> c : report.checks()) {
      if (ruleIndex.containsKey(c.id())) {
        continue;
      }
      ruleIndex.put(c.id(), rules.size());
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", c.id());
      r.put("name", camel(c.id()));
      r.put("shortDescription", Map.of("text", c.description()));
      r.put("fullDescription", Map.of("text", c.description()));
      r.put("defaultConfiguration", Map.of("level", level(c.severity())));
      r.put("help", Map.of("text", c.description() + " (aksreach check " + c.id() + ")"));
      r.put("properties", Map.of("tags", List.of("aks", "network", "security")));
      rules.add(r);
    }
    List<Object> results = new ArrayList<>();
    for (Finding f : report.findings()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("ruleId", f.checkId());
      Integer idx = ruleIndex.get(f.checkId());
      if (idx != null) {
        r.put("ruleIndex", idx);
      }
      r.put("level", level(f.severity()));
      StringBuilder text = new StringBuilder(f.message());
      if (!f.evidence().text().isEmpty()) {
        text.append("\n\nEvidence:\n").append(f.evidence().text());
      }
      if (!f.fix().isEmpty()) {
        text.append("\n\nFix: ").append(f.fix());
      }
      r.put("message", Map.of("text", text.toString()));
      Optional<Location> loc = f.location();
      if (loc.isEmpty() && report.hasScenarioYaml()) {
        loc = Optional.of(Location.of("scenario.yaml").atLine(1));
      }
      if (loc.isPresent()) {
        Map<String, Object> artifact = new LinkedHashMap<>();
        artifact.put("uri", prefix + loc.get().file());
        if (absolute) {
          artifact.put("uriBaseId", "SCENARIO");
        }
        Map<String, Object> physical = new LinkedHashMap<>();
        physical.put("artifactLocation", artifact);
        physical.put("region", Map.of("startLine", loc.get().line().orElse(1)));
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("physicalLocation", physical);
        if (!loc.get().path().isEmpty()) {
          Map<String, Object> logical = new LinkedHashMap<>();   // Map.of would iterate in a per-JVM order
          logical.put("fullyQualifiedName", loc.get().path());
          logical.put("kind", "object");
          l.put("logicalLocations", List.of(logical));
        }
        r.put("locations", List.of(l));
      }
      results.add(r);
    }
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("name", TOOL);
    driver.put("version", VERSION);
    driver.put("semanticVersion", VERSION);
    driver.put("rules", rules);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", Map.of("driver", driver));
    if (absolute) {
      String uri = dir.normalize().toUri().toString();
      run.put("originalUriBaseIds", Map.of("SCENARIO", Map.of("uri", uri.endsWith("/") ? uri : uri + "/")));
    }
    run.put("results", results);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    root.put("runs", List.of(run));
    return root;
  }

  /** {@link #sarifTree} as pretty JSON. */
  public static String sarif(LintReport r, String scenarioDir) {
    return Json.write(sarifTree(r, scenarioDir));
  }

  private static String camel(String id) {
    StringBuilder sb = new StringBuilder();
    boolean up = true;
    for (char c : id.toCharArray()) {
      if (c == '-' || c == '/' || c == '_') {
        up = true;
      } else {
        sb.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return sb.toString();
  }
}
