package io.github.aksreach.k8s;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.load.KubernetesLoader;
import io.github.aksreach.k8s.load.Loaded;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the test inputs are: the real-world copies in this module's test resources and the lab scenarios of the
 * {@code examples} module.
 *
 * <pre>{@code
 * KubernetesCluster c = TestFiles.lab("step1-cluster-open");
 * Validation<Seq<ModelError>, Loaded<KubernetesCluster>> r = TestFiles.loadRealWorld("popeye-node-list.yaml");
 * }</pre>
 */
public final class TestFiles {
  private TestFiles() {}

  /** This module's directory (surefire runs tests there). */
  public static Path moduleDir() {
    String basedir = System.getProperty("basedir");
    return basedir != null ? Path.of(basedir) : Path.of("").toAbsolutePath();
  }

  public static Path realWorld(String name) {
    return moduleDir().resolve("src/test/resources/realworld").resolve(name);
  }

  /** The repository root: the first directory upward from the module that holds {@code examples/}. */
  public static Path repoRoot() {
    Path p = moduleDir().toAbsolutePath().normalize();
    while (p != null && !Files.isDirectory(p.resolve("examples/src/main/resources/lab"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("no examples/src/main/resources/lab above " + moduleDir());
    }
    return p;
  }

  public static Path labDir(String step) {
    return repoRoot().resolve("examples/src/main/resources/lab").resolve(step);
  }

  /** A real-world file's text, from the classpath (so that other modules can use this module's test-jar). */
  public static String readRealWorld(String name) {
    try (java.io.InputStream in = TestFiles.class.getResourceAsStream("/realworld/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource realworld/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Validation<Seq<ModelError>, Loaded<KubernetesCluster>> loadRealWorld(String name) {
    return KubernetesLoader.create().loadString(name, readRealWorld(name));
  }

  /** The Kubernetes dump of a lab step; fails the test when it does not load. */
  public static KubernetesCluster lab(String step) {
    Validation<Seq<ModelError>, Loaded<KubernetesCluster>> r = KubernetesLoader.create()
        .loadDirectory(labDir(step).resolve("k8s"));
    if (r.isInvalid()) {
      throw new AssertionError("lab " + step + " does not load: " + r.getError().mkString("\n"));
    }
    return r.get().value();
  }
}
