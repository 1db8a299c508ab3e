package io.github.aksreach.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.aksreach.examples.cli.CliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs whose size alone used to decide how long a command ran and how much memory it took (issue 15, "every
 * command finishes or refuses within a time bound on any input"): each now finishes or is refused, with a message
 * naming the file and the line, well within the generous bound asserted here.
 */
class TimeBoundsCliTest {
  private static final String STEP4 = CliTest.step("step4-cluster-nsgs-nodes");
  private static final Duration BOUND = Duration.ofSeconds(60);

  @Test
  void aQueryLineOverTheLimitStopsTheBatchAfterTheLinesBeforeIt(@TempDir Path dir) throws Exception {
    Path q = Files.writeString(dir.resolve("queries.txt"), "--from 192.168.0.36 --to 192.168.0.22:80\n"
        + "--from " + "1".repeat(Batch.MAX_LINE) + "\n--from 192.168.0.36 --to 192.168.0.22:80\n");
    Run r = assertTimeoutPreemptively(BOUND, () -> CliTest.run("check", STEP4, "--queries", q.toString()));
    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    List<String> out = r.out().lines().toList();
    assertThat(out).hasSize(2);
    assertThat(out.get(0)).startsWith("line 1: tcp 192.168.0.36:50000 -> 192.168.0.22:80: ALWAYS");
    assertThat(out.get(1)).isEqualTo("line 2: error: longer than 1048576 characters: not read, nor anything after it"
        + " (a query is one line of options)");
    assertThat(r.err()).contains(q + ":2: longer than 1048576 characters")
        .contains("aksreach: 1 query line(s) of " + q + " not answered").doesNotContain("out of memory");
  }

  @Test
  void queriesFromAnEndlessDeviceAreRefusedNotReadUntilTheHeapIsFull() {
    assumeTrue(Files.isReadable(Path.of("/dev/zero")), "a system with /dev/zero");
    // was: "aksreach: out of memory" after filling the heap with one line of zeros
    Run r = assertTimeoutPreemptively(BOUND, () -> CliTest.run("reach", STEP4, "--queries", "/dev/zero"));
    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).contains("/dev/zero:1: longer than 1048576 characters").doesNotContain("out of memory");
  }

  @Test
  void explainOnASparseGiantFlowLogIsRefusedAtItsFirstLine(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("PT1H.log");
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(log.toFile(), "rw")) {
      f.setLength(3L << 30);
    }
    Run r = assertTimeoutPreemptively(BOUND, () -> CliTest.run("explain", STEP4, "--flow-log", log.toString()));
    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).contains(log + ": line 1: longer than 65536 characters").doesNotContain("out of memory");
    assertThat(r.out()).isEmpty();
  }
}
