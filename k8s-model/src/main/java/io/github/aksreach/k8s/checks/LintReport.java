package io.github.aksreach.k8s.checks;

import io.github.aksreach.core.check.Check;
import io.github.aksreach.core.check.CheckResult;
import io.github.aksreach.core.check.Finding;
import io.github.aksreach.core.check.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The result of running a set of checks on one scenario ({@code aksreach lint}); {@code k8s.output.LintOutput}
 * renders it as text, the JSON of CONTRACTS.md or SARIF 2.1.0.
 *
 * <pre>{@code
 * LintReport r = LintReport.run(ctx, AksChecks.all());
 * r.findings(Severity.WARNING);   // what --fail-on warning fails on
 * LintOutput.sarif(r, "dumps/prod");   // artifact URIs relative to the repository: dumps/prod/k8s/services.yaml
 * }</pre>
 *
 * @param scenario the scenario's name
 * @param hasScenarioYaml whether the scenario has a {@code scenario.yaml} (SARIF locates unplaced findings there)
 * @param checks the checks that ran, in order
 * @param results their results, in the same order
 */
public record LintReport(String scenario, boolean hasScenarioYaml, List<Check<CheckContext>> checks,
                         List<CheckResult> results) {
  public LintReport {
    checks = List.copyOf(checks);
    results = List.copyOf(results);
  }

  public static LintReport run(CheckContext ctx, List<Check<CheckContext>> checks) {
    return run(ctx, checks, (c, i) -> { });
  }

  /**
   * {@link #run(CheckContext, List)}, telling {@code before} about each check (and its index, from 0) before it runs:
   * a command's progress line.
   */
  public static LintReport run(CheckContext ctx, List<Check<CheckContext>> checks,
                               java.util.function.ObjIntConsumer<Check<CheckContext>> before) {
    List<CheckResult> rs = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      before.accept(checks.get(i), i);
      rs.add(checks.get(i).evaluate(ctx));
    }
    return new LintReport(ctx.scenario().name(), hasScenarioYaml(ctx.directory()), checks, rs);
  }

  /** Every finding, worst first, then in catalog order. */
  public List<Finding> findings() {
    List<Finding> out = new ArrayList<>();
    results.forEach(r -> out.addAll(r.findings()));
    out.sort(Comparator.comparing((Finding f) -> f.severity()).reversed());
    return out;
  }

  public List<Finding> findings(Severity atLeast) {
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings()) {
      if (f.severity().isAtLeast(atLeast)) {
        out.add(f);
      }
    }
    return out;
  }

  /** Whether a scenario directory holds {@code scenario.yaml}. */
  public static boolean hasScenarioYaml(Optional<Path> dir) {
    return dir.map(d -> Files.isRegularFile(d.resolve("scenario.yaml"))).orElse(false);
  }
}
