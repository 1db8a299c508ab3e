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

  private static void agree(String name, String text) {
    KubernetesLoader strict = KubernetesLoader.create();
    assertThat(outcome(strict, name, text)).as(name).isEqualTo(outcome(strict.treeOnly(), name, text));
    KubernetesLoader skip = strict.skippingInvalid();
    assertThat(outcome(skip, name, text)).as(name + " --skip-invalid")
        .isEqualTo(outcome(skip.treeOnly(), name, text));
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
        agree("list.json", pretty(list(objects)));
        lists++;
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
    assertThat(JsonListStream.read("svc.json", text, ReadLimits.defaults(), ctx,
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
      assertThat(JsonListStream.read("x.json", text, limits, new ReadContext("x.json"),
          ClusterAccumulator.recording())).as(text).isFalse();
      agree("x.json", text);
    }
    assertThat(JsonListStream.read("x.json", "{\"kind\": \"PodList\", \"items\": [{\"metadata\": {\"name\": \"p\"}}]}",
        limits, new ReadContext("x.json"), ClusterAccumulator.recording())).isTrue();
  }

  /**
   * Hostile rewrites of a List made of corpus objects: values replaced by other types, a key given twice, the text
   * cut, a byte-order mark, a second document, the List's kind moved first or changed, an item's kind removed.
   */
  @Test
  void hostileListsReadAlike() throws IOException {
    List<JsonNode> pool = new ArrayList<>();
    for (Path f : corpus()) {
      pool.addAll(objects(f));
    }
    AtomicLong streamed = new AtomicLong();
    qt().withFixedSeed(0x5713L).withExamples(300).forAll(in -> {
      K8sGens.R r = new K8sGens.R(in);
      List<JsonNode> items = new ArrayList<>();
      int n = r.between(1, 6);
      for (int i = 0; i < n; i++) {
        items.add(pool.get(r.between(0, pool.size() - 1)));
      }
      ObjectNode l = list(items);
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
      if (JsonListStream.read("l.json", text, ReadLimits.defaults(), new ReadContext("l.json"),
          ClusterAccumulator.recording())) {
        streamed.incrementAndGet();
      }
      agree("l.json", text);
    });
    assertThat(streamed.get()).as("cases read item by item").isGreaterThan(100);
  }

}
