package io.github.aksreach.examples.cli;

import io.github.aksreach.core.check.Check;
import io.github.aksreach.core.check.Severity;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.checks.AksChecks;
import io.github.aksreach.k8s.checks.CheckContext;
import io.github.aksreach.k8s.checks.LintReport;
import io.github.aksreach.k8s.output.LintOutput;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aksreach lint}: the built-in catalog (or some of its checks) on one scenario. */
@Command(name = "lint", description = "Run the built-in checks: findings with evidence and fixes (text, JSON, SARIF).")
final class LintCommand implements Callable<Integer> {
  enum LintFormat { text, json, sarif }

  enum FailOn { info, warning, error }

  @Parameters(index = "0", paramLabel = "<scenario>", description = "scenario directory (k8s/, azure/, scenario.yaml)")
  Path scenario;

  @Option(names = "--format", defaultValue = "text", description = "text, json or sarif")
  LintFormat format;

  @Option(names = "--fail-on", defaultValue = "error",
      description = "exit 1 when a finding is at or above this severity: info, warning or error (default error)")
  FailOn failOn;

  @Option(names = "--check", split = ",", description = "run only these check ids (comma-separated)")
  List<String> only;

  @Option(names = "--debug", description = "print stack traces of internal errors")
  boolean debug;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--skip-invalid", description = "load what is valid and list what was left out (as notes)")
  boolean skipInvalid;

  @Override
  public Integer call() {
    Progress progress = Progress.forStderr(spec.commandLine().getErr());
    progress.phase("loading " + scenario);
    Validation<Seq<ModelError>, CheckContext> c = CheckContext.load(scenario, AksOptions.defaults(),
        InventoryCommand.loadOptions(skipInvalid));
    progress.done();
    if (c.isInvalid()) {
      throw Main.BadInput.of(c.getError().map(e -> e.file().isEmpty() || Path.of(e.file()).isAbsolute() ? e
          : e.at(scenario.resolve(e.file()).toString(), e.path())));
    }
    InventoryCommand.printNotes(spec.commandLine().getErr(), scenario, c.get().scenario().notes());
    List<Check<CheckContext>> checks = AksChecks.all();
    if (only != null && !only.isEmpty()) {
      List<String> unknown = only.stream().filter(id -> AksChecks.byId(id).isEmpty()).collect(Collectors.toList());
      if (!unknown.isEmpty()) {
        throw Main.BadInput.of("--check " + String.join(",", unknown) + ": no such check (see the ids in lint --help "
            + "output of a run, or AksChecks)");
      }
      checks = checks.stream().filter(x -> only.contains(x.id())).collect(Collectors.toList());
    }
    progress.phase("lint");
    int total = checks.size();
    LintReport r = LintReport.run(c.get(), checks, (x, i) -> progress.step("check " + x.id() + ",", i + 1, total));
    progress.done();
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case json:
        out.println(LintOutput.json(r));
        break;
      case sarif:
        out.println(LintOutput.sarif(r, scenario.toString()));
        break;
      default:
        out.println(LintOutput.text(r));
    }
    Severity threshold = Severity.valueOf(failOn.name().toUpperCase(Locale.ROOT));
    return r.findings(threshold).isEmpty() ? 0 : Main.FINDINGS;
  }
}
