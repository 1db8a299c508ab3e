package io.github.aksreach.examples.cli;

import io.github.aksreach.k8s.cluster.HttpHeader;
import io.github.aksreach.k8s.cluster.L7;
import io.github.aksreach.core.model.Destination;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.input.ReadLimits;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.SafeText;
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
import io.github.aksreach.k8s.output.CheckOutput;
import io.github.aksreach.k8s.output.DiagramOutput;
import io.github.aksreach.k8s.migration.L7Diff;
import io.github.aksreach.k8s.output.DiffOutput;
import io.github.aksreach.k8s.output.Json;
import io.github.aksreach.k8s.output.L7DiffOutput;
import io.github.aksreach.k8s.output.FlowLogOutput;
import io.github.aksreach.k8s.output.HealthOutput;
import io.github.aksreach.k8s.output.ReachOutput;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
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
 * java -jar examples/target/aksreach.jar check my-dump --from 203.0.113.9 --to 20.50.60.70:80 \
 *     --host app.example.com --header 'X-Forwarded-For: 192.168.1.4'     # can a client spoof its way in?
 * }</pre>
 *
 * <p>Exit codes: 0 the command ran (whatever the verdict); 1 {@code lint} found something at or above
 * {@code --fail-on}; 2 bad input or usage, one line per problem on stderr, each naming the file and path, no stack
 * trace unless {@code --debug}. A usage error (unknown option or command, missing parameter) prints the problem,
 * "did you mean" suggestions for a mistyped command or option, and the command's usage, then exits 2.
 *
 * <p>Every command takes {@code --help} and {@code --version}; {@code aksreach help <command>} prints the usage of
 * {@code <command>}.
 */
@Command(name = "aksreach", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
    version = "aksreach 0.1.0",
    description = "Exact, explained end-to-end reachability for AKS.",
    subcommands = {Main.LabCommand.class, Main.CheckCommand.class, Main.ReachCommand.class,
        Main.HealthCommand.class, LintCommand.class, Main.ExplainCommand.class, Main.DiffCommand.class,
        InventoryCommand.class, CollectCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
  /** Exit code for bad input or usage. */
  public static final int BAD_INPUT = 2;
  /** Exit code of {@code lint} when a finding is at or above {@code --fail-on}. */
  public static final int FINDINGS = 1;
  /** The source port of {@code check --from <ip>} without a port. */
  static final int EPHEMERAL_PORT = 50000;

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return 0;
  }

  public static void main(String[] args) {
    System.exit(run(args, new Stdout(System.out), new PrintWriter(System.err, true)));
  }

  /**
   * Standard output as {@code main} gives it to the commands: a {@code PrintWriter} of the default charset that also
   * lets a command writing a great deal ({@code explain} over a large log) write the encoded bytes itself, after
   * flushing this writer.
   */
  static final class Stdout extends PrintWriter {
    final OutputStream stream;
    final Charset charset = Charset.defaultCharset();

    Stdout(OutputStream stream) {
      // what new PrintWriter(stream, true) is
      super(stream, true, Charset.defaultCharset());
      this.stream = stream;
    }
  }

  /** Runs the command line with the given streams; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    try {
      ReadLimits.defaults();
    } catch (IllegalArgumentException e) {
      err.println(SafeText.message(e.getMessage()));
      return BAD_INPUT;
    }
    try {
      return execute(args, out, err);
    } catch (OutOfMemoryError e) {
      err.println("aksreach: out of memory: the input is too large for this heap; give the JVM more (-Xmx) or lower"
          + " the read limits (-D" + ReadLimits.MAX_TOTAL_PROPERTY + "=<bytes>)");
      return BAD_INPUT;
    } catch (StackOverflowError e) {
      err.println("aksreach: the input nests too deeply to be read");
      return BAD_INPUT;
    }
  }

  private static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(e -> e instanceof BadInput ? BAD_INPUT : 1);
    cl.setParameterExceptionHandler((ex, a) -> usageError(ex, a, err));
    Batch.relaxRequiredOptions(cl, args);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      boolean debug = List.of(args).contains("--debug");
      if (ex instanceof BadInput) {
        for (String line : ((BadInput) ex).lines) {
          err.println(SafeText.message(line));
        }
        return BAD_INPUT;
      }
      err.println(SafeText.message("aksreach: internal error: " + ex));
      if (debug) {
        ex.printStackTrace(err);
      }
      return 1;
    });
    cl.setExecutionStrategy(parsed -> {
      // diagrams draw paths and source sets: only check and reach have them
      Object command = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1).getCommand();
      if (command instanceof Base b && b.format != null && b.format.diagram() && !(command instanceof DestinationBase)) {
        err.println("--format " + b.format + ": only check and reach draw diagrams; use text or json here");
        err.flush();
        return BAD_INPUT;
      }
      return new CommandLine.RunLast().execute(parsed);
    });
    return cl.execute(args);
  }

  /**
   * A usage error: the problem, then "did you mean" suggestions when an unknown command or option is close to a
   * known one, then the usage of the command it was given to.
   */
  private static int usageError(CommandLine.ParameterException ex, String[] args, PrintWriter err) {
    CommandLine cmd = ex.getCommandLine();
    if (ex instanceof CommandLine.MissingParameterException) {
      // picocli reports a missing required option before an unknown one: a mistyped "--too" shows up as "--to
      // missing", so name the unknown options (with suggestions) first
      List<String> unknown = unknownOptions(cmd, args);
      if (!unknown.isEmpty()) {
        CommandLine.UnmatchedArgumentException u = new CommandLine.UnmatchedArgumentException(cmd, unknown);
        err.println(SafeText.message(u.getMessage()));
        u.printSuggestions(err);
      }
    }
    err.println(SafeText.message(ex.getMessage()));
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    cmd.usage(err);
    return BAD_INPUT;
  }

  /** The arguments after {@code cmd}'s name that look like options {@code cmd} does not have. */
  private static List<String> unknownOptions(CommandLine cmd, String[] args) {
    List<String> out = new java.util.ArrayList<>();
    boolean after = cmd.getParent() == null;
    for (String a : args) {
      if (!after) {
        after = a.equals(cmd.getCommandName());
      } else if (a.startsWith("-") && a.length() > 1 && !a.equals("--")
          && cmd.getCommandSpec().findOption(a.split("=", 2)[0]) == null) {
        out.add(a);
      }
    }
    return out;
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

  enum Format {
    text, json, mermaid, dot;

    /** Whether this format draws a diagram (check and reach only). */
    boolean diagram() {
      return this == mermaid || this == dot;
    }
  }

  abstract static class Base {
    @Option(names = "--format", defaultValue = "text", description = "text or json (check and reach also draw "
        + "diagrams: mermaid or dot)")
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

    @Option(names = "--skip-invalid", description = "load what is valid and list what was left out (as notes)")
    boolean skipInvalid;

    /** The progress line of this command (silent unless stderr is a terminal). */
    Progress progress() {
      if (progress == null) {
        progress = Progress.forStderr(spec.commandLine().getErr());
      }
      return progress;
    }

    private Progress progress;

    AksReachability load() {
      AksOptions o = AksOptions.defaults().withTransientHealth(transientHealth);
      progress().phase("loading " + scenario);
      Validation<Seq<ModelError>, AksReachability> a = AksReachability.load(scenario, o,
          InventoryCommand.loadOptions(skipInvalid));
      progress().done();
      if (a.isInvalid()) {
        throw BadInput.of(a.getError().map(e -> e.file().isEmpty() || Path.of(e.file()).isAbsolute() ? e
            : e.at(scenario.resolve(e.file()).toString(), e.path())));
      }
      InventoryCommand.printNotes(spec.commandLine().getErr(), scenario, a.get().network().scenario().notes());
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

  /**
   * Port 0 is no port a flow can use (CONTRACTS.md section 2: {@code --from <ip>[:<port>]}, {@code --to
   * <ip>:<port>}): written out, it is refused rather than read as "no port".
   */
  static void refusePortZero(Flow.Endpoint e, String endpoint, String option, String text) {
    String t = endpoint.trim();
    int colon = t.lastIndexOf(':');
    boolean explicitPort = colon > 0 && (t.charAt(colon - 1) == ']' || t.indexOf(':') == colon);
    if (e.port() == 0 && explicitPort) {
      throw BadInput.of(option + " " + text + ": port 0 is not a port a flow can use: give 1-65535"
          + (option.equals("--from") ? ", or no port for an ephemeral one" : ""));
    }
  }

  @Command(name = "lab", description = "Run the article's lab (bundled) and print each observation.")
  static final class LabCommand extends Base implements Callable<Integer> {
    @Option(names = "--mode", description = "cluster (steps 1-5), local (steps 6-7) or gateway (steps 8-9: the lab "
        + "migrated to an Istio Gateway)")
    String mode;

    @Option(names = "--step", description = "one step, 1 to 9")
    Integer step;

    @Override
    public Integer call() {
      List<Lab.Observation> obs;
      if (step != null) {
        if (step < 1 || step > Lab.STEPS) {
          throw BadInput.of("--step " + step + ": the lab has steps 1 to " + Lab.STEPS);
        }
        obs = List.of(Lab.observe(step));
      } else if (mode != null) {
        if (!mode.equals("cluster") && !mode.equals("local") && !mode.equals("gateway")) {
          throw BadInput.of("--mode " + mode + ": expected cluster, local or gateway");
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

  /** The destination and HTTP options {@code check} and {@code reach} share, and their batch mode. */
  abstract static class DestinationBase extends ScenarioBase {
    @Option(names = "--to", required = true, description = "<ip>:<port>[/tcp|/udp]")
    String to;

    @CommandLine.Mixin
    Batch batch;

    /** This command's one question, answered on the scenario (loaded once its options are found valid). */
    abstract Batch.Answer answer(java.util.function.Supplier<AksReachability> scenario);

    @Option(names = "--host", description = "HTTP Host: follow the request through the ingress controller")
    String host;

    @Option(names = "--path", description = "HTTP path (default / when --host is given)")
    String path;

    @Option(names = "--header", paramLabel = "'Name: value'", description = "an HTTP request header the client "
        + "sends, repeatable (e.g. 'X-Forwarded-For: 1.2.3.4' for a spoofing question); makes the question an HTTP one")
    List<String> headers;

    Destination destination() {
      return parseDestination(to, "--to");
    }

    /** The request path, when the question is an HTTP one ({@code --host}, {@code --path} or a header given). */
    Optional<String> httpPath() {
      return Optional.ofNullable(path).or(() -> host == null && requestHeaders().isEmpty() ? Optional.empty()
          : Optional.of("/"));
    }

    /** The {@code --header}s; an X-Forwarded-For entry that is not an address is refused. */
    List<HttpHeader> requestHeaders() {
      List<HttpHeader> out = new java.util.ArrayList<>();
      for (String h : headers == null ? List.<String>of() : headers) {
        Validation<ModelError, HttpHeader> p = HttpHeader.parse(h);
        if (p.isInvalid()) {
          throw BadInput.of("--header " + h + ": " + p.getError().message());
        }
        if (p.get().is("X-Forwarded-For")) {
          for (String entry : p.get().value().split(",")) {
            Validation<ModelError, IpAddress> a = IpAddress.parse(entry.trim());
            if (a.isInvalid()) {
              throw BadInput.of("--header " + h + ": '" + entry.trim() + "' is not an IP address (X-Forwarded-For "
                  + "lists addresses, leftmost first)");
            }
          }
        }
        out.add(p.get());
      }
      return out;
    }

    /** The layer-7 request of the question. */
    L7 request() {
      return httpPath().isPresent() ? L7.http(host, httpPath().get()).withHeaders(requestHeaders()) : L7.none();
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
      return batch.run(this, CheckCommand::new);
    }

    @Override
    Batch.Answer answer(java.util.function.Supplier<AksReachability> scenario) {
      Validation<ModelError, Flow.Endpoint> src = Flow.endpoint(from);
      if (src.isInvalid()) {
        throw BadInput.of("--from " + from + ": " + src.getError().message());
      }
      refusePortZero(src.get(), from, "--from", from);
      Destination dst = destination();
      int srcPort = src.get().port() == 0 ? EPHEMERAL_PORT : src.get().port();
      Flow f = Flow.of(dst.protocol(), src.get().address(), srcPort, dst.address(), dst.port());
      if (httpPath().isPresent()) {
        f = f.withHttp(host, httpPath().get());
      }
      List<HttpHeader> hs = requestHeaders();
      AksReachability a = scenario.get();
      CheckReport r = a.check(f, hs, explain ? SolveOptions.explaining() : SolveOptions.defaults());
      return new Batch.Answer(() -> CheckOutput.text(r), () -> CheckOutput.json(r), () -> CheckOutput.line(r),
          () -> DiagramOutput.mermaid(r), () -> DiagramOutput.dot(r));
    }
  }

  @Command(name = "reach", description = "Who can reach this destination: source sets ALWAYS, SOMETIMES, NEVER.")
  static final class ReachCommand extends DestinationBase implements Callable<Integer> {
    @Option(names = "--from", description = "source CIDR(s), comma-separated (default: every address of the family)")
    String from;

    @Override
    public Integer call() {
      return batch.run(this, ReachCommand::new);
    }

    @Override
    Batch.Answer answer(java.util.function.Supplier<AksReachability> scenario) {
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
      L7 request = request();
      AksReachability a = scenario.get();
      progress().phase("reach " + dst);
      ReachReport r = a.reach(dst, request, sources);
      progress().done();
      return new Batch.Answer(() -> ReachOutput.text(r), () -> ReachOutput.json(r), () -> ReachOutput.line(r),
          () -> DiagramOutput.mermaid(r), () -> DiagramOutput.dot(r));
    }
  }

  @Command(name = "health", description = "Every load-balancer backend: UP, DOWN or FLAPPING, with probe and reason.")
  static final class HealthCommand extends ScenarioBase implements Callable<Integer> {
    @Override
    public Integer call() {
      AksReachability a = load();
      progress().phase("health");
      HealthReport h = a.health();
      java.util.List<io.github.aksreach.k8s.aks.AgcBackendHealth> agc = a.agcHealth();
      progress().done();
      out().println(format == Format.json ? HealthOutput.json(h, agc) : HealthOutput.text(h, agc));
      return 0;
    }
  }

  @Command(name = "explain", description = "Explain each tuple of an NSG or VNet flow log: the model's paths on "
      + "which the logging NSG saw that header, and whether they decide as logged. With --format json: one JSON "
      + "object per tuple and line (JSON Lines).")
  static final class ExplainCommand extends ScenarioBase implements Callable<Integer> {
    @Option(names = "--flow-log", required = true, description = "flow-log blob(s) (JSON) or one tuple per line")
    Path flowLog;

    private long explained;
    /** The tuple count's progress: silent when the explanations stream to a console (the same terminal). */
    private Progress counting;

    /** One tuple's explanation, counted on the progress line (which only a terminal shows). */
    private FlowLogExplanation explained(AksReachability a, FlowLogs.Entry e) {
      if (counting == null) {
        counting = System.console() == null ? progress() : progress().silent();
      }
      counting.count("tuples explained:", ++explained);
      return FlowLogExplanation.explain(a, e);
    }

    /**
     * Two passes over the log, neither holding its tuples: the first refuses a bad file before anything is printed,
     * the second explains and prints each tuple as it is read.
     */
    @Override
    public Integer call() {
      progress().phase("reading " + flowLog);
      Validation<Seq<ModelError>, Long> scanned = FlowLogs.scan(flowLog);
      if (scanned.isInvalid()) {
        throw BadInput.of(scanned.getError());
      }
      AksReachability a = load();
      PrintWriter out = out();
      Validation<Seq<ModelError>, Long> read;
      out.flush();
      Stdout bytes = out instanceof Stdout s ? s : null;
      if (format == Format.json) {
        try (FlowLogOutput.JsonLines lines = bytes != null ? new FlowLogOutput.JsonLines(bytes.stream, bytes.charset)
            : new FlowLogOutput.JsonLines(out)) {
          read = FlowLogs.forEach(flowLog, e -> lines.write(explained(a, e)));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      } else {
        try (FlowLogOutput.TextLines lines = bytes != null ? new FlowLogOutput.TextLines(bytes.stream, bytes.charset)
            : new FlowLogOutput.TextLines(out)) {
          read = FlowLogs.forEach(flowLog, e -> lines.write(explained(a, e)));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        out.println();
      }
      progress().done();
      out.flush();
      if (read.isInvalid()) {
        // the file changed between the two passes
        throw BadInput.of(read.getError());
      }
      return 0;
    }
  }

  @Command(name = "diff", description = "What changes from one scenario to another: the sources whose verdict "
      + "changes (every LB frontend, or --to) and every backend whose health changes; with an ingress-nginx or "
      + "Gateway front door on either side, also per host and path at layer 7 (verdict, HTTP status, backend).")
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
      // layer 7 only when either side has a front door: the layer-4 output of other scenarios stays byte-identical
      Optional<L7Diff> l7 = L7Diff.applies(before, after) ? Optional.of(L7Diff.of(before, after)) : Optional.empty();
      if (format == Format.json) {
        java.util.Map<String, Object> tree = DiffOutput.tree(d, a.toString(), b.toString());
        l7.ifPresent(x -> tree.put("l7", L7DiffOutput.tree(x)));
        out().println(Json.write(tree));
      } else {
        out().println(DiffOutput.text(d, a.toString(), b.toString()) + l7.map(L7DiffOutput::text).orElse(""));
      }
      return 0;
    }

    private AksReachability load(Path dir, List<String> errors) {
      Validation<Seq<ModelError>, AksReachability> r = AksReachability.load(dir, AksOptions.defaults());
      if (r.isInvalid()) {
        r.getError().forEach(e -> errors.add((e.file().isEmpty() || Path.of(e.file()).isAbsolute() ? e
            : e.at(dir.resolve(e.file()).toString(), e.path())).toString()));
        return null;
      }
      InventoryCommand.printNotes(spec.commandLine().getErr(), dir, r.get().network().scenario().notes());
      return r.get();
    }
  }

}
