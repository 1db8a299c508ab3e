package io.github.aksreach.examples.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external command, given as an argument array (never a shell string), and returns its exit code and
 * output: the seam through which {@code aksreach collect} runs {@code az} and {@code kubectl}, so tests can put stub
 * tools first on the {@code PATH}.
 *
 * <pre>{@code
 * ProcessRunner r = ProcessRunner.system(Map.of("PATH", "/tmp/stubs"), Duration.ofMinutes(10));
 * r.locate("kubectl");                               // Optional[/tmp/stubs/kubectl], or empty: not on PATH
 * ProcessRunner.Result x = r.run(List.of("kubectl", "version", "--client", "-o", "json"));
 * x.exitCode();                                      // 0
 * x.stdout();                                        // {"clientVersion": {...}}
 * }</pre>
 */
interface ProcessRunner {
  /**
   * What a command did.
   *
   * @param exitCode its exit code ({@link #TIMED_OUT} when it was stopped after the timeout)
   * @param stdout everything it printed on standard output (UTF-8)
   * @param stderr everything it printed on standard error (UTF-8)
   */
  record Result(int exitCode, String stdout, String stderr) {
    /** The exit code recorded for a command stopped after its timeout. */
    static final int TIMED_OUT = -1;

    /** The first non-blank line of standard error, or {@code ""}. */
    String firstStderrLine() {
      return stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
  }

  /** The executable {@code tool} stands for on this runner's {@code PATH}, if there is one. */
  Optional<Path> locate(String tool);

  /**
   * Runs {@code command}: its first element is a tool name, looked up on the {@code PATH}, the others are passed
   * as they are, one argument each. Standard input is empty (a tool that prompts gets end of file).
   *
   * @throws IOException when the tool cannot be started at all
   */
  Result run(List<String> command) throws IOException;

  /**
   * A runner of real processes: the environment of this JVM with {@code overrides} on top (a {@code PATH} in it is
   * the one tools are looked up on), each command stopped after {@code timeout}.
   */
  static ProcessRunner system(Map<String, String> overrides, Duration timeout) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(overrides);
    return new ProcessRunner() {
      @Override
      public Optional<Path> locate(String tool) {
        String path = env.getOrDefault("PATH", "");
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> names = windows ? List.of(tool + ".exe", tool + ".cmd", tool + ".bat") : List.of(tool);
        for (String dir : path.split(File.pathSeparator)) {
          if (dir.isEmpty()) {
            continue;
          }
          for (String n : names) {
            Path p = Path.of(dir).resolve(n);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
              return Optional.of(p.toAbsolutePath());
            }
          }
        }
        return Optional.empty();
      }

      @Override
      public Result run(List<String> command) throws IOException {
        Path exe = locate(command.get(0)).orElseThrow(() -> new IOException(command.get(0) + ": not found on PATH"));
        List<String> argv = new ArrayList<>(command);
        argv.set(0, exe.toString());
        Path out = Files.createTempFile("aksreach-collect", ".out");
        Path err = Files.createTempFile("aksreach-collect", ".err");
        try {
          ProcessBuilder pb = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile());
          pb.environment().clear();
          pb.environment().putAll(env);
          Process p = pb.start();
          p.getOutputStream().close();
          boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
          if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
          }
          String stderr = new String(Files.readAllBytes(err), StandardCharsets.UTF_8);
          return new Result(done ? p.exitValue() : Result.TIMED_OUT,
              new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
              done ? stderr : "stopped after " + timeout.toSeconds() + " s (--timeout)\n" + stderr);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while running " + command.get(0), e);
        } finally {
          Files.deleteIfExists(out);
          Files.deleteIfExists(err);
        }
      }
    };
  }
}
