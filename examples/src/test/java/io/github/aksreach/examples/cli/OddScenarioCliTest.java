package io.github.aksreach.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.aksreach.examples.TestDirs;
import io.github.aksreach.examples.cli.CliTest.Run;
import io.github.aksreach.examples.lab.LabScenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Odd and hostile scenario directories through the command line: not a scenario at all, links out of it, values with
 * terminal escapes and megabytes of text, YAML the API server's tools write (merge keys), an explicit port 0.
 */
class OddScenarioCliTest {
  @TempDir
  Path tmp;

  private static final String STEP4 = LabScenarios.directory("step4-cluster-nsgs-nodes").toString();

  private static void assertBadInputLines(Run r) {
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).doesNotContain("internal error").doesNotContain("\tat ").doesNotContain("\u001b");
    r.err().lines().forEach(l -> assertThat(l.length()).isLessThanOrEqualTo(1200));
  }

  @Test
  void aDirectoryWithNoDumpIsBadInputSayingWhatWasExpected() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    for (String cmd : new String[] {"health", "lint"}) {
      Run r = CliTest.run(cmd, empty.toString());
      assertBadInputLines(r);
      assertThat(r.err().strip()).isEqualTo(empty + ": not a scenario: expected k8s/ (kubectl get ... -o yaml|json"
          + " output) and/or azure/ (az ... output as *.json), optionally scenario.yaml: it has neither");
    }
    Run check = CliTest.run("check", empty.toString(), "--from", "192.168.1.4", "--to", "192.168.0.22:80");
    assertBadInputLines(check);
    Files.createDirectories(tmp.resolve("hollow/k8s"));
    Files.createDirectories(tmp.resolve("hollow/azure"));
    Run hollow = CliTest.run("health", tmp.resolve("hollow").toString());
    assertBadInputLines(hollow);
    assertThat(hollow.err()).contains("its k8s/ and azure/ hold no object");
    if (Files.isDirectory(Path.of("/etc"))) {
      assertBadInputLines(CliTest.run("health", "/etc"));
    }
    // a directory given relatively is named once, absolutely (it printed as "empty/empty" and "gone/gone")
    Path cwd = Path.of("").toAbsolutePath();
    for (Path dir : List.of(empty, tmp.resolve("gone"))) {
      Run relative = CliTest.run("health", cwd.relativize(dir).toString());
      assertBadInputLines(relative);
      assertThat(relative.err().strip()).startsWith(dir + ": ").doesNotContain(dir.getFileName() + "/"
          + dir.getFileName());
    }
  }

  @Test
  void aFileLinkedOutOfTheScenarioIsRefusedAndItsContentNeverShown() throws Exception {
    Path s = TestDirs.copy(Path.of(STEP4), tmp.resolve("s"));
    Path secret = Files.writeString(tmp.resolve("secret.json"), "{\"password\": \"hunter2\"");
    Files.createSymbolicLink(s.resolve("azure/zz-secret.json"), secret);
    Run r = CliTest.run("health", s.toString());
    assertBadInputLines(r);
    assertThat(r.err()).contains("zz-secret.json: symbolic link to a file outside the scenario directory: not read")
        .doesNotContain("hunter2");
  }

  @Test
  void controlCharactersAndHugeValuesComeOutEscapedAndCut() throws Exception {
    Path s = TestDirs.copy(Path.of(STEP4), tmp.resolve("s"));
    Path k8s = s.resolve("k8s");
    Files.writeString(k8s.resolve("zz-bad.yaml"), "apiVersion: v1\nkind: Service\nmetadata: {name: evil, namespace:"
        + " default}\nspec:\n  loadBalancerIP: \"10.0.0.1\\e[31m\\nFAKE: all good\"\n  ports: [{port: 80}]\n"
        + "---\napiVersion: v1\nkind: Service\nmetadata: {name: big, namespace: default}\nspec:\n  clusterIP: "
        + "x".repeat(1_000_000) + "\n  ports: [{port: 80}]\n");
    Run r = CliTest.run("health", s.toString());
    assertBadInputLines(r);
    assertThat(r.err()).contains("10.0.0.1\\u001b[31m\\nFAKE: all good").contains("x".repeat(20) + "...")
        .hasSizeLessThan(10_000);
  }

  @Test
  void aYamlMergeKeyInAServiceIsReadNotIgnored() throws Exception {
    Path s = TestDirs.copy(Path.of(STEP4), tmp.resolve("s"));
    Path svcFile = s.resolve("k8s/services.yaml");
    Run plain = CliTest.run("health", STEP4, "--format", "json");
    String before = plain.out();
    String text = Files.readString(svcFile);
    assertThat(text).contains("externalTrafficPolicy: Cluster");
    // the same Service with its spec's policy moved into an anchored mapping merged back
    Files.writeString(svcFile, "# defaults\n" + text.replace("externalTrafficPolicy: Cluster",
        "<<: {externalTrafficPolicy: Cluster}"));
    Run r = CliTest.run("health", s.toString(), "--format", "json");
    // the merge key adds nothing to stderr: only the scenario's own load notes, as without it
    assertThat(r.err().lines().filter(l -> !l.startsWith("note: "))).isEmpty();
    assertThat(r.err().lines().count()).isEqualTo(plain.err().lines().count());
    assertThat(r.out()).isEqualTo(before);
    // and merged under a policy written out, the written one wins (Local: a different answer)
    Files.writeString(svcFile, text.replace("externalTrafficPolicy: Cluster",
        "<<: {externalTrafficPolicy: Cluster}\n    externalTrafficPolicy: Local"));
    assertThat(CliTest.run("health", s.toString(), "--format", "json").out()).isNotEqualTo(before);
  }

  @Test
  void anExplicitPortZeroIsRefusedNotReplaced() {
    Run r = CliTest.run("check", STEP4, "--from", "192.168.1.4:0", "--to", "192.168.0.22:80");
    assertBadInputLines(r);
    assertThat(r.err().strip()).isEqualTo("--from 192.168.1.4:0: port 0 is not a port a flow can use: give 1-65535,"
        + " or no port for an ephemeral one");
    Run to = CliTest.run("check", STEP4, "--from", "192.168.1.4", "--to", "192.168.0.22:0");
    assertBadInputLines(to);
    assertThat(to.err()).contains("--to 192.168.0.22:0: port 0 is not a port a flow can use: give 1-65535");
    Run none = CliTest.run("check", STEP4, "--from", "192.168.1.4", "--to", "192.168.0.22:80", "--format", "json");
    assertThat(none.exit()).isZero();
    assertThat(none.out()).contains("\"src\" : \"192.168.1.4:50000\"");
  }
}
