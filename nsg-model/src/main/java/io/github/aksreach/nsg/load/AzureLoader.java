package io.github.aksreach.nsg.load;

import io.github.aksreach.core.input.Documents;
import io.github.aksreach.core.input.InputFiles;
import io.github.aksreach.core.input.ReadLimits;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.nsg.model.AzureNetwork;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads Azure dumps into one joined {@link AzureNetwork}: the loader behind a scenario's {@code azure/} folder.
 *
 * <pre>{@code
 * LoadResult r = AzureLoader.loadDirectory(Path.of("lab/step3-cluster-nsgs/azure"));
 * AzureNetwork net = r.orThrow();                 // or r.toValidation(), r.errors()
 * r.cluster().flatMap(AksCluster::networkPlugin); // Optional[kubenet], from az aks show
 * AzureLoader.loadFile(Path.of("nsgs.json"));     // one file
 * AzureLoader.parse("inline.json", "{\"value\": []}");   // a string, e.g. in tests
 * }</pre>
 *
 * <p>Accepted shapes, detected per file: {@code az} CLI output (flattened fields, one object or a list), REST/ARM
 * GET bodies (fields nested under {@code properties}), {@code {"value": [...]}} list responses, REST spec examples
 * (the body under {@code responses.200.body}), ARM templates ({@code resources[]}) whose values are literal, and
 * Service Tags files ({@code ServiceTags_*.json}). Resource kinds come from {@code type} (ignoring case) or, without
 * one, from the fields present: virtual networks (and subnets), network security groups (and their rules),
 * network interfaces ({@code az network nic list} and {@code az vmss nic list}), route tables, application security
 * groups, load balancers, public IP addresses and {@code az aks show} managed clusters. Other resources are
 * skipped with a note.
 *
 * <p>Validation reports every problem at once, each with its file and JSON path: an unresolved ARM expression
 * ({@code [parameters('x')]}, naming the expression), a priority outside 100-4096 or used twice in one NSG and
 * direction, a bad prefix, a port out of range, an unknown service tag (unless a loaded Service Tags file defines it),
 * a reference to a missing NSG, ASG, route table or subnet of a loaded kind. References to kinds no file holds at
 * all are tolerated with one note per kind: users dump only part of their estate.
 *
 * <p>Files are read through {@link InputFiles} (size caps, no special files, no symbolic links out of the scenario,
 * byte-order marks, UTF-16/32) and {@link Documents}: a file may hold several JSON documents (concatenated, or JSON
 * Lines), each read as if it were a file of its own, with paths starting {@code doc[i]}; duplicate keys are errors.
 * A file that is one list (the array {@code az ... list} prints, or a {@code {"value": [...]}} list response) is read
 * element by element from the token stream, each element a tree of its own, with the same messages and paths.
 */
public final class AzureLoader {
  private AzureLoader() {}

  /** Loads every {@code *.json} file of {@code dir} (not its subfolders), in name order, as one network. */
  public static LoadResult loadDirectory(Path dir) {
    return dir == null ? failed(new ModelError("null", "", "not a directory"))
        : loadDirectory(dir, InputFiles.under(dir, ReadLimits.defaults()));
  }

  /**
   * Loads every {@code *.json} entry of {@code dir} (not its subfolders), in name order, as one network, reading
   * through {@code in} (whose root is the scenario directory, for its limits and symbolic-link rule).
   */
  public static LoadResult loadDirectory(Path dir, InputFiles in) {
    return loadDirectory(dir, in, false);
  }

  /**
   * {@link #loadDirectory(Path, InputFiles)}; with {@code skipInvalid}, what is valid is loaded and every problem
   * becomes a note saying what was left out (a rule with a bad field is left out of its NSG, an NSG whose rules
   * clash is left out of the network), instead of refusing the whole network.
   */
  public static LoadResult loadDirectory(Path dir, InputFiles in, boolean skipInvalid) {
    if (dir == null || !Files.isDirectory(dir)) {
      return failed(new ModelError(String.valueOf(dir), "", "not a directory"));
    }
    List<Path> files = new ArrayList<>();
    try {
      for (Path p : InputFiles.list(dir, false)) {
        if (p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
          files.add(p);
        }
      }
    } catch (IOException e) {
      return failed(new ModelError(dir.toString(), "", "cannot list directory: " + e.getMessage()));
    }
    Collected c = new Collected();
    Problems p = new Problems();
    for (Path f : files) {
      readFile(c, p, f, f.getFileName().toString(), in);
    }
    LoadResult r = skipInvalid ? finishSkipping(c, p) : finish(c, p);
    if (files.isEmpty()) {
      List<ModelError> notes = new ArrayList<>(r.notes());
      notes.add(new ModelError(dir.toString(), "", "no *.json file: the Azure network is empty"));
      return r.withNotes(notes);
    }
    return r;
  }

  /** Loads one file. */
  public static LoadResult loadFile(Path file) {
    return loadFiles(List.of(file));
  }

  /** Loads several files as one network. */
  public static LoadResult loadFiles(List<Path> files) {
    Collected c = new Collected();
    Problems p = new Problems();
    ReadLimits limits = ReadLimits.defaults();
    for (Path f : files) {
      readFile(c, p, f, f.getFileName() == null ? f.toString() : f.getFileName().toString(),
          InputFiles.single(f, limits));
    }
    return finish(c, p);
  }

  /** Loads JSON text, reported as coming from {@code fileName}. */
  public static LoadResult parse(String fileName, String json) {
    Collected c = new Collected();
    Problems p = new Problems();
    read(c, p, fileName, json == null ? "" : json, ReadLimits.defaults(), true);
    return finish(c, p);
  }

  /** Loads several in-memory documents (file name to JSON text) as one network. */
  public static LoadResult parseAll(Map<String, String> documents) {
    return parseAll(documents, ReadLimits.defaults(), false);
  }

  /**
   * Loads several in-memory documents (name to JSON text, read in the map's order) as one network, each parsed
   * within {@code limits}, exactly as the files of a directory: the names stand for file names in every error and
   * note (an adapter names each document after the object it serialised: {@code aksreach-azure}'s
   * {@code AzureSdkScenario} names an Azure SDK model {@code azure-sdk:<resource id>}, having put back the
   * {@code name}, {@code type} and NSG default rules its {@code toJson} leaves out). With {@code skipInvalid}, what is
   * valid is loaded and every problem becomes a note saying what was left out, as
   * {@link #loadDirectory(Path, InputFiles, boolean)} does.
   *
   * <pre>{@code
   * Map<String, String> docs = new LinkedHashMap<>();
   * docs.put("nsgs.json", azNetworkNsgListOutput);   // az network nsg list -o json
   * AzureNetwork net = AzureLoader.parseAll(docs, ReadLimits.defaults(), false).orThrow();
   * }</pre>
   */
  public static LoadResult parseAll(Map<String, String> documents, ReadLimits limits, boolean skipInvalid) {
    return parseAll(documents, InputFiles.texts(limits), skipInvalid);
  }

  /**
   * {@link #parseAll(Map, ReadLimits, boolean)}, each document admitted through {@code texts}
   * ({@link InputFiles#texts}: the per-file and total caps, shared with the other texts of one scenario); a document
   * over a cap is refused naming it, as a file is.
   */
  public static LoadResult parseAll(Map<String, String> documents, InputFiles texts, boolean skipInvalid) {
    return parseAll(documents, texts, skipInvalid, true);
  }

  /**
   * {@link #parseAll(Map, InputFiles, boolean)}; without {@code stream}, every text is read as one tree (the reference
   * {@link AzureListStream} is held to in tests).
   */
  static LoadResult parseAll(Map<String, String> documents, InputFiles texts, boolean skipInvalid, boolean stream) {
    Collected c = new Collected();
    Problems p = new Problems();
    documents.forEach((name, json) -> {
      Validation<ModelError, String> text = texts.admit(name, json == null ? "" : json);
      if (text.isInvalid()) {
        p.errors.add(text.getError());
      } else {
        read(c, p, name, text.get(), texts.limits(), stream);
      }
    });
    return skipInvalid ? finishSkipping(c, p) : finish(c, p);
  }

  /**
   * A file: a list read element by element as its bytes stream from the disk ({@link InputFiles#stream}), else its
   * text as one tree ({@link #read}, whose messages name any problem).
   */
  private static void readFile(Collected c, Problems p, Path f, String name, InputFiles in) {
    Inventory before = c.inventory();
    AzureListStream.Staged staged = new AzureListStream.Staged(name);
    if (in.stream(f, name, staged::read)) {
      staged.keep(c, p);
      c.files++;
      c.byFile.merge(name, c.inventory().minus(before), Inventory::plus);
      return;
    }
    Validation<ModelError, String> text = in.read(f, name);
    if (text.isInvalid()) {
      p.errors.add(text.getError());
    } else {
      // what did not stream from its bytes would not from its text (UTF-16 or 32 aside): one tree
      read(c, p, name, text.get(), in.limits(), false);
    }
  }

  private static void read(Collected c, Problems p, String name, String json, ReadLimits limits, boolean stream) {
    Inventory before = c.inventory();
    readDocuments(c, p, name, json, limits, stream);
    c.byFile.merge(name, c.inventory().minus(before), Inventory::plus);
  }

  /**
   * One text: a list ({@code az ... list}'s array, a {@code {"value": [...]}} response) element by element
   * ({@link AzureListStream}), anything else, or a list with a problem, as one tree.
   */
  private static void readDocuments(Collected c, Problems p, String name, String json, ReadLimits limits,
      boolean stream) {
    c.files++;
    if (stream && AzureListStream.read(c, p, name, json)) {
      return;
    }
    Validation<Seq<ModelError>, List<Documents.Doc>> docs = Documents.json(name, json, limits);
    if (docs.isInvalid()) {
      p.errors.addAll(docs.getError().asJava());
      return;
    }
    List<Documents.Doc> ds = docs.get();
    if (ds.isEmpty()) {
      p.error(name, "$", "empty file: expected a JSON object or array");
      return;
    }
    AzureParser parser = new AzureParser(c, p, name);
    for (int i = 0; i < ds.size(); i++) {
      parser.document(ds.get(i).node(), ds.size() == 1 ? "$" : "doc[" + i + "]");
    }
  }

  private static LoadResult finish(Collected c, Problems p) {
    Linker linker = new Linker(c, p);
    AzureNetwork net = null;
    try {
      net = linker.link();
    } catch (RuntimeException e) {
      if (p.errors.isEmpty()) {
        throw e;   // a bug, not bad input: never hide it
      }
      // the input was already reported broken; linking partial data may trip over it
    }
    LoadResult.Builder b = LoadResult.builder().addAllErrors(p.errors).addAllNotes(p.notes)
        .inventory(c.inventory()).putAllInventoryByFile(c.byFile);
    if (p.errors.isEmpty() && net != null) {
      b.network(net);
      linker.cluster().ifPresent(b::cluster);
    }
    return b.build();
  }

  /** Links what is valid; every error becomes a note of what was left out. */
  private static LoadResult finishSkipping(Collected c, Problems p) {
    Problems lenient = new Problems();
    lenient.notes.addAll(p.notes);
    Linker linker = new Linker(c, lenient);
    AzureNetwork net = null;
    try {
      net = linker.link();
    } catch (RuntimeException e) {
      lenient.error(new ModelError("azure", "", "the valid objects do not form a network: " + e.getMessage()));
    }
    List<ModelError> all = new ArrayList<>(p.errors);
    all.addAll(lenient.errors);
    LoadResult.Builder b = LoadResult.builder().addAllNotes(lenient.notes).inventory(c.inventory())
        .putAllInventoryByFile(c.byFile);
    for (ModelError e : all) {
      b.addNotes(new ModelError(e.file(), e.path(), "left out (--skip-invalid): " + e.message()));
    }
    if (net == null) {
      return b.addAllErrors(lenient.errors).build();
    }
    b.network(net);
    linker.cluster().ifPresent(b::cluster);
    return b.build();
  }

  private static LoadResult failed(ModelError e) {
    return LoadResult.builder().addErrors(e).inventory(Inventory.empty()).build();
  }
}
