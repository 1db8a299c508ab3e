package io.github.aksreach.examples.cli;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.SafeText;
import io.github.aksreach.k8s.cluster.ScenarioInventory;
import io.github.aksreach.k8s.cluster.LoadOptions;
import io.github.aksreach.k8s.output.InventoryOutput;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aksreach inventory}: what each file of a scenario holds, and every load note. */
@Command(name = "inventory", description = "What was read, file by file (objects per kind), and every note: "
    + "skipped, read leniently or left out. Exit 2 when the scenario is refused (the errors follow the counts).")
final class InventoryCommand extends Main.Base implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "<scenario>",
      description = "scenario directory (k8s/, azure/, scenario.yaml)")
  Path scenario;

  @Option(names = "--skip-invalid", description = "load what is valid and list what was left out (as notes)")
  boolean skipInvalid;

  @Override
  public Integer call() {
    if (!java.nio.file.Files.isDirectory(scenario)) {
      throw Main.BadInput.of(scenario + ": scenario directory does not exist or is not a directory");
    }
    ScenarioInventory inv = ScenarioInventory.of(scenario, loadOptions(skipInvalid));
    out().println(format == Main.Format.json ? InventoryOutput.json(inv) : InventoryOutput.text(inv));
    if (!inv.errors().isEmpty()) {
      throw Main.BadInput.of(io.vavr.collection.Vector.ofAll(inv.errors()).map(e -> under(scenario, e)));
    }
    return 0;
  }

  static LoadOptions loadOptions(boolean skipInvalid) {
    return skipInvalid ? LoadOptions.skippingInvalid() : LoadOptions.strict();
  }

  /** Every load note on stderr, one line each, naming file and path: nothing is skipped in silence. */
  static void printNotes(PrintWriter err, Path dir, List<ModelError> notes) {
    for (ModelError n : notes) {
      err.println(SafeText.message("note: " + under(dir, n)));
    }
    err.flush();
  }

  /** {@code e} with its file under {@code dir}, as every message of the command line names it. */
  static ModelError under(Path dir, ModelError e) {
    if (e.file().isEmpty()) {
      return e.at(dir.toString(), e.path());   // a note about the whole scenario names the scenario
    }
    return Path.of(e.file()).isAbsolute() ? e : e.at(dir.resolve(e.file()).toString(), e.path());
  }
}
