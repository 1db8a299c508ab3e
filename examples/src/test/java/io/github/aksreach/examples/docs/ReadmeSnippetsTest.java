package io.github.aksreach.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of the root README.md is compiled and run against the bundled lab, as a reader would
 * paste it: its {@code import} lines become the imports of a class, the rest the body of a method. Paths in the
 * snippets are relative to the repository root (where the README's commands run), so the test resolves the lab's
 * path against the root. Each {@code System.out.println(...)} line whose trailing comment starts with a value
 * ({@code // SOMETIMES  (ALWAYS | SOMETIMES | NEVER)}) must print that value (the text before two spaces) as a line.
 */
class ReadmeSnippetsTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern EXPECTED = Pattern.compile("^\\s*System\\.out\\.println\\(.*\\);\\s*//\\s*(.+)$");

  static List<String> javaBlocks(String markdown) {
    List<String> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(markdown);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The snippet as a compilation unit: imports first, every other line in {@code run()}. */
  static String asClass(String snippet, String className) {
    StringBuilder imports = new StringBuilder();
    StringBuilder body = new StringBuilder();
    for (String line : snippet.split("\n", -1)) {
      if (line.startsWith("import ")) {
        imports.append(line).append('\n');
      } else {
        body.append("    ").append(line.replace("Path.of(\"examples/", "Path.of(\"" + ROOT + "/examples/"))
            .append('\n');
      }
    }
    return imports + "public class " + className + " {\n  public static void run() throws Exception {\n" + body
        + "  }\n}\n";
  }

  /** The values the snippet's println comments promise, in order. */
  static List<String> promised(String snippet) {
    List<String> out = new ArrayList<>();
    for (String line : snippet.split("\n")) {
      Matcher m = EXPECTED.matcher(line);
      if (m.matches()) {
        out.add(m.group(1).split(" {2}")[0].trim());
      }
    }
    return out;
  }

  /** Compiles the unit against the test class path and runs it, returning what it printed. */
  static String compileAndRun(String source, String className, Path work) throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path src = Files.createDirectories(work).resolve(className + ".java");
    Files.writeString(src, source);
    Path classes = Files.createDirectories(work.resolve("classes"));
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units = fm.getJavaFileObjects(src.toFile());
      boolean ok = javac.getTask(diagnostics, fm, null,
          List.of("-classpath", cp, "-d", classes.toString(), "--release", "17", "-Xlint:none"), null, units).call();
      assertThat(ok).as("README snippet compiles:\n%s\n%s", diagnostics, source).isTrue();
    }
    PrintStream saved = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        ReadmeSnippetsTest.class.getClassLoader())) {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      Method run = loader.loadClass(className).getMethod("run");
      run.invoke(null);
    } finally {
      System.setOut(saved);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyJavaBlockOfTheReadmeCompilesAndRunsOnTheLab() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    List<String> blocks = javaBlocks(readme);
    assertThat(blocks).as("the README has Java snippets").isNotEmpty();
    Path work = Files.createTempDirectory("readme-snippets");
    for (int i = 0; i < blocks.size(); i++) {
      String snippet = blocks.get(i);
      String name = "ReadmeSnippet" + i;
      String out = compileAndRun(asClass(snippet, name), name, work.resolve(name));
      List<String> lines = List.of(out.split("\\R"));
      List<String> promised = promised(snippet);
      assertThat(promised).as("snippet %d promises printed values", i).isNotEmpty();
      for (String p : promised) {
        assertThat(lines).as("snippet %d prints what its comment says", i).contains(p);
      }
    }
  }

  @Test
  void theFirstSnippetAnswersTheArticlesQuestion() throws Exception {
    String first = javaBlocks(Files.readString(ROOT.resolve("README.md"))).get(0);
    Path work = Files.createTempDirectory("readme-first");
    String out = compileAndRun(asClass(first, "ReadmeFirst"), "ReadmeFirst", work);
    // the lab's step 4 (lab/README.md): all nodes UP, one request in three delivered; the client misses an opening
    // on the system and user subnets' NSGs; the client itself is not among who always reaches
    List<String> lines = List.of(out.split("\\R"));
    assertThat(lines).startsWith("SOMETIMES", "1/3", "Optional[UP]", "2");
    assertThat(lines.get(4)).startsWith("[").doesNotContain("192.168.1.4/").contains("192.168.0.4/32");
  }

  @Test
  void snippetsAreWrappedAsWritten() throws IOException {
    String unit = asClass("import java.util.List;\nSystem.out.println(List.of(1));   // [1]  a list\n", "X");
    assertThat(unit).startsWith("import java.util.List;\npublic class X {");
    assertThat(promised("System.out.println(List.of(1));   // [1]  a list\nint x = 1;   // one\n"))
        .containsExactly("[1]");
  }
}
