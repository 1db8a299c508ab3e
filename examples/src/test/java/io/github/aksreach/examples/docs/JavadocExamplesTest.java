package io.github.aksreach.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The usage examples in the Javadoc of every module's main sources ({@code <pre>{@code ...}</pre>} blocks) name only
 * members that exist: each {@code Type.member(} where {@code Type} is an aksreach type must resolve to a public method
 * (or a nested type's constructor-like factory) of that type, by name. Examples are fragments (they use variables
 * the reader has), so they are not compiled whole; this catches the calls to methods that do not exist, and the
 * vavr idiom {@code getOrElseThrow(errs -> ...)} that vavr 1.0.0 does not have.
 */
class JavadocExamplesTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final List<String> MODULES = List.of("core", "nsg-model", "k8s-model", "examples");
  private static final Pattern PRE = Pattern.compile("<pre>\\{@code(.*?)}</pre>", Pattern.DOTALL);
  private static final Pattern CALL = Pattern.compile("(?<![\\w.])([A-Z]\\w*(?:\\.[A-Z]\\w*)*)\\.([a-z]\\w*)\\(");
  private static final Pattern LAMBDA_THROW = Pattern.compile("getOrElseThrow\\(\\s*\\(?\\w*\\)?\\s*->");

  record Example(Path file, String code) {}

  static List<Example> examples() throws IOException {
    List<Example> out = new ArrayList<>();
    for (String m : MODULES) {
      Path src = ROOT.resolve(m).resolve("src/main/java");
      try (Stream<Path> files = Files.walk(src)) {
        for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
          Matcher pre = PRE.matcher(Files.readString(f));
          while (pre.find()) {
            out.add(new Example(f, pre.group(1).replaceAll("(?m)^\\s*\\* ?", "")));
          }
        }
      }
    }
    return out;
  }

  /** Every aksreach main type (top-level and nested, public or not, Immutables' too) by simple name. */
  static Map<String, List<Class<?>>> typesBySimpleName() throws IOException {
    Map<String, List<Class<?>>> out = new HashMap<>();
    List<Path> roots = new ArrayList<>();
    for (String m : MODULES) {
      roots.add(ROOT.resolve(m).resolve("src/main/java"));
      Path generated = ROOT.resolve(m).resolve("target/generated-sources/annotations");
      if (Files.isDirectory(generated)) {
        roots.add(generated);
      }
    }
    for (Path src : roots) {
      try (Stream<Path> files = Files.walk(src)) {
        for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
          String name = src.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", "");
          if (name.endsWith("package-info")) {
            continue;
          }
          try {
            add(out, Class.forName(name, false, JavadocExamplesTest.class.getClassLoader()));
          } catch (ClassNotFoundException e) {
            throw new AssertionError("no class for " + f, e);
          }
        }
      }
    }
    return out;
  }

  private static void add(Map<String, List<Class<?>>> out, Class<?> c) {
    out.computeIfAbsent(c.getSimpleName(), k -> new ArrayList<>()).add(c);
    for (Class<?> nested : c.getDeclaredClasses()) {
      add(out, nested);
    }
  }

  /**
   * Whether {@code qualified} ("Type", "Outer.Inner" or "Type.CONSTANT") has a member called {@code member} that an
   * example in {@code fromPackage} can call: public, or declared in that package.
   */
  static boolean resolves(Map<String, List<Class<?>>> types, String qualified, String member, String fromPackage) {
    String[] parts = qualified.split("\\.");
    List<Class<?>> candidates = types.get(parts[0]);
    if (candidates == null) {
      return true;   // not an aksreach type (JDK, vavr): not ours to check
    }
    for (Class<?> c : candidates) {
      Class<?> t = c;
      for (int i = 1; t != null && i < parts.length; i++) {
        t = inner(t, parts[i]);
      }
      if (t != null && has(t, member, fromPackage)) {
        return true;
      }
    }
    return false;
  }

  /** The nested type called {@code name}, or the type of the static field called {@code name}, or null. */
  private static Class<?> inner(Class<?> t, String name) {
    for (Class<?> n : t.getDeclaredClasses()) {
      if (n.getSimpleName().equals(name)) {
        return n;
      }
    }
    for (Field f : t.getDeclaredFields()) {
      if (f.getName().equals(name) && Modifier.isStatic(f.getModifiers())) {
        return f.getType();
      }
    }
    return null;
  }

  private static boolean has(Class<?> t, String member, String fromPackage) {
    boolean samePackage = t.getPackageName().equals(fromPackage);
    List<Member> members = new ArrayList<>();
    for (Class<?> k = t; k != null; k = k.getSuperclass()) {
      members.addAll(Arrays.asList(k.getDeclaredMethods()));
      members.addAll(Arrays.asList(k.getDeclaredFields()));
    }
    members.addAll(Arrays.asList(t.getMethods()));
    return members.stream().anyMatch(m -> m.getName().equals(member)
        && (Modifier.isPublic(m.getModifiers()) && Modifier.isPublic(t.getModifiers()) || samePackage))
        || t.isEnum() && (member.equals("values") || member.equals("valueOf"));
  }

  static String packageOf(Path file) {
    for (String m : MODULES) {
      Path src = ROOT.resolve(m).resolve("src/main/java");
      if (file.startsWith(src)) {
        Path rel = src.relativize(file).getParent();
        return rel == null ? "" : rel.toString().replace('/', '.');
      }
    }
    throw new IllegalArgumentException(file.toString());
  }

  @Test
  void everyTypeMemberAJavadocExampleCallsExists() throws IOException {
    Map<String, List<Class<?>>> types = typesBySimpleName();
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Example e : examples()) {
      Matcher call = CALL.matcher(e.code());
      while (call.find()) {
        if (!types.containsKey(call.group(1).split("\\.")[0])) {
          continue;
        }
        checked++;
        if (!resolves(types, call.group(1), call.group(2), packageOf(e.file()))) {
          missing.add(ROOT.relativize(e.file()) + ": " + call.group(1) + "." + call.group(2) + "(...)");
        }
      }
    }
    assertThat(checked).as("calls to aksreach types checked").isGreaterThan(100);
    assertThat(missing).as("Javadoc examples call members that do not exist").isEmpty();
  }

  @Test
  void noExampleUsesAVavrMethodVavr1DoesNotHave() throws IOException {
    List<String> bad = new ArrayList<>();
    for (Example e : examples()) {
      if (LAMBDA_THROW.matcher(e.code()).find()) {
        bad.add(ROOT.relativize(e.file()).toString());
      }
    }
    assertThat(bad).as("getOrElseThrow takes a Supplier in vavr 1.0.0; use orElseThrow() of Validated").isEmpty();
  }

  @Test
  void theCheckFindsACallToAMissingMethod() throws IOException {
    Map<String, List<Class<?>>> types = typesBySimpleName();
    String solver = "io.github.aksreach.core.solver";
    assertThat(resolves(types, "Classifier", "filter", solver)).isFalse();
    assertThat(resolves(types, "Classifier", "of", solver)).isTrue();
    assertThat(resolves(types, "Classifier.Rule", "of", solver)).isTrue();
    assertThat(resolves(types, "Protocol.TCP", "number", solver)).isTrue();   // an enum constant's method
    assertThat(resolves(types, "ProbeProtocol", "fromAnnotation", solver)).isTrue();   // the k8s-model one has it
    // the CLI's Destination.parse is package-private: fine in the CLI's own examples, not in k8s-model's
    assertThat(resolves(types, "Destination", "parse", "io.github.aksreach.k8s.analysis")).isFalse();
    assertThat(resolves(types, "Destination", "parse", "io.github.aksreach.examples.cli")).isTrue();
    assertThat(LAMBDA_THROW.matcher("x.getOrElseThrow(errs -> new E())").find()).isTrue();
    assertThat(LAMBDA_THROW.matcher("x.getOrElseThrow(IllegalStateException::new)").find()).isFalse();
  }
}
