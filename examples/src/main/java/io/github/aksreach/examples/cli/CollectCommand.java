package io.github.aksreach.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.SafeText;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aksreach collect}: writes the scenario directory of a live AKS cluster by running {@code az} and
 * {@code kubectl} ({@link Collector} says which commands), then loads it as every other command would.
 *
 * <pre>{@code
 * aksreach collect --resource-group rg-aks --name aks-lab --output snapshots/aks-lab
 * aksreach collect -g rg-aks -n aks-lab --subscription 0000-... --context aks-lab-admin -o snapshots/aks-lab
 * aksreach check snapshots/aks-lab --from 192.168.1.4 --to 192.168.0.22:80
 * }</pre>
 *
 * <p>Exit codes: {@code 0} the directory is written and loads; {@code 2} a tool is not on the {@code PATH}, a
 * required command failed (its command line, exit code and first stderr line on stderr), the output directory is
 * not new or empty, or the written scenario does not load (its errors on stderr). When the collection stops, the
 * output directory holds only {@code collect.json}, which records what ran and why it stopped.
 */
@Command(name = "collect", description = "Snapshot a live AKS cluster into a scenario directory: runs az and kubectl"
    + " (both on the PATH), writes azure/, k8s/ and collect.json (tool versions, every command, exit codes, times)."
    + " Optional kinds (service tags, Gateway API and Istio CRDs) that cannot be read are skipped and listed.")
final class CollectCommand implements Callable<Integer> {
  /** Environment entries the tools run with on top of this JVM's ({@code PATH} among them); tests set stubs here. */
  static volatile Map<String, String> environment = Map.of();
  /** The clock of {@code collect.json}'s times; tests fix it. */
  static volatile Clock clock = Clock.systemUTC();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = {"-g", "--resource-group"}, required = true, description = "the cluster's resource group")
  String resourceGroup;

  @Option(names = {"-n", "--name"}, required = true, description = "the cluster's name")
  String name;

  @Option(names = "--subscription", description = "subscription name or id (default: az's current one)")
  String subscription;

  @Option(names = "--context", description = "kubeconfig context of the cluster (default: kubectl's current one)")
  String context;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "<dir>",
      description = "the scenario directory to write: new, or empty")
  Path output;

  @Option(names = "--allow-context-mismatch",
      description = "collect even when the kubectl context's API server is not the cluster's (a proxy in between)")
  boolean allowContextMismatch;

  @Option(names = "--timeout", defaultValue = "600", paramLabel = "<seconds>",
      description = "stop a command that runs longer than this (default 600)")
  long timeoutSeconds;

  @Option(names = "--debug", description = "print stack traces of internal errors")
  boolean debug;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    for (String[] v : new String[][] {{"--resource-group", resourceGroup}, {"--name", name},
        {"--subscription", subscription}, {"--context", context}}) {
      if (v[1] != null && (v[1].isBlank() || !SafeText.escape(v[1]).equals(v[1]))) {
        throw Main.BadInput.of(v[0] + " '" + SafeText.value(v[1]) + "': empty, or holds control characters");
      }
    }
    if (timeoutSeconds < 1) {
      throw Main.BadInput.of("--timeout " + timeoutSeconds + ": give at least 1 second");
    }
    if (Files.exists(output) && !emptyDirectory(output)) {
      throw Main.BadInput.of("--output " + output + ": exists and is not an empty directory; give a new one");
    }
    PrintWriter out = spec.commandLine().getOut();
    Collector c = new Collector(ProcessRunner.system(environment, Duration.ofSeconds(timeoutSeconds)), clock,
        new Collector.Target(resourceGroup, name, Optional.ofNullable(subscription), Optional.ofNullable(context),
            allowContextMismatch), line -> {
              out.println(SafeText.message(line));
              out.flush();
            });
    try {
      c.collect();
    } catch (Collector.Stop e) {
      c.finish(false);
      write(output.resolve("collect.json"), pretty(c));
      throw new Main.BadInput(List.of("aksreach collect: " + e.getMessage(), "aksreach collect: stopped; "
          + output.resolve("collect.json") + " records what ran (no scenario files were written)"));
    }
    for (Collector.OutFile f : c.files()) {
      write(output.resolve(f.path()), f.content());
    }
    c.finish(true);
    Validation<Seq<ModelError>, AksReachability> loaded = AksReachability.load(output, AksOptions.defaults());
    ArrayNode errors = c.record().putObject("load").put("loads", loaded.isValid()).putArray("errors");
    if (loaded.isInvalid()) {
      loaded.getError().forEach(e -> errors.add(e.toString()));
    }
    write(output.resolve("collect.json"), pretty(c));
    long azure = c.files().stream().filter(f -> f.path().startsWith("azure/")).count();
    out.println("wrote " + output + ": " + azure + " azure/ and " + (c.files().size() - azure) + " k8s/ files, "
        + c.record().get("commands").size() + " commands, " + c.record().get("skipped").size() + " skipped"
        + " (collect.json lists them)");
    if (loaded.isInvalid()) {
      throw new Main.BadInput(loaded.getError().map(e -> e.file().isEmpty() || Path.of(e.file()).isAbsolute() ? e
          : e.at(output.resolve(e.file()).toString(), e.path())).map(ModelError::toString).append(
              "aksreach collect: the collected scenario does not load (the files are kept, collect.json lists the "
                  + "errors)").asJava());
    }
    out.println("next: aksreach lint " + output);
    return 0;
  }

  private static boolean emptyDirectory(Path p) {
    if (!Files.isDirectory(p)) {
      return false;
    }
    try (Stream<Path> s = Files.list(p)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static String pretty(Collector c) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(c.record()) + "\n";
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Main.BadInput.of(file + ": cannot write: " + e.getMessage());
    }
  }
}
