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
import java.util.List;
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

  private static Validation<Seq<ModelError>, Scenario> read(Path dir, ReadLimits limits, LoadOptions options) {
    if (!Files.isDirectory(dir)) {
      return Validation.invalid(Vector.of(ModelError.of("scenario directory does not exist or is not a directory")
          .at(dir.toString(), "")));
    }
    if (!Files.isDirectory(dir.resolve("azure")) && !Files.isDirectory(dir.resolve("k8s"))) {
      return Validation.invalid(Vector.of(ModelError.of(NO_DUMP + ": it has neither").at(dir.toString(), "")));
    }
    InputFiles in = InputFiles.under(dir, limits);
    List<ModelError> errors = new ArrayList<>();
    List<ModelError> notes = new ArrayList<>();

    AzureNetwork azure = AzureNetwork.empty();
    Optional<io.github.aksreach.nsg.model.AksCluster> aks = Optional.empty();
    Path azureDir = dir.resolve("azure");
    if (Files.isDirectory(azureDir)) {
      LoadResult r = AzureLoader.loadDirectory(azureDir, in, options.skipInvalid());
      errors.addAll(prefixed(r.errors(), "azure/"));
      notes.addAll(prefixed(r.notes(), "azure/"));
      if (r.isValid()) {
        azure = r.network().orElse(AzureNetwork.empty());
        aks = r.cluster();
      }
    }

    KubernetesCluster k8s = KubernetesCluster.empty();
    Path k8sDir = dir.resolve("k8s");
    if (Files.isDirectory(k8sDir)) {
      KubernetesLoader loader = KubernetesLoader.create(limits);
      Validation<Seq<ModelError>, Loaded<KubernetesCluster>> r = (options.skipInvalid() ? loader.skippingInvalid()
          : loader).loadDirectory(k8sDir, in);
      if (r.isInvalid()) {
        errors.addAll(prefixed(r.getError().asJava(), "k8s/"));
      } else {
        k8s = r.get().value();
        for (LoadNote n : r.get().notes()) {
          notes.add(new ModelError(prefix("k8s/", n.file()), n.path(), n.severity() + ": " + n.message()));
        }
      }
    }

    ScenarioConfig config = ScenarioConfig.defaults();
    if (Files.isRegularFile(dir.resolve("scenario.yaml"))) {
      Validation<Seq<ModelError>, Loaded<ScenarioConfig>> r = ScenarioConfigLoader.load(dir.resolve("scenario.yaml"), in);
      if (r.isInvalid()) {
        errors.addAll(r.getError().asJava());
      } else {
        config = r.get().value();
        for (LoadNote n : r.get().notes()) {
          notes.add(new ModelError(n.file(), n.path(), n.severity() + ": " + n.message()));
        }
      }
    }
    if (errors.isEmpty() && k8s.equals(KubernetesCluster.empty()) && azure.equals(AzureNetwork.empty())) {
      errors.add(ModelError.of(NO_DUMP + ": its k8s/ and azure/ hold no object").at(dir.toString(), ""));
    }
    if (!errors.isEmpty()) {
      return Validation.invalid(Vector.ofAll(errors));
    }
    Path fileName = dir.toAbsolutePath().normalize().getFileName();
    return Validation.valid(new Scenario(fileName == null ? dir.toString() : fileName.toString(), azure, k8s, aks,
        config, notes));
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
