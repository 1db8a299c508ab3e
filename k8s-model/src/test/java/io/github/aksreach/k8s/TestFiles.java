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

  public static Path labDir(String step) {
    return moduleDir().resolve("../examples/src/main/resources/lab").resolve(step).normalize();
  }

  public static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Validation<Seq<ModelError>, Loaded<KubernetesCluster>> loadRealWorld(String name) {
    return KubernetesLoader.create().loadString(name, read(realWorld(name)));
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
