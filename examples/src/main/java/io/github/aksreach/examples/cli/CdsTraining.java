package io.github.aksreach.examples.cli;

import io.github.aksreach.examples.lab.LabScenarios;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run of the class-data-sharing archive that {@code bin/aksreach} uses: every command of the CLI once
 * on the bundled lab, in one JVM, output discarded, so the archive holds the classes any command loads.
 *
 * <pre>{@code
 * java -XX:ArchiveClassesAtExit=examples/target/aksreach.jsa -cp examples/target/aksreach.jar \
 *     io.github.aksreach.examples.cli.CdsTraining
 * }</pre>
 *
 * <p>Maven runs it at {@code package} time (examples/pom.xml); the launcher runs it when the archive is missing or
 * older than the jar. It exits 1 when a command does not answer as on the lab, so a broken archive is never made
 * from a failing run.
 */
public final class CdsTraining {
  private CdsTraining() {}

  public static void main(String[] args) throws IOException {
    String step4 = LabScenarios.directory("step4-cluster-nsgs-nodes").toString();
    String step6 = LabScenarios.directory("step6-local-pinned").toString();
    Path log = Files.createTempFile("aksreach-cds", ".log");
    Path blob = Files.createTempFile("aksreach-cds", ".json");
    try {
      Files.writeString(log, "1671521722,192.168.1.4,192.168.0.22,50326,80,T,I,D,B\n", StandardCharsets.UTF_8);
      // a blob in the common shape, so that the classes of its fast reading are archived too
      Files.writeString(blob, "{\"records\":[{\"time\":\"2022-12-20T07:35:22.0000000Z\",\"resourceId\":\"/SUBSCRIPTIONS/0/"
          + "RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/NSG-USER\",\"properties\":{\"Version\":2,"
          + "\"flows\":[{\"rule\":\"UserRule_DenyAllCustom\",\"flows\":[{\"mac\":\"000D3A2B4C5D\",\"flowTuples\":["
          + "\"1671521722,192.168.1.4,192.168.0.22,50326,80,T,I,D,B,,,,\"]}]}]}}]}\n", StandardCharsets.UTF_8);
      String[] http = {"--host", "demoapi.eyskens.corp", "--path", "/weatherforecast"};
      List<String[]> runs = List.of(
          new String[] {"lab"},
          concat(new String[] {"check", step4, "--from", "192.168.1.4", "--to", "192.168.0.22:80"}, http),
          concat(new String[] {"check", step4, "--from", "192.168.1.4", "--to", "192.168.0.22:80", "--format",
              "json", "--explain"}, http),
          new String[] {"reach", step6, "--to", "192.168.0.22:80"},
          new String[] {"reach", step6, "--to", "192.168.0.22:80", "--format", "json"},
          new String[] {"health", step4},
          new String[] {"health", step4, "--format", "json"},
          new String[] {"lint", step4, "--fail-on", "error"},
          new String[] {"lint", step4, "--format", "sarif"},
          new String[] {"explain", step4, "--flow-log", log.toString()},
          new String[] {"explain", step4, "--flow-log", log.toString(), "--format", "json"},
          new String[] {"explain", step4, "--flow-log", blob.toString()},
          new String[] {"explain", step4, "--flow-log", blob.toString(), "--format", "json"},
          new String[] {"diff", step4, step6},
          new String[] {"--help"});
      // stdout as a real run has it (Main.Stdout: explain writes bytes to it), so that path's classes are archived too
      PrintWriter out = new Main.Stdout(java.io.OutputStream.nullOutputStream());
      PrintWriter err = new PrintWriter(Writer.nullWriter());
      for (String[] run : runs) {
        int exit = Main.run(run, out, err);
        if (exit == Main.BAD_INPUT || run[0].equals("lab") && exit != 0) {
          System.err.println("aksreach CDS training: " + String.join(" ", run) + " exited " + exit);
          System.exit(1);
        }
      }
    } finally {
      try {
        Files.deleteIfExists(log);
        Files.deleteIfExists(blob);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
