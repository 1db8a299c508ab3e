package io.github.aksreach.k8s.load;

import io.github.aksreach.core.input.Documents;
import io.github.aksreach.core.input.InputFiles;
import io.github.aksreach.core.input.ReadLimits;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
 *
 * <p>Files are read through {@link InputFiles} (size caps, no special files, no symbolic links out of the scenario,
 * byte-order marks, UTF-16/32) and {@link Documents} (YAML anchors, aliases and merge keys; concatenated JSON and JSON
 * Lines; duplicate keys are errors naming both lines); see {@link ReadLimits} for the bounds. Files are read one at a
 * time; a {@code .json} List ({@code kubectl get ... -o json}) is read item by item from the token stream, a tree per
 * item, with the same messages and paths as a whole-file read (anything unusual in it is read as one tree instead);
 * YAML files are read whole.
 */
public final class KubernetesLoader {
  /** The start of the message of every note about something {@link #skippingInvalid()} left out. */
  public static final String LEFT_OUT = "left out (--skip-invalid)";

  private final ReadLimits limits;
  private final boolean skipInvalid;
  /** Whether {@code .json} Lists are read item by item ({@link JsonListStream}); off only to compare in tests. */
  private final boolean stream;

  private KubernetesLoader(ReadLimits limits, boolean skipInvalid, boolean stream) {
    this.limits = limits;
    this.skipInvalid = skipInvalid;
    this.stream = stream;
  }

  /** A loader with {@link ReadLimits#defaults()}. */
  public static KubernetesLoader create() {
    return new KubernetesLoader(ReadLimits.defaults(), false, true);
  }

  /** A loader within {@code limits}. */
  public static KubernetesLoader create(ReadLimits limits) {
    return new KubernetesLoader(limits, false, true);
  }

  /**
   * This loader, but loading what is valid ({@code --skip-invalid}): an object with an error is left out alone (the
   * other items of its List and documents of its file are read), a file that cannot be parsed or read is left out
   * whole, and of two conflicting definitions of one object the later is left out. Each problem becomes a WARNING note
   * naming file and path: {@code "left out (--skip-invalid): Service default/web at items[3]: ..."}.
   *
   * <pre>{@code
   * Loaded<KubernetesCluster> l = KubernetesLoader.create().skippingInvalid().loadDirectory(dir).get();
   * l.warnings();   // [WARNING svc.yaml: items[3].spec.ports[0].port: left out (--skip-invalid): Service ...]
   * }</pre>
   */
  public KubernetesLoader skippingInvalid() {
    return new KubernetesLoader(limits, true, stream);
  }

  /** This loader, reading every text as one tree (the reference {@link JsonListStream} is held to in tests). */
  KubernetesLoader treeOnly() {
    return new KubernetesLoader(limits, skipInvalid, false);
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
  public Validated<Loaded<KubernetesCluster>> loadDirectory(Path dir) {
    return loadDirectory(dir, InputFiles.under(dir, limits));
  }

  /**
   * {@link #loadDirectory(Path)}, reading through {@code in} (whose root is the scenario directory, for its limits
   * and symbolic-link rule).
   */
  public Validated<Loaded<KubernetesCluster>> loadDirectory(Path dir, InputFiles in) {
    if (!Files.isDirectory(dir)) {
      return Validated.invalid(Vector.of(new ModelError(dir.toString(), "", "not a directory")));
    }
    List<Path> files = new ArrayList<>();
    try {
      for (Path p : InputFiles.list(dir, true)) {
        if (!isHidden(dir.relativize(p))) {
          files.add(p);
        }
      }
    } catch (IOException e) {
      return Validated.invalid(Vector.of(new ModelError(dir.toString(), "", "cannot list directory: " + e)));
    }
    List<Pending> pending = new ArrayList<>();
    List<LoadNote> notes = new ArrayList<>();
    for (Path f : files) {
      String name = dir.relativize(f).toString().replace('\\', '/');
      if (!isKubernetesFile(f)) {
        notes.add(LoadNote.info(name, "", "skipped: not a .yaml, .yml or .json file"));
        continue;
      }
      pending.add(new Pending(name, () -> in.read(f, name), f, in));
    }
    if (pending.isEmpty()) {
      notes.add(LoadNote.warning(dir.toString(), "", "no Kubernetes files: the cluster is empty"));
    }
    return load(pending, notes);
  }

  /**
   * A text read when its turn comes (a file is read just before it is parsed and dropped after, so one file's text is
   * held at a time).
   */
  private record Pending(String name, java.util.function.Supplier<Validation<ModelError, String>> text, Path file,
      InputFiles in) {
    Pending(String name, java.util.function.Supplier<Validation<ModelError, String>> text) {
      this(name, text, null, null);
    }
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
  public Validated<Loaded<KubernetesCluster>> loadFiles(List<Path> files) {
    List<Pending> pending = new ArrayList<>();
    for (Path f : files) {
      InputFiles in = InputFiles.single(f, limits);
      pending.add(new Pending(f.toString(), () -> in.read(f, f.toString()), f, in));
    }
    return load(pending, new ArrayList<>());
  }

  /**
   * Loads one file read through {@code in} (its caps, shared with the other files {@code in} reads), named
   * {@code name} in messages, as a scenario's directory load reads it: a JSON List streamed from the file's bytes.
   * A file that cannot be read at all (not UTF-8, over a cap, unreadable) is refused even by a loader that
   * {@link #skippingInvalid() skips invalid objects}: there is no object in it to leave out.
   *
   * <pre>{@code
   * InputFiles in = InputFiles.under(scenarioDir, ReadLimits.defaults());
   * loader.loadFile(scenarioDir.resolve("k8s/pods.json"), "pods.json", in).get().value().pods();
   * }</pre>
   */
  public Validated<Loaded<KubernetesCluster>> loadFile(Path file, String name, InputFiles in) {
    return load(new ArrayList<>(List.of(new Pending(name, () -> in.read(file, name), file, in))), new ArrayList<>(),
        true);
  }

  /** Loads one text; {@code name} ends in {@code .json} for JSON, anything else is read as YAML (JSON is YAML). */
  public Validated<Loaded<KubernetesCluster>> loadString(String name, String text) {
    return loadSources(List.of(new Source(name, text)));
  }

  /** Loads several texts together as one cluster, held to this loader's size caps as files are. */
  public Validated<Loaded<KubernetesCluster>> loadSources(List<Source> sources) {
    return loadSources(sources, InputFiles.texts(limits));
  }

  /**
   * {@link #loadSources(List)}, each text admitted through {@code texts} ({@link InputFiles#texts}: the per-file and
   * total caps, shared with the other texts of one scenario); a text over a cap is refused naming it, as a file is.
   */
  public Validated<Loaded<KubernetesCluster>> loadSources(List<Source> sources, InputFiles texts) {
    List<Pending> pending = new ArrayList<>();
    List<ModelError> errors = new ArrayList<>();
    for (Source s : sources) {
      Validation<ModelError, String> text = texts.admit(s.name(), s.text());
      if (text.isInvalid()) {
        errors.add(text.getError());
      } else {
        pending.add(new Pending(s.name(), () -> Validation.valid(s.text())));
      }
    }
    pending.addAll(0, errors.stream().map(e -> new Pending(e.file(), () -> Validation.<ModelError, String>invalid(e)))
        .toList());
    return load(pending, new ArrayList<>());
  }

  /**
   * Reads the texts in turn into one cluster. The errors come in this order: the texts that could not be read, then
   * each text's own, then the conflicts between texts; with {@link #skippingInvalid()} the notes of what was left out
   * in the same order.
   */
  private Validated<Loaded<KubernetesCluster>> load(List<Pending> pending, List<LoadNote> notes) {
    return load(pending, notes, false);
  }

  /** {@link #load(List, List)}; {@code unreadableRefused}: a text that cannot be read is an error even when skipping. */
  private Validated<Loaded<KubernetesCluster>> load(List<Pending> pending, List<LoadNote> notes,
      boolean unreadableRefused) {
    ClusterAccumulator acc = new ClusterAccumulator();
    List<ModelError> errors = new ArrayList<>();        // texts that could not be read
    List<ModelError> readErrors = new ArrayList<>();    // what the texts' reading found
    List<LoadNote> leftOut = new ArrayList<>();
    for (Pending next : pending) {
      ReadContext ctx = streamedFile(next, acc);
      boolean crashed = false;
      if (ctx == null) {
        Validation<ModelError, String> text = next.text().get();
        if (text.isInvalid()) {
          errors.add(text.getError());
          continue;
        }
        Source s = new Source(next.name(), text.get());
        // a file that did not stream from its bytes would not from its text (a UTF-16 or 32 List aside): to the tree
        ctx = next.file() == null ? streamed(s, acc) : null;
        if (ctx == null) {
          ctx = new ReadContext(s.name());
          try {
            readSource(s, ctx, acc);
          } catch (RuntimeException e) {
            // a reader bug must still come out as an error value, never as an exception to the user
            ctx.errors.add(new ModelError(s.name(), "", "cannot read (internal error, please report): " + e));
            crashed = true;
          }
        }
      }
      if (skipInvalid && !crashed) {
        for (ModelError e : ctx.errors) {
          leftOut.add(leftOut(e, ctx.droppedObject.getOrDefault(e, "the entry")));
        }
      } else {
        readErrors.addAll(ctx.errors);
      }
      notes.addAll(ctx.notes);
    }
    if (skipInvalid && !unreadableRefused) {
      for (int i = errors.size() - 1; i >= 0; i--) {
        leftOut.add(0, leftOut(errors.get(i), "the whole file"));   // files that could not be read, first
      }
      errors.clear();
    }
    errors.addAll(readErrors);
    if (skipInvalid) {
      acc.errors.forEach(e -> leftOut.add(leftOut(e, "the later definition")));   // conflicting duplicates
      acc.errors.clear();
    }
    notes.addAll(leftOut);
    errors.addAll(acc.errors);
    if (!errors.isEmpty()) {
      return Validated.invalid(Vector.ofAll(errors));
    }
    KubernetesCluster cluster;
    try {
      cluster = acc.build();
    } catch (RuntimeException e) {
      return Validated.invalid(Vector.of(ModelError.of("inconsistent model: " + e.getMessage())));
    }
    if (!acc.errors.isEmpty()) {
      return Validated.invalid(Vector.ofAll(acc.errors));
    }
    notes.addAll(acc.notes);
    return Validated.valid(new Loaded<>(cluster, notes));
  }

  private static LoadNote leftOut(ModelError e, String what) {
    return LoadNote.warning(e.file(), e.path(), LEFT_OUT + ", " + what + ": " + e.message());
  }

  /**
   * A {@code .json} List read item by item ({@link JsonListStream}) from its text: its context, its objects given to
   * {@code acc}; null if the text is not one (then nothing was given).
   */
  private ReadContext streamed(Source s, ClusterAccumulator acc) {
    return staged(s.name(), acc, (ctx, staged) -> JsonListStream.read(s.text(), ctx, staged));
  }

  /**
   * The same from a file's bytes as they stream from the disk ({@link InputFiles#stream}); null also when it is not a
   * file or not plain UTF-8 (the text path then reads it and words any problem).
   */
  private ReadContext streamedFile(Pending next, ClusterAccumulator acc) {
    if (next.file() == null) {
      return null;
    }
    return staged(next.name(), acc, (ctx, staged) -> next.in().stream(next.file(), next.name(),
        bytes -> JsonListStream.read(bytes, ctx, staged)));
  }

  /** A {@code .json} text read by {@code read} into a context and objects kept (given to {@code acc}) only if true. */
  private ReadContext staged(String name, ClusterAccumulator acc,
      java.util.function.BiPredicate<ReadContext, ClusterAccumulator> read) {
    if (!stream || !name.toLowerCase(Locale.ROOT).endsWith(".json")) {
      return null;
    }
    ReadContext ctx = new ReadContext(name);
    ClusterAccumulator staged = ClusterAccumulator.recording();
    if (!read.test(ctx, staged)) {
      return null;
    }
    staged.replayInto(acc);
    return ctx;
  }

  private void readSource(Source s, ReadContext ctx, ClusterAccumulator acc) {
    boolean isJson = s.name().toLowerCase(Locale.ROOT).endsWith(".json");
    Validation<Seq<ModelError>, List<Documents.Doc>> parsed = isJson ? Documents.json(s.name(), s.text(), limits)
        : Yaml.documents(s.name(), s.text(), limits);
    if (parsed.isInvalid()) {
      for (ModelError e : parsed.getError()) {
        ctx.errors.add(e);
        ctx.droppedObject.put(e, "the whole file");
      }
      return;
    }
    List<Documents.Doc> docs = parsed.get();
    long nonEmpty = docs.stream().filter(d -> d.node() != null && !d.node().isMissingNode()).count();
    if (nonEmpty == 0) {
      ctx.notes.add(LoadNote.info(s.name(), "", "no objects (empty or comments only)"));
      return;
    }
    ObjectReader reader = new ObjectReader(ctx, acc);
    boolean multi = docs.size() > 1;
    for (int i = 0; i < docs.size(); i++) {
      Documents.Doc d = docs.get(i);
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
