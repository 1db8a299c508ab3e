package io.github.aksreach.k8s.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.MappingIterator;
import io.github.aksreach.core.input.ReadLimits;
import io.github.aksreach.core.input.TextMutations;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.k8s.JsonMutations;
import io.github.aksreach.k8s.K8sGens;
import io.github.aksreach.k8s.TestFiles;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A {@code .json} List read item by item ({@link JsonListStream}) gives exactly what reading it as one tree gives:
 * the same model, the same errors (file, path, message, in order) and the same notes, strict and with
 * {@code --skip-invalid}; on every Kubernetes file of the scenario corpus and the real-world files, on each of them
 * written as a {@code kubectl -o json} List, and on hostile rewrites of those Lists.
 */
class JsonListStreamTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** A loader's outcome: its errors as text, or its notes as text and the cluster. */
  private static List<Object> outcome(KubernetesLoader loader, String name, String text) {
    Validated<Loaded<KubernetesCluster>> v = loader.loadString(name, text);
    if (v.isInvalid()) {
      return List.of("INVALID", v.getError().map(ModelError::toString).mkString("\n"));
    }
    return List.of("VALID", v.get().notes().toString(), v.get().value());
  }

  /** A loader's outcome on a directory holding one file, {@code name}, of {@code bytes}. */
  private static List<Object> fileOutcome(KubernetesLoader loader, String name, byte[] bytes) {
    return fileOutcome(loader, name, bytes, false);
  }

  /** The same, the file read alone ({@link KubernetesLoader#loadFile}, as {@code inventory} reads each) if asked. */
  private static List<Object> fileOutcome(KubernetesLoader loader, String name, byte[] bytes, boolean alone) {
    try {
      Path dir = Files.createTempDirectory("jsonlist");
      Path f = dir.resolve(name);
      Files.write(f, bytes);
      try {
        Validated<Loaded<KubernetesCluster>> v = alone
            ? loader.loadFile(f, name, io.github.aksreach.core.input.InputFiles.under(dir,
                io.github.aksreach.core.input.ReadLimits.defaults()))
            : loader.loadDirectory(dir);
        if (v.isInvalid()) {
          return List.of("INVALID", v.getError().map(ModelError::toString).mkString("\n"));
        }
        return List.of("VALID", v.get().notes().toString(), v.get().value());
      } finally {
        Files.delete(f);
        Files.delete(dir);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The same outcome item by item as from one tree: from the text, and from the text written as a file (streamed
   * from its bytes when it is a plain List in UTF-8).
   */
  private static void agree(String name, String text) {
    KubernetesLoader strict = KubernetesLoader.create();
    assertThat(outcome(strict, name, text)).as(name).isEqualTo(outcome(strict.treeOnly(), name, text));
    KubernetesLoader skip = strict.skippingInvalid();
    assertThat(outcome(skip, name, text)).as(name + " --skip-invalid")
        .isEqualTo(outcome(skip.treeOnly(), name, text));
    agreeOnFile(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void agreeOnFile(String name, byte[] bytes) {
    KubernetesLoader strict = KubernetesLoader.create();
    assertThat(fileOutcome(strict, name, bytes)).as(name + " as a file")
        .isEqualTo(fileOutcome(strict.treeOnly(), name, bytes));
    KubernetesLoader skip = strict.skippingInvalid();
    assertThat(fileOutcome(skip, name, bytes)).as(name + " as a file, --skip-invalid")
        .isEqualTo(fileOutcome(skip.treeOnly(), name, bytes));
    assertThat(fileOutcome(strict, name, bytes, true)).as(name + " as a file read alone")
        .isEqualTo(fileOutcome(strict, name, bytes));
    // a file that cannot be read at all is left out of a directory, and refused when read alone (as inventory does)
    java.util.Optional<ModelError> unreadable = readError(name, bytes);
    assertThat(fileOutcome(skip, name, bytes, true)).as(name + " as a file read alone, --skip-invalid")
        .isEqualTo(unreadable.isPresent() ? List.of("INVALID", unreadable.get().toString())
            : fileOutcome(skip, name, bytes));
  }

  /** Why a file of {@code bytes} named {@code name} cannot be read as text, if it cannot. */
  private static java.util.Optional<ModelError> readError(String name, byte[] bytes) {
    try {
      Path dir = Files.createTempDirectory("jsonlist");
      Path f = dir.resolve(name);
      Files.write(f, bytes);
      try {
        Validation<ModelError, String> text = io.github.aksreach.core.input.InputFiles.under(dir,
            ReadLimits.defaults()).read(f, name);
        return text.isInvalid() ? java.util.Optional.of(text.getError()) : java.util.Optional.empty();
      } finally {
        Files.delete(f);
        Files.delete(dir);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<Path> corpus() throws IOException {
    Path root = TestFiles.repoRoot();
    List<Path> out = new ArrayList<>();
    for (Path dir : List.of(root.resolve("examples/src/test/resources/scenarios"),
        root.resolve("examples/src/test/resources/npguard"), root.resolve("k8s-model/src/test/resources/realworld"),
        root.resolve("examples/src/main/resources/lab"))) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.filter(Files::isRegularFile).filter(p -> {
          String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
          return (n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml"))
              && (p.toString().contains("/k8s/") || p.toString().contains("realworld") || p.toString()
              .contains("npguard"));
        }).sorted().forEach(out::add);
      }
    }
    return out;
  }

  /** The objects of a file (Lists flattened), or none if it does not parse. */
  private static List<JsonNode> objects(Path f) {
    List<JsonNode> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(Files.readString(f))) {
      while (it.hasNext()) {
        flatten(it.next(), out);
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    return out;
  }

  private static void flatten(JsonNode n, List<JsonNode> out) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return;
    }
    if (n.isArray()) {
      n.forEach(e -> flatten(e, out));
    } else if (n.has("items") && n.path("kind").asText().endsWith("List")) {
      n.path("items").forEach(e -> flatten(e, out));
    } else {
      out.add(n);
    }
  }

  /** {@code items} as {@code kubectl get ... -o json} writes a List: apiVersion, items, kind, metadata. */
  private static ObjectNode list(List<JsonNode> items) {
    ObjectNode l = JsonNodeFactory.instance.objectNode();
    l.put("apiVersion", "v1");
    ArrayNode a = l.putArray("items");
    items.forEach(i -> a.add(i.deepCopy()));
    l.put("kind", "List");
    l.putObject("metadata").put("resourceVersion", "");
    return l;
  }

  /** Every object of the corpus files. */
  private static List<JsonNode> pool() throws IOException {
    List<JsonNode> pool = new ArrayList<>();
    for (Path f : corpus()) {
      pool.addAll(objects(f));
    }
    return pool;
  }

  /** One to {@code most} objects of the pool, drawn at random. */
  private static List<JsonNode> draw(List<JsonNode> pool, K8sGens.R r, int most) {
    List<JsonNode> items = new ArrayList<>();
    int n = r.between(1, most);
    for (int i = 0; i < n; i++) {
      items.add(pool.get(r.between(0, pool.size() - 1)));
    }
    return items;
  }

  private static String pretty(JsonNode n) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n";
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void everyCorpusFileAndItsListReadAlike() throws IOException {
    List<Path> files = corpus();
    assertThat(files).hasSizeGreaterThan(100);
    int lists = 0;
    for (Path f : files) {
      String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
      agree(f.getFileName().toString(), text);
      List<JsonNode> objects = objects(f);
      if (!objects.isEmpty()) {
        String list = pretty(list(objects));
        agree("list.json", list);
        if (JsonListStream.read(list, new ReadContext("list.json"),
            ClusterAccumulator.recording())) {
          lists++;   // read item by item, not left to the tree reader
        }
      }
    }
    assertThat(lists).isGreaterThan(100);
  }

  @Test
  void aListIsReadItemByItemWithItsPaths() {
    String text = "{\"apiVersion\": \"v1\", \"items\": [\n"
        + " {\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"a\", \"namespace\": \"x\"},"
        + " \"spec\": {\"type\": \"ClusterIP\", \"clusterIP\": \"10.0.0.300\", \"ports\": [{\"port\": 80}]}},\n"
        + " {\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"c\", \"namespace\": \"x\"}}\n"
        + "], \"kind\": \"List\", \"metadata\": {}}";
    ReadContext ctx = new ReadContext("svc.json");
    ClusterAccumulator staged = ClusterAccumulator.recording();
    assertThat(JsonListStream.read(text, ctx,
        staged)).isTrue();
    assertThat(ctx.errors).extracting(ModelError::path).containsExactly("items[0].spec.clusterIP");
    assertThat(ctx.errors.get(0).message()).contains("10.0.0.300").contains("Service x/a");
    agree("svc.json", text);
  }

  @Test
  void whatIsNotAPlainListIsLeftToTheTreeReader() {
    ReadLimits limits = ReadLimits.defaults();
    for (String text : List.of(
        "{\"kind\": \"Service\", \"metadata\": {\"name\": \"a\"}}",                          // one object
        "{\"items\": [{\"kind\": \"Pod\"}], \"kind\": \"List\"} {\"kind\": \"List\"}",     // two documents
        "{\"items\": [], \"kind\": \"List\", \"kind\": \"List\"}",                           // duplicate key
        "{\"items\": [{\"metadata\": {\"name\": \"p\"}}], \"kind\": \"PodList\"}",           // kind comes later
        "{\"items\": [{\"kind\": \"Pod\", \"a\": 1, \"a\": 2}], \"kind\": \"List\"}",     // duplicate inside
        "{\"items\": [{\"kind\": \"Pod\"}], \"kind\": \"List\"",                             // cut short
        "{\"items\": {}, \"kind\": \"List\"}",                                                // items not a list
        "[{\"kind\": \"Pod\"}]")) {
      assertThat(JsonListStream.read(text, new ReadContext("x.json"),
          ClusterAccumulator.recording())).as(text).isFalse();
      agree("x.json", text);
    }
    assertThat(JsonListStream.read("{\"kind\": \"PodList\", \"items\": [{\"metadata\": {\"name\": \"p\"}}]}",
        new ReadContext("x.json"), ClusterAccumulator.recording())).isTrue();
  }

  /**
   * Hostile rewrites of a List made of corpus objects: values replaced by other types, a key given twice, the text
   * cut, a byte-order mark, a second document, the List's kind moved first or changed, an item's kind removed.
   */
  @Test
  void hostileListsReadAlike() throws IOException {
    List<JsonNode> pool = pool();
    AtomicLong streamed = new AtomicLong();
    qt().withFixedSeed(0x5713L).withExamples(300).forAll(in -> {
      K8sGens.R r = new K8sGens.R(in);
      ObjectNode l = list(draw(pool, r, 6));
      if (r.between(0, 3) == 0) {
        JsonMutations.mutate(l.get("items"), r.between(1, 3), r::between);
      }
      switch (r.between(0, 9)) {
        case 0 -> {
          ObjectNode first = JsonNodeFactory.instance.objectNode();
          first.put("kind", r.between(0, 1) == 0 ? "PodList" : "List");
          first.setAll(l);
          l = first;
        }
        case 1 -> l.put("kind", "Pod");
        case 2 -> {
          if (l.get("items").get(0) instanceof ObjectNode first) {
            first.remove("kind");
          }
        }
        default -> { }
      }
      return TextMutations.rewrite(pretty(l), r.between(0, 7), r::between,
          "{\"kind\": \"Namespace\", \"metadata\": {\"name\": \"z\"}}\n");
    }).checkAssert(text -> {
      if (JsonListStream.read(text, new ReadContext("l.json"),
          ClusterAccumulator.recording())) {
        streamed.incrementAndGet();
      }
      agree("l.json", text);
    });
    assertThat(streamed.get()).as("cases read item by item").isGreaterThan(100);
  }

  /**
   * A List file streamed from its bytes is refused or read exactly as its decoded text is: well-formed multi-byte
   * characters (two, three and four bytes) in its values, a byte-order mark, and what the decoder refuses (overlong
   * forms, encoded surrogates, values past U+10FFFF, stray continuation bytes, a sequence cut by the end of the
   * file), and the same List in UTF-16 (which only the text path reads).
   */
  @Test
  void hostileBytesReadAlike() throws IOException {
    List<JsonNode> pool = pool();
    byte[][] inserts = {
        "\u00e9".getBytes(StandardCharsets.UTF_8), "\u20ac".getBytes(StandardCharsets.UTF_8),
        "\ud83d\ude00".getBytes(StandardCharsets.UTF_8),
        {(byte) 0xc0, (byte) 0x80}, {(byte) 0xe0, (byte) 0x80, (byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
        {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        {(byte) 0x80}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xff}};
    AtomicLong[] seen = {new AtomicLong(), new AtomicLong()};   // valid with a multi-byte character, refused
    qt().withFixedSeed(0xb17e5L).withExamples(120).forAll(in -> {
      K8sGens.R r = new K8sGens.R(in);
      byte[] text = pretty(list(draw(pool, r, 4))).getBytes(StandardCharsets.UTF_8);
      int how = r.between(0, 13);
      if (how < inserts.length) {
        // inside a value (after the opening quote of the first name), or at the very end
        String t = new String(text, StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"name\"\\s*:\\s*\"").matcher(t);
        int at = r.between(0, 4) == 0 || !m.find() ? text.length : t.substring(0, m.end())
            .getBytes(StandardCharsets.UTF_8).length;
        byte[] out = new byte[text.length + inserts[how].length];
        System.arraycopy(text, 0, out, 0, at);
        System.arraycopy(inserts[how], 0, out, at, inserts[how].length);
        System.arraycopy(text, at, out, at + inserts[how].length, text.length - at);
        return out;
      }
      if (how == inserts.length) {
        byte[] out = new byte[text.length + 3];
        out[0] = (byte) 0xef;
        out[1] = (byte) 0xbb;
        out[2] = (byte) 0xbf;
        System.arraycopy(text, 0, out, 3, text.length);
        return out;
      }
      return new String(text, StandardCharsets.UTF_8).getBytes(how == inserts.length + 1
          ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
    }).checkAssert(bytes -> {
      List<Object> o = fileOutcome(KubernetesLoader.create(), "l.json", bytes);
      boolean multiByte = new String(bytes, StandardCharsets.ISO_8859_1).chars().anyMatch(c -> c >= 0x80);
      if (o.get(0).equals("VALID") && multiByte) {
        seen[0].incrementAndGet();
      }
      if (o.get(0).equals("INVALID") && o.get(1).toString().contains("not valid UTF-8")) {
        seen[1].incrementAndGet();
      }
      agreeOnFile("l.json", bytes);
    });
    assertThat(seen[0].get()).as("Lists with multi-byte characters read").isGreaterThan(10);
    assertThat(seen[1].get()).as("files refused as not UTF-8").isGreaterThan(20);
  }

  @Test
  void aListFileIsStreamedFromItsBytes() throws IOException {
    Path dir = Files.createTempDirectory("jsonlist");
    Path f = dir.resolve("svc.json");
    Files.writeString(f, "{\"apiVersion\": \"v1\", \"items\": [\n"
        + " {\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"caf\u00e9\"}}\n"
        + "], \"kind\": \"List\", \"metadata\": {}}");
    io.github.aksreach.core.input.InputFiles in = io.github.aksreach.core.input.InputFiles.under(dir,
        ReadLimits.defaults());
    ReadContext ctx = new ReadContext("svc.json");
    ClusterAccumulator staged = ClusterAccumulator.recording();
    assertThat(in.stream(f, "svc.json", b -> JsonListStream.read(b, ctx,
        staged))).isTrue();
    assertThat(ctx.errors).isEmpty();
    ClusterAccumulator acc = new ClusterAccumulator();
    staged.replayInto(acc);
    assertThat(acc.build().namespaces()).extracting(ns -> ns.name()).contains("caf\u00e9");
    Files.delete(f);
    Files.delete(dir);
  }
}
