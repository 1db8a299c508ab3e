package io.github.aksreach.k8s.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads {@code kubectl get ... -o yaml|json} output into a {@link KubernetesCluster} (CONTRACTS.md section 1).
 *
 * <pre>{@code
 * KubernetesLoader loader = KubernetesLoader.create();
 * Validation<Seq<ModelError>, Loaded<KubernetesCluster>> r = loader.loadDirectory(Path.of("scenario/k8s"));
 * r.isValid();                                   // false if any file has an error; then nothing is returned
 * r.getError().map(ModelError::toString);
 * // ["traefik.yaml: doc[4].spec.loadBalancerIP: invalid IPv4 address '<ingress-controller-ilb-ipv4-address>': ..."]
 * Loaded<KubernetesCluster> ok = loader.loadString("svc.yaml", "apiVersion: v1\nkind: Service\n...").get();
 * ok.notes();                                    // e.g. "INFO svc.yaml: skipped ServiceAccount ...: ..."
 * }</pre>
 *
 * <p>Accepted input: files ending in {@code .yaml}, {@code .yml} or {@code .json}; each holds one object, a
 * {@code List} or {@code *List} with {@code items}, or (YAML) several {@code ---}-separated documents, of which empty
 * and comment-only ones are skipped. Kinds read: Node, Pod, Service, EndpointSlice, Endpoints (converted to slices),
 * Ingress (v1 and v1beta1), IngressClass, NetworkPolicy, Namespace, ConfigMap, Deployment, DaemonSet, StatefulSet,
 * ReplicaSet. Other kinds are skipped with an INFO note, never an error.
 *
 * <p>Paths in errors and notes are relative to the file's root: {@code items[0].spec.loadBalancerIP} in a List,
 * {@code doc[4].spec.loadBalancerIP} for the fifth document of a multi-document file (counting empty ones), and
 * {@code spec.loadBalancerIP} for a file holding one object. Messages name the offending value and the object, and for
 * multi-document files the line where its document starts.
 *
 * <p>What is checked: every value the model types (addresses, CIDRs, ports, enums, selectors, the NetworkPolicy
 * peer and port rules, Ingress paths) as strictly as the API server would; conflicting duplicates of one object
 * across files. What is only noted: lenient readings (a node with a null spec, a missing Ready condition, an unquoted
 * label value), references to objects not in the dump, and cloud-provider-azure annotation problems.
 */
public final class KubernetesLoader {
  private final ObjectMapper yaml;
  private final ObjectMapper json;

  private KubernetesLoader() {
    this.yaml = new ObjectMapper(new YAMLFactory());
    this.json = new ObjectMapper(new JsonFactory());
    yaml.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    json.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
  }

  public static KubernetesLoader create() {
    return new KubernetesLoader();
  }

  /**
   * One input: a name to report and its text.
   *
   * @param name the name used in messages; a name ending in {@code .json} is read as JSON, anything else as YAML
   * @param text the content
   */
  public record Source(String name, String text) {
    public Source {
      if (name == null || text == null) {
        throw new IllegalArgumentException("Source fields must not be null");
      }
    }
  }

  /**
   * Loads every {@code .yaml}/{@code .yml}/{@code .json} file under {@code dir} (recursively, in name order; hidden
   * files are ignored, other files are noted). File names in messages are relative to {@code dir}.
   */
  public Validation<Seq<ModelError>, Loaded<KubernetesCluster>> loadDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Validation.invalid(Vector.of(new ModelError(dir.toString(), "", "not a directory")));
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile)
          .filter(p -> !isHidden(dir.relativize(p)))
          .sorted().collect(Collectors.toList());
    } catch (IOException e) {
      return Validation.invalid(Vector.of(new ModelError(dir.toString(), "", "cannot list directory: " + e)));
    }
    List<Source> sources = new ArrayList<>();
    List<ModelError> errors = new ArrayList<>();
    List<LoadNote> notes = new ArrayList<>();
    for (Path f : files) {
      String name = dir.relativize(f).toString().replace('\\', '/');
      if (!isKubernetesFile(f)) {
        notes.add(LoadNote.info(name, "", "skipped: not a .yaml, .yml or .json file"));
        continue;
      }
      try {
        sources.add(new Source(name, Files.readString(f, StandardCharsets.UTF_8)));
      } catch (IOException | RuntimeException e) {
        errors.add(new ModelError(name, "", "cannot read file: " + e.getMessage()));
      }
    }
    if (sources.isEmpty() && errors.isEmpty()) {
      notes.add(LoadNote.warning(dir.toString(), "", "no Kubernetes files: the cluster is empty"));
    }
    return load(sources, errors, notes);
  }

  private static boolean isHidden(Path rel) {
    for (Path p : rel) {
      if (p.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isKubernetesFile(Path f) {
    String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
  }

  /** Loads the given files together (one cluster); file names in messages are the paths as given. */
  public Validation<Seq<ModelError>, Loaded<KubernetesCluster>> loadFiles(List<Path> files) {
    List<Source> sources = new ArrayList<>();
    List<ModelError> errors = new ArrayList<>();
    for (Path f : files) {
      try {
        sources.add(new Source(f.toString(), Files.readString(f, StandardCharsets.UTF_8)));
      } catch (IOException | RuntimeException e) {
        errors.add(new ModelError(f.toString(), "", "cannot read file: " + e.getMessage()));
      }
    }
    return load(sources, errors, new ArrayList<>());
  }

  /** Loads one text; {@code name} ends in {@code .json} for JSON, anything else is read as YAML (JSON is YAML). */
  public Validation<Seq<ModelError>, Loaded<KubernetesCluster>> loadString(String name, String text) {
    return load(List.of(new Source(name, text)), new ArrayList<>(), new ArrayList<>());
  }

  /** Loads several texts together as one cluster. */
  public Validation<Seq<ModelError>, Loaded<KubernetesCluster>> loadSources(List<Source> sources) {
    return load(sources, new ArrayList<>(), new ArrayList<>());
  }

  private Validation<Seq<ModelError>, Loaded<KubernetesCluster>> load(List<Source> sources, List<ModelError> errors,
      List<LoadNote> notes) {
    ClusterAccumulator acc = new ClusterAccumulator();
    for (Source s : sources) {
      ReadContext ctx = new ReadContext(s.name());
      try {
        readSource(s, ctx, acc);
      } catch (RuntimeException e) {
        // a reader bug must still come out as an error value, never as an exception to the user
        ctx.errors.add(new ModelError(s.name(), "", "cannot read (internal error, please report): " + e));
      }
      errors.addAll(ctx.errors);
      notes.addAll(ctx.notes);
    }
    errors.addAll(acc.errors);
    if (!errors.isEmpty()) {
      return Validation.invalid(Vector.ofAll(errors));
    }
    KubernetesCluster cluster;
    try {
      cluster = acc.build();
    } catch (RuntimeException e) {
      return Validation.invalid(Vector.of(ModelError.of("inconsistent model: " + e.getMessage())));
    }
    notes.addAll(acc.notes);
    return Validation.valid(new Loaded<>(cluster, notes));
  }

  /** A parsed document and the line it starts on. */
  private record Doc(JsonNode node, int line) {}

  private void readSource(Source s, ReadContext ctx, ClusterAccumulator acc) {
    boolean isJson = s.name().toLowerCase(Locale.ROOT).endsWith(".json");
    List<Doc> docs = new ArrayList<>();
    ObjectMapper mapper = isJson ? json : yaml;
    try (JsonParser p = mapper.getFactory().createParser(s.text())) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        int line = p.currentTokenLocation().getLineNr();
        JsonNode n = t == JsonToken.VALUE_NULL ? null : mapper.readTree(p);
        docs.add(new Doc(n, line));
      }
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      ctx.errors.add(new ModelError(s.name(), where, (isJson ? "JSON" : "YAML") + " syntax error: "
          + e.getOriginalMessage()));
      return;
    } catch (IOException | RuntimeException e) {
      ctx.errors.add(new ModelError(s.name(), "", "cannot parse: " + e.getMessage()));
      return;
    }
    long nonEmpty = docs.stream().filter(d -> d.node() != null && !d.node().isMissingNode()).count();
    if (nonEmpty == 0) {
      ctx.notes.add(LoadNote.info(s.name(), "", "no objects (empty or comments only)"));
      return;
    }
    ObjectReader reader = new ObjectReader(ctx, acc);
    boolean multi = docs.size() > 1;
    for (int i = 0; i < docs.size(); i++) {
      Doc d = docs.get(i);
      if (d.node() == null || d.node().isMissingNode()) {
        continue;
      }
      if (multi) {
        ctx.where = "document starting at line " + d.line();
        if (d.node().isArray()) {
          // a JSON array of objects: read each
          reader.readArray(new Cursor(ctx, "doc[" + i + "]", d.node()));
        } else {
          reader.readDocument(new Cursor(ctx, "doc[" + i + "]", d.node()));
        }
      } else {
        ctx.where = "";
        if (d.node().isArray()) {
          reader.readArray(new Cursor(ctx, "", d.node()));
        } else {
          reader.readDocument(new Cursor(ctx, "", d.node()));
        }
      }
    }
    ctx.where = "";
  }
}
