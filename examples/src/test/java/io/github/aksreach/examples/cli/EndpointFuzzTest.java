package io.github.aksreach.examples.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.aksreach.core.input.FuzzInvariants;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target of the command line's endpoints: {@code check --from <ip>[:<port>] --to <ip>:<port>[/proto]} and
 * {@code reach --from <cidrs> --to ...}, with an optional {@code --header}. The input's lines are the values (line 1
 * {@code --from}, line 2 {@code --to}, line 3 {@code reach} for reach, line 4 a header). The scenario does not exist,
 * so every run must end in exit 2 (bad input) without an answer: each stderr line one escaped, bounded line that
 * names the option it refuses or the scenario directory, never an internal error; the endpoint parsers never throw.
 *
 * <p>Corpus: {@code src/test/resources/io/github/aksreach/examples/cli/EndpointFuzzTestInputs/endpoints/}: the lab's
 * and the corpus's endpoints, IPv6, every protocol suffix, port 0, and odd spellings.
 */
class EndpointFuzzTest {
  private static final String NO_SCENARIO = Path.of(System.getProperty("java.io.tmpdir"),
      "aksreach-fuzz-no-such-scenario").toString();

  @FuzzTest(maxDuration = "10s")
  @Timeout(30)
  void endpoints(byte[] data) {
    String[] lines = new String(data, StandardCharsets.UTF_8).split("\n", -1);
    boolean reach = lines.length > 2 && lines[2].strip().equals("reach");
    List<String> args = new ArrayList<>(List.of(reach ? "reach" : "check", NO_SCENARIO,
        "--from=" + lines[0], "--to=" + (lines.length > 1 ? lines[1] : "")));
    if (lines.length > 3) {
      args.add("--header=" + lines[3]);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
    if (exit != Main.BAD_INPUT || !out.toString().isEmpty()) {
      throw new AssertionError("exit " + exit + " on a scenario that does not exist; stdout: " + out + "; stderr: "
          + err);
    }
    List<String> problems = err.toString().lines().toList();
    if (problems.isEmpty()) {
      throw new AssertionError("refused without a problem");
    }
    for (String line : problems) {
      FuzzInvariants.checkLine(line);
      if (!line.startsWith("--from ") && !line.startsWith("--to ") && !line.startsWith("--header ")
          && !line.contains(NO_SCENARIO)) {
        throw new AssertionError("a problem that names neither the option nor the scenario: " + line);
      }
    }
  }
}
