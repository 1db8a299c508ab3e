package io.github.aksreach.k8s.cluster;

import io.github.aksreach.core.input.InputFiles;
import io.github.aksreach.core.input.ReadLimits;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.k8s.load.KubernetesLoader;
import io.github.aksreach.k8s.load.LoadNote;
import io.github.aksreach.k8s.load.Loaded;
import io.github.aksreach.k8s.load.ScenarioConfigLoader;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.ScenarioConfig;
import io.github.aksreach.nsg.load.AzureLoader;
import io.github.aksreach.nsg.load.LoadResult;
import io.github.aksreach.nsg.model.AzureNetwork;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a scenario directory (CONTRACTS.md section 1): {@code k8s/}, {@code azure/} and {@code scenario.yaml}, each
 * optional, but at least one of {@code k8s/} and {@code azure/} must hold something: a directory with no dump
 * (empty, or some other directory such as {@code /etc}) is bad input, not an empty cluster. Every problem of every
 * file is reported at once, each naming its file and path; nothing partial is returned. Every file is read through
 * one {@link InputFiles} within {@link ReadLimits} (per-file and per-scenario size caps, no special files, no
 * symbolic links out of the directory).
 *
 * <pre>{@code
 * Validated<Scenario> s = ScenarioLoader.load(Path.of("dumps/prod"));
 * if (s.isInvalid()) s.getError().forEach(e -> System.err.println(e));   // "k8s/services.yaml: items[0]...: ..."
 * Scenario ok = ScenarioLoader.load(Path.of("dumps/prod")).orElseThrow();  // or one exception listing every problem
 * }</pre>
 *
 * <p>A scenario held in memory ({@link ScenarioSources}: the same texts, each named, as the fabric8 adapter makes
 * them) goes through the same readers: {@link #load(ScenarioSources)}.
 */
public final class ScenarioLoader {
  private static final String NO_DUMP = "not a scenario: expected k8s/ (kubectl get ... -o yaml|json output) and/or"
      + " azure/ (az ... output as *.json), optionally scenario.yaml";

  private ScenarioLoader() {}

  /** Loads {@code dir} within {@link ReadLimits#defaults()}. */
  public static Validated<Scenario> load(Path dir) {
    return load(dir, ReadLimits.defaults());
  }

  /** Loads {@code dir} within {@code limits}. */
  public static Validated<Scenario> load(Path dir, ReadLimits limits) {
    return load(dir, limits, LoadOptions.strict());
  }

  /** Loads {@code dir} within {@code limits}, strictly or keeping what is valid ({@link LoadOptions}). */
  public static Validated<Scenario> load(Path dir, ReadLimits limits, LoadOptions options) {
    return Validated.of(read(dir, limits, options));
  }

  /**
   * Loads a scenario held in memory ({@link ScenarioSources}: the texts a directory's files would hold, e.g. what
   * the fabric8 adapter serialises) with the same readers, validation and notes as a directory, within
   * {@link ReadLimits#defaults()}, strictly. Errors and notes name each text by its name.
   */
  public static Validated<Scenario> load(ScenarioSources sources) {
    return load(sources, ReadLimits.defaults(), LoadOptions.strict());
  }

  /**
   * {@link #load(ScenarioSources)} within {@code limits}, strictly or keeping what is valid. The texts are held to the
   * size caps a directory's files are held to (each at most {@link ReadLimits#maxFileBytes()} in UTF-8, all together
   * at most {@link ReadLimits#maxTotalBytes()}); a text over a cap is refused naming it.
   */
  public static Validated<Scenario> load(ScenarioSources sources, ReadLimits limits, LoadOptions options) {
    InputFiles texts = InputFiles.texts(limits);
    Parts parts = new Parts();
    parts.notes.addAll(sources.notes());
    if (!sources.azure().isEmpty()) {
      Map<String, String> docs = new LinkedHashMap<>();
      for (ScenarioSources.Text t : sources.azure()) {
        if (docs.putIfAbsent(t.name(), t.text()) != null) {
          parts.errors.add(ModelError.of("two Azure texts are named alike: each must have a name of its own")
              .at(t.name(), ""));
        }
      }
      parts.azure(AzureLoader.parseAll(docs, texts, options.skipInvalid()), "");
    }
    if (!sources.kubernetes().isEmpty()) {
      List<KubernetesLoader.Source> k8s = new ArrayList<>();
      for (ScenarioSources.Text t : sources.kubernetes()) {
        k8s.add(new KubernetesLoader.Source(t.name(), t.text()));
      }
      KubernetesLoader loader = KubernetesLoader.create(limits);
      parts.kubernetes((options.skipInvalid() ? loader.skippingInvalid() : loader).loadSources(k8s, texts), "");
    }
    sources.scenarioYaml().ifPresent(t -> parts.config(ScenarioConfigLoader.parse(t.name(), t.text(), texts)));
    return Validated.of(parts.scenario(sources.name(), "no Kubernetes object and no Azure resource given",
        sources.name()));
  }

  private static Validation<Seq<ModelError>, Scenario> read(Path dir, ReadLimits limits, LoadOptions options) {
    // problems of the directory itself name it absolutely: the others name files relative to it, and callers
    // resolve a relative name against the directory (a relative "dump" would show as "dump/dump")
    String where = dir.toAbsolutePath().normalize().toString();
    if (!Files.isDirectory(dir)) {
      return Validation.invalid(Vector.of(ModelError.of("scenario directory does not exist or is not a directory")
          .at(where, "")));
    }
    if (!Files.isDirectory(dir.resolve("azure")) && !Files.isDirectory(dir.resolve("k8s"))) {
      return Validation.invalid(Vector.of(ModelError.of(NO_DUMP + ": it has neither").at(where, "")));
    }
    InputFiles in = InputFiles.under(dir, limits);
    Parts parts = new Parts();
    Path azureDir = dir.resolve("azure");
    if (Files.isDirectory(azureDir)) {
      parts.azure(AzureLoader.loadDirectory(azureDir, in, options.skipInvalid()), "azure/");
    }
    Path k8sDir = dir.resolve("k8s");
    if (Files.isDirectory(k8sDir)) {
      KubernetesLoader loader = KubernetesLoader.create(limits);
      parts.kubernetes((options.skipInvalid() ? loader.skippingInvalid() : loader).loadDirectory(k8sDir, in), "k8s/");
    }
    if (Files.isRegularFile(dir.resolve("scenario.yaml"))) {
      parts.config(ScenarioConfigLoader.load(dir.resolve("scenario.yaml"), in));
    }
    Path fileName = dir.toAbsolutePath().normalize().getFileName();
    return parts.scenario(fileName == null ? dir.toString() : fileName.toString(),
        NO_DUMP + ": its k8s/ and azure/ hold no object", where);
  }

  /** What the three readers gave, gathered into one scenario or every error: one way for a directory and texts. */
  private static final class Parts {
    final List<ModelError> errors = new ArrayList<>();
    final List<ModelError> notes = new ArrayList<>();
    AzureNetwork azure = AzureNetwork.empty();
    Optional<io.github.aksreach.nsg.model.AksCluster> aks = Optional.empty();
    KubernetesCluster k8s = KubernetesCluster.empty();
    ScenarioConfig config = ScenarioConfig.defaults();

    void azure(LoadResult r, String folder) {
      errors.addAll(prefixed(r.errors(), folder));
      notes.addAll(prefixed(r.notes(), folder));
      if (r.isValid()) {
        azure = r.network().orElse(AzureNetwork.empty());
        aks = r.cluster();
      }
    }

    void kubernetes(Validation<Seq<ModelError>, Loaded<KubernetesCluster>> r, String folder) {
      if (r.isInvalid()) {
        errors.addAll(prefixed(r.getError().asJava(), folder));
      } else {
        k8s = r.get().value();
        for (LoadNote n : r.get().notes()) {
          notes.add(new ModelError(prefix(folder, n.file()), n.path(), n.severity() + ": " + n.message()));
        }
      }
    }

    void config(Validation<Seq<ModelError>, Loaded<ScenarioConfig>> r) {
      if (r.isInvalid()) {
        errors.addAll(r.getError().asJava());
      } else {
        config = r.get().value();
        for (LoadNote n : r.get().notes()) {
          notes.add(new ModelError(n.file(), n.path(), n.severity() + ": " + n.message()));
        }
      }
    }

    Validation<Seq<ModelError>, Scenario> scenario(String name, String empty, String where) {
      if (errors.isEmpty() && k8s.equals(KubernetesCluster.empty()) && azure.equals(AzureNetwork.empty())) {
        errors.add(ModelError.of(empty).at(where, ""));
      }
      if (!errors.isEmpty()) {
        return Validation.invalid(Vector.ofAll(errors));
      }
      return Validation.valid(new Scenario(name, azure, k8s, aks, config, notes));
    }
  }

  private static List<ModelError> prefixed(List<ModelError> es, String folder) {
    List<ModelError> out = new ArrayList<>();
    for (ModelError e : es) {
      out.add(new ModelError(prefix(folder, e.file()), e.path(), e.message()));
    }
    return out;
  }

  private static String prefix(String folder, String file) {
    if (file.isEmpty() || file.contains("/") || file.contains("\\")) {
      return file;
    }
    return folder + file;
  }
}
