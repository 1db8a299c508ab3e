package io.github.aksreach.examples.cli;

import io.github.aksreach.k8s.cluster.L7;
import io.github.aksreach.core.model.Destination;
import io.github.aksreach.core.check.Check;
import io.github.aksreach.core.check.Severity;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.solver.SolveOptions;
import io.github.aksreach.examples.lab.Lab;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.aks.FlowLogExplanation;
import io.github.aksreach.k8s.aks.FlowLogs;
import io.github.aksreach.k8s.aks.HealthReport;
import io.github.aksreach.k8s.aks.ScenarioDiff;
import io.github.aksreach.k8s.analysis.CheckReport;
import io.github.aksreach.k8s.analysis.ReachReport;
import io.github.aksreach.k8s.checks.AksChecks;
import io.github.aksreach.k8s.checks.CheckContext;
import io.github.aksreach.k8s.checks.LintReport;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code aksreach} command line (CONTRACTS.md section 2).
 *
 * <pre>{@code
 * java -jar examples/target/aksreach.jar lab --step 4
 * java -jar examples/target/aksreach.jar check my-dump --from 192.168.1.4 --to 192.168.0.22:80 \
 *     --host demoapi.eyskens.corp --path /weatherforecast --format json
 * }</pre>
 *
 * <p>Exit codes: 0 the command ran (whatever the verdict); 1 {@code lint} found something at or above
 * {@code --fail-on}; 2 bad input or usage, one line per problem on stderr, each naming the file and path, no stack
 * trace unless {@code --debug}.
 */
@Command(name = "aksreach", mixinStandardHelpOptions = true, version = "aksreach 0.1.0",
    description = "Exact, explained end-to-end reachability for AKS.",
    subcommands = {Main.LabCommand.class, Main.CheckCommand.class, Main.ReachCommand.class,
        Main.HealthCommand.class, Main.LintCommand.class, Main.ExplainCommand.class, Main.DiffCommand.class})
public final class Main implements Callable<Integer> {
  /** Exit code for bad input or usage. */
  public static final int BAD_INPUT = 2;
  /** Exit code of {@code lint} when a finding is at or above {@code --fail-on}. */
  public static final int FINDINGS = 1;

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return 0;
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(e -> e instanceof BadInput ? BAD_INPUT : 1);
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println(ex.getMessage());
      return BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      boolean debug = List.of(args).contains("--debug");
      if (ex instanceof BadInput) {
        for (String line : ((BadInput) ex).lines) {
          err.println(line);
        }
        return BAD_INPUT;
      }
      err.println("aksreach: internal error: " + ex);
      if (debug) {
        ex.printStackTrace(err);
      }
      return 1;
    });
    return cl.execute(args);
  }

  /** Bad user input: every line names a file and a path, or the argument. */
  static final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final List<String> lines;

    BadInput(List<String> lines) {
      super(String.join("; ", lines));
      this.lines = lines;
    }

    static BadInput of(Seq<ModelError> errors) {
      return new BadInput(errors.map(ModelError::toString).asJava());
    }

    static BadInput of(String line) {
      return new BadInput(List.of(line));
    }
  }

  enum Format { text, json }

  abstract static class Base {
    @Option(names = "--format", defaultValue = "text", description = "text or json")
    Format format;

    @Option(names = "--debug", description = "print stack traces of internal errors")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    PrintWriter out() {
      return spec.commandLine().getOut();
    }
  }

  abstract static class ScenarioBase extends Base {
    @Parameters(index = "0", paramLabel = "<scenario>", description = "scenario directory (k8s/, azure/, scenario.yaml)")
    Path scenario;

    @Option(names = "--transient", description = "evaluate with every load-balancer backend UP (before probes catch up)")
    boolean transientHealth;

    AksReachability load() {
      AksOptions o = AksOptions.defaults().withTransientHealth(transientHealth);
      Validation<Seq<ModelError>, AksReachability> a = AksReachability.load(scenario, o);
      if (a.isInvalid()) {
        throw BadInput.of(a.getError().map(e -> e.file().isEmpty() || Path.of(e.file()).isAbsolute() ? e
            : e.at(scenario.resolve(e.file()).toString(), e.path())));
      }
      return a.get();
    }
  }

  /** {@code <ip>:<port>[/tcp|/udp|/sctp]} of option {@code option}, by the one parser ({@link Destination#parse}). */
  static Destination parseDestination(String text, String option) {
    Validation<ModelError, Destination> d = Destination.parse(text);
    if (d.isInvalid()) {
      throw BadInput.of(option + " " + text + ": " + d.getError().message());
    }
    return d.get();
  }

  @Command(name = "lab", description = "Run the article's lab (bundled) and print each observation.")
  static final class LabCommand extends Base implements Callable<Integer> {
    @Option(names = "--mode", description = "cluster (steps 1-5) or local (steps 6-7)")
    String mode;

    @Option(names = "--step", description = "one step, 1 to 7")
    Integer step;

    @Override
    public Integer call() {
      List<Lab.Observation> obs;
      if (step != null) {
        if (step < 1 || step > 7) {
          throw BadInput.of("--step " + step + ": the lab has steps 1 to 7");
        }
        obs = List.of(Lab.observe(step));
      } else if (mode != null) {
        if (!mode.equals("cluster") && !mode.equals("local")) {
          throw BadInput.of("--mode " + mode + ": expected cluster or local");
        }
        obs = Lab.mode(mode);
      } else {
        obs = Lab.all();
      }
      if (format == Format.json) {
        out().println(Lab.toJson(obs));
      } else {
        out().println("The article's lab: " + Lab.CLIENT_FLOW + "\n");
        for (Lab.Observation o : obs) {
          out().println(o.toText());
        }
        long ok = obs.stream().filter(Lab.Observation::reproduced).count();
        out().println(ok + " of " + obs.size() + " observations reproduced from configuration alone.");
      }
      return 0;
    }
  }

  /** The destination and HTTP options {@code check} and {@code reach} share. */
  abstract static class DestinationBase extends ScenarioBase {
    @Option(names = "--to", required = true, description = "<ip>:<port>[/tcp|/udp]")
    String to;

    @Option(names = "--host", description = "HTTP Host: follow the request through the ingress controller")
    String host;

    @Option(names = "--path", description = "HTTP path (default / when --host is given)")
    String path;

    Destination destination() {
      return parseDestination(to, "--to");
    }

    /** The request path, when the question is an HTTP one ({@code --host} or {@code --path} given). */
    Optional<String> httpPath() {
      return Optional.ofNullable(path).or(() -> host == null ? Optional.empty() : Optional.of("/"));
    }
  }

  @Command(name = "check", description = "Can this flow reach? Verdict, delivered fraction and every path.")
  static final class CheckCommand extends DestinationBase implements Callable<Integer> {
    @Option(names = "--from", required = true, description = "<ip>[:<port>]")
    String from;

    @Option(names = "--explain", description = "continue past every deny and list every blocker on each path")
    boolean explain;

    @Override
    public Integer call() {
      Validation<ModelError, Flow.Endpoint> src = Flow.endpoint(from);
      if (src.isInvalid()) {
        throw BadInput.of("--from " + from + ": " + src.getError().message());
      }
      Destination dst = destination();
      int srcPort = src.get().port() == 0 ? 50000 : src.get().port();
      Flow f = Flow.of(dst.protocol(), src.get().address(), srcPort, dst.address(), dst.port());
      if (httpPath().isPresent()) {
        f = f.withHttp(host, httpPath().get());
      }
      AksReachability a = load();
      CheckReport r = a.check(f, explain ? SolveOptions.explaining() : SolveOptions.defaults());
      out().println(format == Format.json ? r.toJson() : r.toText());
      return 0;
    }
  }

  @Command(name = "reach", description = "Who can reach this destination: source sets ALWAYS, SOMETIMES, NEVER.")
  static final class ReachCommand extends DestinationBase implements Callable<Integer> {
    @Option(names = "--from", description = "source CIDR(s), comma-separated (default: every address of the family)")
    String from;

    @Override
    public Integer call() {
      Destination dst = destination();
      IpFamily family = dst.address().family();
      IpSet sources = IpSet.all(family);
      if (from != null) {
        Validation<ModelError, IpSet> s = IpSet.parse(from);
        if (s.isInvalid()) {
          throw BadInput.of("--from " + from + ": " + s.getError().message());
        }
        sources = s.get();
      }
      AksReachability a = load();
      ReachReport r = a.reach(dst, httpPath().isPresent() ? L7.http(host, httpPath().get()) : L7.none(), sources);
      out().println(format == Format.json ? r.toJson() : r.toText());
      return 0;
    }
  }

  @Command(name = "health", description = "Every load-balancer backend: UP, DOWN or FLAPPING, with probe and reason.")
  static final class HealthCommand extends ScenarioBase implements Callable<Integer> {
    @Override
    public Integer call() {
      HealthReport h = load().health();
      out().println(format == Format.json ? h.toJson() : h.toText());
      return 0;
    }
  }

  @Command(name = "explain", description = "Explain each tuple of an NSG or VNet flow log: the model's paths on "
      + "which the logging NSG saw that header, and whether they decide as logged.")
  static final class ExplainCommand extends ScenarioBase implements Callable<Integer> {
    @Option(names = "--flow-log", required = true, description = "flow-log blob (JSON) or one tuple per line")
    Path flowLog;

    @Override
    public Integer call() {
      Validation<Seq<ModelError>, List<FlowLogs.Entry>> log = FlowLogs.load(flowLog);
      if (log.isInvalid()) {
        throw BadInput.of(log.getError());
      }
      List<FlowLogExplanation> es = FlowLogExplanation.explainAll(load(), log.get());
      out().println(format == Format.json ? FlowLogExplanation.toJson(es) : FlowLogExplanation.toText(es));
      return 0;
    }
  }

  @Command(name = "diff", description = "What changes from one scenario to another: the sources whose verdict "
      + "changes (every LB frontend, or --to) and every backend whose health changes.")
  static final class DiffCommand extends Base implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<scenario-a>", description = "the scenario before")
    Path a;

    @Parameters(index = "1", paramLabel = "<scenario-b>", description = "the scenario after")
    Path b;

    @Option(names = "--to", description = "<ip>:<port>[/tcp|/udp] (default: every load-balancer frontend of either)")
    String to;

    @Override
    public Integer call() {
      List<String> errors = new java.util.ArrayList<>();
      AksReachability before = load(a, errors);
      AksReachability after = load(b, errors);
      if (!errors.isEmpty()) {
        throw new BadInput(errors);
      }
      List<Destination> dsts;
      if (to != null) {
        dsts = List.of(parseDestination(to, "--to"));
      } else {
        dsts = ScenarioDiff.frontends(before, after);
      }
      ScenarioDiff d = ScenarioDiff.of(before, after, dsts);
      out().println(format == Format.json ? d.toJson(a.toString(), b.toString())
          : d.toText(a.toString(), b.toString()));
      return 0;
    }

    private static AksReachability load(Path dir, List<String> errors) {
      Validation<Seq<ModelError>, AksReachability> r = AksReachability.load(dir, AksOptions.defaults());
      if (r.isInvalid()) {
        r.getError().forEach(e -> errors.add((e.file().isEmpty() || Path.of(e.file()).isAbsolute() ? e
            : e.at(dir.resolve(e.file()).toString(), e.path())).toString()));
        return null;
      }
      return r.get();
    }
  }

  enum LintFormat { text, json, sarif }

  enum FailOn { info, warning, error }

  @Command(name = "lint", description = "Run the built-in checks: findings with evidence and fixes (text, JSON, SARIF).")
  static final class LintCommand implements Callable<Integer> {
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

    @Override
    public Integer call() {
      Validation<Seq<ModelError>, CheckContext> c = CheckContext.load(scenario);
      if (c.isInvalid()) {
        throw BadInput.of(c.getError().map(e -> e.file().isEmpty() || Path.of(e.file()).isAbsolute() ? e
            : e.at(scenario.resolve(e.file()).toString(), e.path())));
      }
      List<Check<CheckContext>> checks = AksChecks.all();
      if (only != null && !only.isEmpty()) {
        List<String> unknown = only.stream().filter(id -> AksChecks.byId(id).isEmpty()).collect(Collectors.toList());
        if (!unknown.isEmpty()) {
          throw BadInput.of("--check " + String.join(",", unknown) + ": no such check (see the ids in lint --help "
              + "output of a run, or AksChecks)");
        }
        checks = checks.stream().filter(x -> only.contains(x.id())).collect(Collectors.toList());
      }
      LintReport r = LintReport.run(c.get(), checks);
      PrintWriter out = spec.commandLine().getOut();
      switch (format) {
        case json:
          out.println(r.toJson());
          break;
        case sarif:
          out.println(r.toSarif(scenario.toString()));
          break;
        default:
          out.println(r.toText());
      }
      Severity threshold = Severity.valueOf(failOn.name().toUpperCase(Locale.ROOT));
      return r.findings(threshold).isEmpty() ? 0 : FINDINGS;
    }
  }
}
