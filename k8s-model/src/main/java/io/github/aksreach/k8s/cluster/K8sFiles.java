package io.github.aksreach.k8s.cluster;

import io.github.aksreach.core.input.InputFiles;
import io.github.aksreach.core.input.ReadLimits;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.load.KubernetesLoader;
import io.github.aksreach.k8s.load.Loaded;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code --skip-invalid} for {@code k8s/}: the files without a bad object, loaded together; the others listed. */
final class K8sFiles {
  private K8sFiles() {}

  /**
   * Reloads {@code dir} without the files {@code errors} name (repeating while the rest still fails, e.g. on a
   * reference across files), adding one note per problem of a left-out file to {@code notes}.
   */
  static Validation<Seq<ModelError>, Loaded<KubernetesCluster>> withoutBadFiles(Path dir, InputFiles in,
      ReadLimits limits, Seq<ModelError> errors, List<ModelError> notes) {
    List<KubernetesLoader.Source> sources = new ArrayList<>();
    try {
      for (Path p : InputFiles.list(dir, true)) {
        String name = dir.relativize(p).toString().replace('\\', '/');
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.startsWith(".") || name.contains("/.")
            || !(lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json"))) {
          continue;
        }
        Validation<ModelError, String> text = in.read(p, name);
        if (text.isValid()) {
          sources.add(new KubernetesLoader.Source(name, text.get()));
        }
      }
    } catch (IOException e) {
      return Validation.invalid(errors);
    }
    return withoutBadSources(sources, limits, errors, notes, "k8s/");
  }

  /**
   * {@link #withoutBadFiles} over texts already read (a directory's files, or the objects an adapter serialised):
   * the sources {@code errors} name are left out, each problem noted with its name after {@code folder}.
   */
  static Validation<Seq<ModelError>, Loaded<KubernetesCluster>> withoutBadSources(
      List<KubernetesLoader.Source> all, ReadLimits limits, Seq<ModelError> errors, List<ModelError> notes,
      String folder) {
    List<KubernetesLoader.Source> sources = all;
    KubernetesLoader loader = KubernetesLoader.create(limits);
    Seq<ModelError> current = errors;
    while (true) {
      Set<String> bad = new HashSet<>();
      current.forEach(e -> bad.add(e.file()));
      List<KubernetesLoader.Source> kept = new ArrayList<>();
      for (KubernetesLoader.Source s : sources) {
        if (!bad.contains(s.name())) {
          kept.add(s);
        }
      }
      if (kept.size() == sources.size()) {
        return Validation.invalid(current);   // the errors name no file of k8s/: nothing to leave out
      }
      for (ModelError e : current) {
        notes.add(new ModelError(folder + e.file(), e.path(), "left out (--skip-invalid), the whole file: "
            + e.message()));
      }
      sources = kept;
      Validation<Seq<ModelError>, Loaded<KubernetesCluster>> r = loader.loadSources(kept);
      if (r.isValid()) {
        return r;
      }
      current = r.getError();
    }
  }
}
