package io.github.aksreach.examples.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aksreach.core.input.LineReader;
import io.github.aksreach.core.model.SafeText;
import io.github.aksreach.k8s.aks.AksReachability;
import io.vavr.control.Validation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * Batch mode of {@code check} and {@code reach} ({@code --queries FILE} or {@code --queries -} for stdin): many
 * questions against one scenario, loaded once, in one JVM. A picocli mixin of both commands.
 *
 * <pre>{@code
 * aksreach check lab/step4 --queries questions.txt
 * printf '%s\n' '--from 192.168.1.4 --to 192.168.0.22:80' '{"from": "10.0.0.1", "to": "192.168.0.22:80"}' \
 *     | aksreach check lab/step4 --queries - --format json
 * }</pre>
 *
 * <p>A query line is either the command's own options, written as on the command line ({@code --from 192.168.1.4
 * --to 192.168.0.22:80/tcp --host 'a b'}; single and double quotes, backslash escapes), or a JSON object whose
 * fields are the option names without {@code --} ({@code {"from": "192.168.1.4", "to": "192.168.0.22:80",
 * "explain": true}}; a boolean is a flag, an array repeats a repeatable option or is joined with commas). Blank lines and lines starting
 * with {@code #} are skipped. Options that hold for the whole run ({@code --format}, {@code --transient},
 * {@code --skip-invalid}, {@code --debug}, {@code --queries}) are given once on the command line, never in a line.
 *
 * <p>Output: one line per query, in input order, flushed as it is answered. Text: {@code line N: <answer>} or
 * {@code line N: error: <problem>}. JSON ({@code --format json}, JSON Lines): the command's JSON object with
 * {@code "line"} and {@code "query"} in front, or {@code {"line": N, "query": "...", "error": "..."}}. Every refused
 * line is also reported on stderr as {@code <file>:<N>: <problem>}. Exit code: the worst of the lines: {@code 0}
 * every query answered, {@code 2} at least one line refused (bad syntax, unknown option, bad address), {@code 1} an
 * internal error on some line; a scenario that does not load, or a queries file that cannot be read, stops the
 * run with {@code 2} before any answer.
 */
final class Batch {
  /** Options that hold for the whole run: given once on the command line, refused in a query line. */
  static final Set<String> RUN_OPTIONS = Set.of("--queries", "--format", "--transient", "--skip-invalid",
      "--debug");
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();

  @Option(names = "--queries", paramLabel = "<file>|-", description = "batch mode: read one query per line from "
      + "<file> (- for stdin), as this command's options or a JSON object of them; print one answer per line in the "
      + "same order (--format json: JSON Lines); the options the command requires then go in each line; exit 0 if "
      + "all were answered, 2 if a line was refused")
  String queries;

  /**
   * With {@code --queries} among {@code args}, the options a command requires ({@code --to}, {@code check}'s
   * {@code --from}) are required in each query line instead: they become optional on the command line.
   */
  static void relaxRequiredOptions(CommandLine cl, String[] args) {
    boolean batch = false;
    for (String a : args) {
      batch |= a.equals("--queries") || a.startsWith("--queries=");
    }
    if (!batch) {
      return;
    }
    for (CommandLine sub : cl.getSubcommands().values()) {
      CommandSpec spec = sub.getCommandSpec();
      if (spec.findOption("--queries") == null) {
        continue;
      }
      for (OptionSpec o : new ArrayList<>(spec.options())) {
        if (o.required()) {
          spec.remove(o);
          spec.addOption(o.toBuilder().required(false).build());
        }
      }
    }
  }

  /** One answer, rendered on demand: the command's text and JSON, and one line for batch text output. */
  record Answer(Supplier<String> text, Supplier<String> json, Supplier<String> line, Supplier<String> mermaid,
                Supplier<String> dot) {
    /** The answer in {@code format}. */
    String in(Main.Format format) {
      return switch (format) {
        case json -> json.get();
        case mermaid -> mermaid.get();
        case dot -> dot.get();
        default -> text.get();
      };
    }
  }

  /**
   * Runs {@code self}: its one question, or with {@code --queries} every question of the file, each parsed into a
   * command made by {@code fresh}.
   */
  int run(Main.DestinationBase self, Supplier<? extends Main.DestinationBase> fresh) {
    PrintWriter out = self.out();
    if (queries == null) {
      Answer a = self.answer(self::load);
      out.println(a.in(self.format));
      return 0;
    }
    if (self.format.diagram()) {
      throw Main.BadInput.of("--format " + self.format + ": a diagram draws one question; with --queries, use text or"
          + " json");
    }
    List<String> perQuery = new ArrayList<>();
    CommandLine.ParseResult given = self.spec.commandLine().getParseResult();
    for (OptionSpec o : self.spec.options()) {
      if (!RUN_OPTIONS.contains(o.longestName()) && given.hasMatchedOption(o)) {
        perQuery.add(o.longestName());
      }
    }
    if (!perQuery.isEmpty()) {
      throw Main.BadInput.of("--queries: " + String.join(", ", perQuery) + " belong in each query line, not on the"
          + " command line");
    }
    try (LineReader in = new LineReader(open(), MAX_LINE)) {
      AksReachability loaded = self.load();
      PrintWriter err = self.spec.commandLine().getErr();
      String source = queries.equals("-") ? "<stdin>" : queries;
      int worst = 0;
      int refused = 0;
      for (boolean more = true; more; ) {
        int n;
        String q;
        Outcome r;
        try {
          String text = in.readLine();
          if (text == null) {
            break;
          }
          n = (int) in.lineNumber();
          q = text.strip();
          if (q.isEmpty() || q.startsWith("#")) {
            continue;
          }
          r = answer(n, q, self, fresh, loaded);
        } catch (LineReader.TooLong e) {
          // nothing after a line over the limit is read: the file may be one huge line, or /dev/zero
          n = (int) e.line();
          q = "";
          r = Outcome.refused("longer than " + MAX_LINE + " characters: not read, nor anything after it (a query is"
              + " one line of options)", Main.BAD_INPUT);
          more = false;
        }
        if (r.problem() != null) {
          refused++;
          worst = Math.max(worst, r.exit());
          err.println(SafeText.message(source + ":" + n + ": " + r.problem()));
        }
        out.println(r.render(n, q, self.format));
        out.flush();
      }
      if (refused > 0) {
        err.println(SafeText.message("aksreach: " + refused + " query line(s) of " + source + " not answered"));
      }
      return worst;
    } catch (IOException e) {
      throw Main.BadInput.of("--queries " + queries + ": cannot read: " + e.getMessage());
    }
  }

  /**
   * The longest query line read, in characters: far beyond any question (a {@code reach --from} of 50,000 CIDRs
   * fits), short enough that a file of one huge line, or {@code /dev/zero}, is refused at once instead of filling
   * the heap.
   */
  static final int MAX_LINE = 1 << 20;

  private BufferedReader open() {
    if (queries.equals("-")) {
      return new BufferedReader(new InputStreamReader(stdin(), StandardCharsets.UTF_8));
    }
    Path p = Path.of(queries);
    if (!Files.exists(p)) {
      throw Main.BadInput.of("--queries " + queries + ": no such file");
    }
    if (Files.isDirectory(p)) {
      throw Main.BadInput.of("--queries " + queries + ": a directory, not a file of queries");
    }
    try {
      return Files.newBufferedReader(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Main.BadInput.of("--queries " + queries + ": cannot read: " + e.getMessage());
    }
  }

  /** Standard input; a test may set it. */
  static volatile Supplier<InputStream> stdin = () -> System.in;

  private static InputStream stdin() {
    return stdin.get();
  }

  /**
   * One query line, answered and rendered ({@code line N: ...} or a JSON line), or refused: the problem and the exit
   * code it stands for.
   */
  private static Outcome answer(int n, String q, Main.DestinationBase self,
      Supplier<? extends Main.DestinationBase> fresh, AksReachability loaded) {
    Main.DestinationBase cmd = fresh.get();
    CommandLine cl = new CommandLine(cmd);
    cl.setExpandAtFiles(false);
    Validation<String, List<String>> args = q.startsWith("{") ? jsonArgs(q, cl.getCommandSpec()) : words(q);
    if (args.isInvalid()) {
      return Outcome.refused(args.getError(), Main.BAD_INPUT);
    }
    List<String> all = new ArrayList<>();
    all.add(self.scenario.toString());
    all.addAll(args.get());
    try {
      CommandLine.ParseResult pr = cl.parseArgs(all.toArray(new String[0]));
      for (OptionSpec o : pr.matchedOptions()) {
        if (RUN_OPTIONS.contains(o.longestName())) {
          return Outcome.refused(o.longestName() + " holds for the whole run: give it on the command line, not in"
              + " a query line", Main.BAD_INPUT);
        }
      }
      Answer a = cmd.answer(() -> loaded);
      if (self.format == Main.Format.json) {
        ObjectNode o = head(n, q);
        o.setAll((ObjectNode) JSON.readTree(a.json().get()));
        return new Outcome(o.toString(), null, 0);
      }
      return new Outcome("line " + n + ": " + a.line().get().replace('\n', ' '), null, 0);
    } catch (CommandLine.UnmatchedArgumentException e) {
      String first = e.getUnmatched().isEmpty() ? "-" : e.getUnmatched().get(0);
      return Outcome.refused(first.startsWith("-") ? e.getMessage() : "unexpected argument '" + first
          + "': a query line takes options only (the scenario is given once)", Main.BAD_INPUT);
    } catch (CommandLine.ParameterException e) {
      return Outcome.refused(e.getMessage(), Main.BAD_INPUT);
    } catch (Main.BadInput e) {
      return Outcome.refused(String.join("; ", e.lines), Main.BAD_INPUT);
    } catch (JsonProcessingException | RuntimeException e) {
      return Outcome.refused("internal error: " + e, 1);
    }
  }

  private static ObjectNode head(int n, String q) {
    ObjectNode o = JSON.createObjectNode();
    o.put("line", n);
    o.put("query", q);
    return o;
  }

  /** A query line's output line, or the problem that refused it and its exit code. */
  private record Outcome(String rendered, String problem, int exit) {
    static Outcome refused(String problem, int exit) {
      return new Outcome(null, SafeText.message(problem), exit);
    }

    String render(int n, String q, Main.Format format) {
      if (problem == null) {
        return rendered;
      }
      if (format == Main.Format.json) {
        return head(n, q).put("error", problem).toString();
      }
      return "line " + n + ": error: " + problem;
    }
  }

  /**
   * The words of a query line as a POSIX shell splits them, without expansions: blanks separate words, {@code '...'}
   * is literal, {@code "..."} keeps blanks and takes {@code \"} and {@code \\}, a backslash outside quotes escapes the
   * next character.
   */
  static Validation<String, List<String>> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'' || c == '"') {
        int end = c == '\'' ? line.indexOf('\'', i + 1) : closingDoubleQuote(line, i + 1);
        if (end < 0) {
          return Validation.invalid("unterminated " + (c == '\'' ? "single" : "double") + " quote at column "
              + (i + 1));
        }
        String inner = line.substring(i + 1, end);
        w.append(c == '\'' ? inner : inner.replaceAll("\\\\([\"\\\\])", "$1"));
        inWord = true;
        i = end;
      } else if (c == '\\') {
        if (i + 1 == line.length()) {
          return Validation.invalid("a backslash ends the line");
        }
        w.append(line.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
      } else {
        w.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      out.add(w.toString());
    }
    return Validation.valid(out);
  }

  private static int closingDoubleQuote(String line, int from) {
    for (int i = from; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return -1;
  }

  /**
   * The options a JSON query line stands for: each field {@code f} is option {@code --f}; a string or number is its
   * value, {@code true} a flag given ({@code false} and {@code null}: not given), an array repeats a repeatable
   * option and is joined with commas for any other ({@code reach}'s {@code "from": ["10.0.0.0/8", "1.2.3.4/32"]}).
   */
  static Validation<String, List<String>> jsonArgs(String line, CommandSpec spec) {
    JsonNode o;
    try {
      o = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return Validation.invalid("not a JSON object: " + e.getOriginalMessage());
    }
    if (o == null || !o.isObject()) {
      return Validation.invalid("not a JSON object");
    }
    List<String> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String name = "--" + f.getKey();
      OptionSpec opt = spec.findOption(name);
      if (opt == null || RUN_OPTIONS.contains(name)) {
        return Validation.invalid("field '" + f.getKey() + "': no such query option (fields: " + fields(spec) + ")");
      }
      JsonNode v = f.getValue();
      if (v.isNull() || v.isBoolean() && !v.booleanValue()) {
        continue;
      }
      boolean flag = opt.arity().max() == 0;
      if (flag != v.isBoolean()) {
        return Validation.invalid("field '" + f.getKey() + "': " + (flag ? "true or false" : "a string")
            + " expected, found " + v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
      }
      if (flag) {
        out.add(name);
      } else if (v.isArray()) {
        List<String> values = new ArrayList<>();
        for (JsonNode e : v) {
          if (!e.isValueNode() || e.isNull()) {
            return Validation.invalid("field '" + f.getKey() + "': an array of strings expected");
          }
          values.add(e.asText());
        }
        if (opt.isMultiValue()) {
          values.forEach(x -> {
            out.add(name);
            out.add(x);
          });
        } else {
          out.add(name);
          out.add(String.join(",", values));
        }
      } else if (v.isValueNode()) {
        out.add(name);
        out.add(v.asText());
      } else {
        return Validation.invalid("field '" + f.getKey() + "': a string expected, found an object");
      }
    }
    return Validation.valid(out);
  }

  private static String fields(CommandSpec spec) {
    List<String> names = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (!RUN_OPTIONS.contains(o.longestName()) && o.longestName().startsWith("--")) {
        names.add(o.longestName().substring(2));
      }
    }
    return String.join(", ", names);
  }
}
