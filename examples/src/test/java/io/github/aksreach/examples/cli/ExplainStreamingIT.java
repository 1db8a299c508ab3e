package io.github.aksreach.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.k8s.aks.FlowLogFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain} streams (issue 14): a generated blob of 10 million tuples (about 1.3 GB) on the lab's step 4,
 * explained by the CLI in a JVM with a 256 MB heap, one JSON line per tuple. Not in the default suite (its name
 * ends in IT; it takes minutes): run it with
 * {@code mvn -B -q -pl examples -am test -Dtest=ExplainStreamingIT -Dsurefire.failIfNoSpecifiedTests=false}.
 * The default suite has the bounded version (FlowLogsTest, 100,000 tuples) and the CLI's own tests.
 */
class ExplainStreamingIT {
  @TempDir
  Path dir;

  @Test
  void tenMillionTuplesInA256MegabyteHeap() throws Exception {
    Path log = dir.resolve("PT1H.json");
    long n = FlowLogFiles.writeBlob(log, 100_000, 100);
    assertThat(n).isEqualTo(10_000_000L);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "explain", CliTest.step("step4-cluster-nsgs-nodes"), "--flow-log", log.toString(),
        "--format", "json"))
        .redirectError(dir.resolve("err.txt").toFile()).start();
    long lines = 0;
    long explained = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines++;
        if (line.contains("\"finding\":\"EXPLAINED\"")) {
          explained++;
        }
      }
    }
    assertThat(p.waitFor()).as(Files.readString(dir.resolve("err.txt"))).isZero();
    assertThat(lines).isEqualTo(n);
    // nsg-user's DenyAllCustom denials are explained; nsg-ingress allows are on the path that reaches it
    assertThat(explained).isEqualTo(n);
  }
}
