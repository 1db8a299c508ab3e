package io.github.aksreach.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/aksreach} (issue 14): it runs the CLI with the answers of {@code java -jar}; the first start makes the
 * class-data archive next to the jar and later starts load the CLI's classes from it; a stale (jar rebuilt) or
 * damaged archive is remade, and {@code AKSREACH_CDS=off} starts without one. The jar is built here from the test
 * class path (the shaded jar only exists after {@code package}): a small jar whose manifest names the rest.
 */
class LauncherTest {
  private static final Path LAUNCHER = Path.of("..", "bin", "aksreach").toAbsolutePath().normalize();
  private static final String STEP4 = CliTest.step("step4-cluster-nsgs-nodes");

  @TempDir
  static Path dir;
  private static Path jar;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void buildJar() throws IOException {
    assumeTrue(!System.getProperty("os.name").toLowerCase().contains("win") && Files.isRegularFile(LAUNCHER),
        "POSIX shell launcher");
    Path lib = Files.createDirectories(dir.resolve("lib"));
    List<String> classPath = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (entry.endsWith("test-classes") || !Files.exists(p) || p.getFileName().toString().contains("surefire")) {
        continue;
      }
      Path target = lib.resolve(n++ + "-" + (Files.isDirectory(p) ? "classes.jar" : p.getFileName().toString()));
      if (Files.isDirectory(p)) {
        jarOf(p, target, null);
      } else {
        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
      }
      classPath.add("lib/" + target.getFileName());
    }
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
    jar = dir.resolve("aksreach.jar");
    jarOf(null, jar, m);
  }

  private static void jarOf(Path classes, Path target, Manifest manifest) throws IOException {
    try (OutputStream os = Files.newOutputStream(target);
         JarOutputStream j = manifest == null ? new JarOutputStream(os) : new JarOutputStream(os, manifest)) {
      if (classes == null) {
        return;
      }
      List<Path> files;
      try (Stream<Path> s = Files.walk(classes)) {
        files = s.filter(f -> !f.equals(classes)).sorted().toList();
      }
      for (Path f : files) {
        // directory entries too: the lab's resources are found by their directory's name
        String name = classes.relativize(f).toString().replace(File.separatorChar, '/');
        boolean isDir = Files.isDirectory(f);
        j.putNextEntry(new JarEntry(isDir ? name + "/" : name));
        if (!isDir) {
          Files.copy(f, j);
        }
        j.closeEntry();
      }
    }
  }

  private static Run launch(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("AKSREACH_JAR", jar.toString());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().putAll(env);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    int exit = p.waitFor();
    return new Run(exit, Files.readString(out), Files.readString(err));
  }

  private static Path archive() {
    return dir.resolve("aksreach.jsa");
  }

  /** The class-loading log of one run: where the CLI's own classes came from. */
  private static String classSources(Path log) throws IOException {
    return Files.readAllLines(log).stream().filter(l -> l.contains(" " + Main.class.getName() + " "))
        .findFirst().orElse("");
  }

  @Test
  void firstStartMakesTheArchiveLaterStartsUseItAndStaleOrDamagedArchivesAreRemade() throws Exception {
    Files.deleteIfExists(archive());
    CliTest.Run direct = CliTest.run("check", STEP4, "--from", "192.168.1.4", "--to", "192.168.0.22:80",
        "--host", "demoapi.eyskens.corp", "--path", "/weatherforecast", "--format", "json");
    String[] check = {"check", STEP4, "--from", "192.168.1.4", "--to", "192.168.0.22:80", "--host",
        "demoapi.eyskens.corp", "--path", "/weatherforecast", "--format", "json"};

    Run first = launch(Map.of(), check);
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out().strip()).isEqualTo(direct.out().strip());
    assertThat(new ObjectMapper().readTree(first.out()).at("/verdict").asText()).isEqualTo("SOMETIMES");
    assertThat(archive()).as("training: %s", Files.exists(Path.of(archive() + ".log"))
        ? Files.readString(Path.of(archive() + ".log")) : "no log").isRegularFile();
    assertThat(Files.readString(Path.of(archive() + ".ok")).strip()).isEqualTo(Long.toString(Files.size(archive())));
    FileTime made = Files.getLastModifiedTime(archive());

    Path log = dir.resolve("classes.log");
    Run second = launch(Map.of("AKSREACH_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), check);
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.out()).isEqualTo(first.out());
    assertThat(Files.getLastModifiedTime(archive())).as("reused, not remade").isEqualTo(made);
    assertThat(classSources(log)).contains("shared objects file");

    // the jar is rebuilt: the archive is stale, remade, and the answer is the same. The new jar is newer than the
    // stamp and not in the future (a stamp written by a fast training run must be able to be newer than it)
    long rebuilt = Files.getLastModifiedTime(Path.of(archive() + ".ok")).toMillis() + 2_000;
    Thread.sleep(Math.max(0, rebuilt - System.currentTimeMillis() + 1_100));
    Files.setLastModifiedTime(jar, FileTime.fromMillis(rebuilt));
    Run stale = launch(Map.of(), check);
    assertThat(stale.exit()).as(stale.err()).isZero();
    assertThat(stale.out()).isEqualTo(first.out());
    assertThat(Files.getLastModifiedTime(Path.of(archive() + ".ok")).toMillis())
        .isGreaterThanOrEqualTo(Files.getLastModifiedTime(jar).toMillis());

    // a damaged archive (cut short) with its old stamp: not used (the JVM would crash on it), remade
    byte[] whole = Files.readAllBytes(archive());
    archive().toFile().setWritable(true);
    Files.write(archive(), java.util.Arrays.copyOf(whole, whole.length / 3));
    Files.setLastModifiedTime(Path.of(archive() + ".ok"), FileTime.fromMillis(System.currentTimeMillis() + 10_000));
    Run damaged = launch(Map.of(), check);
    assertThat(damaged.exit()).as(damaged.err()).isZero();
    assertThat(damaged.out()).isEqualTo(first.out());
    assertThat(damaged.err()).doesNotContain("fatal error");
    assertThat(Files.readString(Path.of(archive() + ".ok")).strip()).as("remade")
        .isEqualTo(Long.toString(Files.size(archive())));

    // without an archive at all (AKSREACH_CDS=off): the same answer, the CLI's classes from the jar
    Path log2 = dir.resolve("classes2.log");
    Run off = launch(Map.of("AKSREACH_CDS", "off", "AKSREACH_JAVA_OPTS", "-Xlog:class+load=info:file=" + log2),
        check);
    assertThat(off.exit()).as(off.err()).isZero();
    assertThat(off.out()).isEqualTo(first.out());
    assertThat(classSources(log2)).doesNotContain("shared objects file").contains("source: file:");
  }

  /**
   * A launch without the archive that prints the JVM's flags (its first line of stdout) before the command's output;
   * {@code env} adds to the environment.
   */
  private static Run withFlags(Map<String, String> env, String... args) throws Exception {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("AKSREACH_CDS", "off");
    all.put("AKSREACH_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
    Run r = launch(all, args);
    assertThat(r.exit()).as(r.err()).isZero();
    return r;
  }

  private static String flags(Run r) {
    return r.out().lines().findFirst().orElse("");
  }

  /** What the command printed, the flags' line left out. */
  private static String output(Run r) {
    return r.out().lines().skip(1).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
  }

  /**
   * {@code explain} starts with the serial collector (it streams a log through a small live set: BENCHMARKS.md 4.10)
   * and C1 only (its log is read by a byte scanner: BENCHMARKS.md 4.12), and prints what {@code java -jar} prints.
   */
  @Test
  void explainStartsWithTheSerialCollectorAndPrintsWhatTheJarPrints() throws Exception {
    String flowLog = Path.of(LauncherTest.class.getResource("/flowlogs/lab-step4-nsg-user.json").toURI()).toString();
    Run r = withFlags(Map.of(), "explain", STEP4, "--flow-log", flowLog, "--format", "json");
    assertThat(flags(r)).contains("-XX:TieredStopAtLevel=1").contains("-XX:+UseSerialGC");
    assertThat(output(r)).isEqualTo(CliTest.run("explain", STEP4, "--flow-log", flowLog, "--format", "json").out());
    assertThat(output(r)).contains("\"finding\":\"EXPLAINED\"");
  }

  /**
   * Every other command, {@code reach} and {@code lint} too, starts with C1 only and the serial collector: each reads
   * its inputs once and answers (BENCHMARKS.md 4.14: reach at 50,000 nodes 0.46x the CPU of C2 and G1).
   */
  @Test
  void reachStartsWithC1AndTheSerialCollector() throws Exception {
    Run reach = withFlags(Map.of(), "reach", STEP4, "--to", "192.168.0.22:80");
    assertThat(flags(reach)).contains("-XX:TieredStopAtLevel=1").contains("-XX:+UseSerialGC");
  }

  /**
   * The heap asks for transparent huge pages exactly when the kernel offers them ({@code [always]} or
   * {@code [madvise]}), and never with {@code AKSREACH_HUGE_PAGES=off}; the answer is the same either way.
   */
  @Test
  void hugePagesAreAskedForWhenTheKernelOffersThem() throws Exception {
    Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    String mode = Files.isReadable(thp) ? Files.readString(thp) : "";
    boolean offered = mode.contains("[always]") || mode.contains("[madvise]");
    String[] check = {"check", STEP4, "--from", "192.168.1.4", "--to", "192.168.0.22:80"};
    Run auto = withFlags(Map.of(), check);
    assertThat(flags(auto).contains("-XX:+UseTransparentHugePages")).as("kernel mode %s", mode.strip())
        .isEqualTo(offered);
    assertThat(auto.err()).doesNotContain("warning");
    Run off = withFlags(Map.of("AKSREACH_HUGE_PAGES", "off"), check);
    assertThat(flags(off)).doesNotContain("UseTransparentHugePages");
    assertThat(output(off)).isEqualTo(output(auto));
  }

  @Test
  void badInputKeepsItsExitCodeAndStderrThroughTheLauncher() throws Exception {
    Run r = launch(Map.of("AKSREACH_CDS", "off"), "check", STEP4, "--from", "not-an-ip", "--to", "192.168.0.22:80");
    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).contains("--from not-an-ip");
    assertThat(r.out()).isEmpty();
  }
}
