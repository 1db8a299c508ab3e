package io.github.aksreach.k8s.cluster;

import io.github.aksreach.core.input.InputFiles;
import io.github.aksreach.core.input.ReadLimits;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.load.KubernetesLoader;
import io.github.aksreach.k8s.load.LoadNote;
import io.github.aksreach.k8s.load.Loaded;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.nsg.load.AzureLoader;
import io.github.aksreach.nsg.load.Inventory;
import io.github.aksreach.nsg.load.LoadResult;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a scenario directory holds, file by file: the objects read per kind, every note (skipped, read leniently,
 * left out) and every error, so a user sees that nothing was lost in silence ({@code aksreach inventory DIR}).
 *
 * <pre>{@code
 * ScenarioInventory inv = ScenarioInventory.of(Path.of("my-dump"), LoadOptions.strict());
 * inv.files().get(0);      // FileCounts[file=azure/nsgs.json, counts={nsgs=2, customRules=7, defaultRules=12}]
 * inv.notes();             // "azure/nsgs.json: $[2]: skipped resource of type Microsoft.Network/..."
 * InventoryOutput.text(inv);   // one line per file, then the notes and the errors (k8s.output)
 * }</pre>
 *
 * @param files every file read, in the order read (azure/, then k8s/, then scenario.yaml), with its counts
 * @param notes what the loaders noted, each naming file and path
 * @param errors what refuses the scenario (empty when it loads), each naming file and path
 */
public record ScenarioInventory(List<FileCounts> files, List<ModelError> notes, List<ModelError> errors) {
  public ScenarioInventory {
    files = List.copyOf(files);
    notes = List.copyOf(notes);
    errors = List.copyOf(errors);
  }

  /**
   * One file and what it holds.
   *
   * @param file the file, relative to the scenario directory
   * @param counts objects read, by kind (only non-zero counts)
   */
  public record FileCounts(String file, Map<String, Integer> counts) {
    public FileCounts {
      counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
  }

  /** The inventory of {@code dir}, loaded as every command loads it (with {@code options}). */
  public static ScenarioInventory of(Path dir, LoadOptions options) {
    List<FileCounts> files = new ArrayList<>();
    List<ModelError> azureNotes = new ArrayList<>();
    ReadLimits limits = ReadLimits.defaults();
    Path azure = dir.resolve("azure");
    if (Files.isDirectory(azure)) {
      LoadResult r = AzureLoader.loadDirectory(azure, InputFiles.under(dir, limits), options.skipInvalid());
      for (Map.Entry<String, Inventory> e : r.inventoryByFile().entrySet()) {
        files.add(new FileCounts("azure/" + e.getKey(), e.getValue().counts()));
      }
      r.notes().forEach(n -> azureNotes.add(n.file().isEmpty() || n.file().contains("/") ? n
          : n.at("azure/" + n.file(), n.path())));
    }
    Path k8s = dir.resolve("k8s");
    if (Files.isDirectory(k8s)) {
      files.addAll(k8sFiles(dir, k8s, limits, options));
    }
    Validation<Seq<ModelError>, Scenario> s = ScenarioLoader.load(dir, limits, options);
    if (Files.isRegularFile(dir.resolve("scenario.yaml"))) {
      Map<String, Integer> c = new LinkedHashMap<>();
      s.forEach(sc -> c.put("intents", sc.config().intents().size()));
      files.add(new FileCounts("scenario.yaml", c));
    }
    // a refused scenario has no notes of its own: the Azure loader's still say what was skipped
    return s.isValid() ? new ScenarioInventory(files, s.get().notes(), List.of())
        : new ScenarioInventory(files, azureNotes, s.getError().asJava());
  }

  private static List<FileCounts> k8sFiles(Path dir, Path k8s, ReadLimits limits, LoadOptions options) {
    List<FileCounts> out = new ArrayList<>();
    KubernetesLoader strict = KubernetesLoader.create(limits);
    KubernetesLoader loader = options.skipInvalid() ? strict.skippingInvalid() : strict;
    InputFiles in = InputFiles.under(dir, limits);
    List<Path> paths;
    try {
      paths = InputFiles.list(k8s, true);
    } catch (IOException e) {
      return out;   // the scenario load reports it
    }
    for (Path p : paths) {
      String name = k8s.relativize(p).toString().replace('\\', '/');
      String lower = name.toLowerCase(Locale.ROOT);
      if (name.startsWith(".") || name.contains("/.")
          || !(lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json"))) {
        continue;
      }
      Validation<Seq<ModelError>, Loaded<KubernetesCluster>> one = loader.loadFile(p, name, in);
      Map<String, Integer> c = new LinkedHashMap<>();
      if (one.isValid()) {
        KubernetesCluster k = one.get().value();
        put(c, "nodes", k.nodes().size());
        put(c, "pods", k.pods().size());
        put(c, "services", k.services().size());
        put(c, "endpointSlices", k.endpointSlices().size());
        put(c, "ingresses", k.ingresses().size());
        put(c, "ingressClasses", k.ingressClasses().size());
        put(c, "networkPolicies", k.networkPolicies().size());
        put(c, "namespaces", k.namespaces().size());
        put(c, "configMaps", k.configMaps().size());
        put(c, "workloads", k.workloads().size());
        put(c, "gatewayClasses", k.gatewayClasses().size());
        put(c, "gateways", k.gateways().size());
        put(c, "httpRoutes", k.httpRoutes().size());
        put(c, "grpcRoutes", k.grpcRoutes().size());
        put(c, "referenceGrants", k.referenceGrants().size());
        put(c, "authorizationPolicies", k.authorizationPolicies().size());
        // objects left out (an object with two bad fields has two notes, one "what": "Service a/b at items[3]")
        put(c, "leftOut", (int) one.get().notes().stream().map(LoadNote::message)
            .filter(m -> m.startsWith(KubernetesLoader.LEFT_OUT))
            .map(m -> m.substring(0, m.indexOf(": ") < 0 ? m.length() : m.indexOf(": "))).distinct().count());
      } else {
        c.put("refused", one.getError().size());
      }
      out.add(new FileCounts("k8s/" + name, c));
    }
    return out;
  }

  private static void put(Map<String, Integer> c, String kind, int n) {
    if (n > 0) {
      c.put(kind, n);
    }
  }
}
