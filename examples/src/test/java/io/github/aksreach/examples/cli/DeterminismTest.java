package io.github.aksreach.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.examples.lab.LabScenarios;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command and every format prints the same bytes in three JVMs: one as started by default, one with identity
 * hash codes all equal ({@code -XX:hashCode=2}), and one with identity hash codes from a counter ({@code -XX:hashCode=3}), so
 * that any output ordered by a {@code HashMap}/{@code HashSet} of objects without their own {@code hashCode}
 * (enums), or by {@code Map.of}/{@code Set.of} (whose iteration order is salted per JVM), differs between the runs. Input order may change output order only where CONTRACTS.md says
 * so (see the README's "Deterministic output").
 */
class DeterminismTest {
  @TempDir
  Path tmp;

  /** The command lines run, each once per JVM. */
  static List<String[]> commands() {
    String step4 = LabScenarios.directory("step4-cluster-nsgs-nodes").toString();
    String step6 = LabScenarios.directory("step6-local-pinned").toString();
    String netpol = resource("/scenarios/netpol-client-egress");
    String log = resource("/flowlogs/lab-step4-vnet.json");
    List<String[]> out = new ArrayList<>();
    for (String f : List.of("text", "json")) {
      out.add(new String[] {"lab", "--format", f});
      out.add(new String[] {"check", step4, "--from", "192.168.1.4", "--to", "192.168.0.22:80", "--host",
          "demoapi.eyskens.corp", "--path", "/weatherforecast", "--explain", "--format", f});
      out.add(new String[] {"reach", step4, "--to", "192.168.0.22:80/tcp", "--format", f});
      out.add(new String[] {"reach", netpol, "--to", "10.10.1.100:80", "--format", f});
      out.add(new String[] {"health", step4, "--format", f});
      out.add(new String[] {"lint", step4, "--format", f});
      out.add(new String[] {"lint", netpol, "--format", f});
      out.add(new String[] {"explain", step4, "--flow-log", log, "--format", f});
      out.add(new String[] {"diff", step4, step6, "--format", f});
    }
    out.add(new String[] {"lint", step4, "--format", "sarif"});
    out.add(new String[] {"lint", netpol, "--format", "sarif"});
    return out;
  }

  private static String resource(String name) {
    try {
      return Path.of(DeterminismTest.class.getResource(name).toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@link #commands()} in this JVM, writing each one's exit code, stdout and stderr to {@code args[0]}/i. */
  public static void main(String[] args) throws IOException {
    List<String[]> cs = commands();
    for (int i = 0; i < cs.size(); i++) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit = Main.run(cs.get(i), new PrintWriter(out, true), new PrintWriter(err, true));
      Files.writeString(Path.of(args[0], String.valueOf(i)), String.join(" ", cs.get(i)) + "\nexit " + exit
          + "\n--- stdout\n" + out + "--- stderr\n" + err, StandardCharsets.UTF_8);
    }
  }

  private Process startJvm(Path dir, String... jvmOptions) throws IOException {
    Files.createDirectories(dir);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(jvmOptions));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), DeterminismTest.class.getName(),
        dir.toString()));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolveSibling(dir.getFileName()
        + ".log").toFile()).start();
  }

  private static void await(Process p, Path dir) throws Exception {
    assertThat(p.waitFor(15, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolveSibling(dir.getFileName() + ".log"))).isZero();
  }

  @Test
  void everyCommandAndFormatPrintsTheSameBytesInTwoJvms() throws Exception {
    Path a = tmp.resolve("default");
    Path b = tmp.resolve("hash2");
    Path c = tmp.resolve("hash3");
    // three JVMs at once: Map.of's per-JVM salt makes a 2-entry map iterate either way, so a third run raises the
    // chance of catching one from 1/2 to 3/4; identity hashes all 1 (hashCode=2) and from a counter (hashCode=3)
    Process pa = startJvm(a);
    Process pb = startJvm(b, "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2");
    Process pc = startJvm(c, "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=3");
    await(pa, a);
    await(pb, b);
    await(pc, c);
    int n = commands().size();
    assertThat(new File(a.toString()).list()).hasSize(n);
    List<String> differ = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String x = Files.readString(a.resolve(String.valueOf(i)));
      String cmd = x.lines().findFirst().orElse("");
      if (!x.equals(Files.readString(b.resolve(String.valueOf(i))))
          || !x.equals(Files.readString(c.resolve(String.valueOf(i))))) {
        differ.add(cmd);
      }
      // every run answered (lint: 1 = findings at or above --fail-on), with something to compare
      assertThat(x).as("ran: " + cmd).containsPattern(cmd.startsWith("lint") ? "\nexit [01]\n" : "\nexit 0\n");
      assertThat(x.substring(x.indexOf("--- stdout\n") + 11, x.indexOf("--- stderr\n"))).as(cmd).isNotBlank();
    }
    assertThat(differ).as("commands whose output differs between the JVMs").isEmpty();
  }
}
