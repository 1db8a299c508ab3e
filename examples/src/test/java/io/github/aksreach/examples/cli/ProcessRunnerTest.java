package io.github.aksreach.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The system runner: PATH lookup in the given environment, argument arrays, output, exit codes and the timeout. */
class ProcessRunnerTest {
  @BeforeEach
  void bash() {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the tools here are bash scripts");
  }

  private static Path tool(Path dir, String name, String body) throws IOException {
    Path p = Files.writeString(Files.createDirectories(dir).resolve(name), "#!/bin/bash\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void argumentsArriveOneEachAndOutputAndExitCodeComeBack(@TempDir Path dir) throws Exception {
    Path bin = dir.resolve("bin");
    tool(bin, "echoargs", "for a in \"$@\"; do printf '<%s>\\n' \"$a\"; done; printf 'oops\\nmore\\n' >&2; exit 4");
    Files.writeString(bin.resolve("notexec"), "#!/bin/bash\n");
    ProcessRunner r = ProcessRunner.system(Map.of("PATH", bin.toString()), Duration.ofSeconds(30));
    assertThat(r.locate("echoargs")).hasValue(bin.resolve("echoargs").toAbsolutePath());
    assertThat(r.locate("notexec")).isEmpty();
    assertThat(r.locate("az")).isEmpty();
    ProcessRunner.Result x = r.run(List.of("echoargs", "a b", "$(touch x)", "'; rm -rf /'", ""));
    assertThat(x.exitCode()).isEqualTo(4);
    assertThat(x.stdout()).isEqualTo("<a b>\n<$(touch x)>\n<'; rm -rf /'>\n<>\n");
    assertThat(x.firstStderrLine()).isEqualTo("oops");
    assertThat(Files.exists(Path.of("x"))).isFalse();
    assertThatThrownBy(() -> r.run(List.of("az", "version"))).hasMessage("az: not found on PATH");
  }

  @Test
  void theEnvironmentIsThisJvmsWithTheOverridesAndStdinIsEmpty(@TempDir Path dir) throws Exception {
    Path bin = dir.resolve("bin");
    tool(bin, "env1", "printf '%s|%s\\n' \"$STUB_X\" \"$PATH\"; read -r line; printf 'read:%s:%s\\n' \"$?\" \"$line\"");
    ProcessRunner r = ProcessRunner.system(Map.of("PATH", bin.toString(), "STUB_X", "y"), Duration.ofSeconds(30));
    ProcessRunner.Result x = r.run(List.of("env1"));
    assertThat(x.stdout()).isEqualTo("y|" + bin + "\nread:1:\n");
  }

  @Test
  void aCommandPastItsTimeoutIsStopped(@TempDir Path dir) throws Exception {
    Path bin = dir.resolve("bin");
    tool(bin, "spin", "printf 'started\\n'; while :; do :; done");
    ProcessRunner r = ProcessRunner.system(Map.of("PATH", bin.toString()), Duration.ofSeconds(1));
    long t0 = System.nanoTime();
    ProcessRunner.Result x = r.run(List.of("spin"));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    assertThat(x.exitCode()).isEqualTo(ProcessRunner.Result.TIMED_OUT);
    assertThat(x.firstStderrLine()).isEqualTo("stopped after 1 s (--timeout)");
    assertThat(x.stdout()).isEqualTo("started\n");
  }
}
