package io.github.aksreach.nsg.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aksreach.core.input.InputFiles;
import io.github.aksreach.core.input.ReadLimits;
import io.github.aksreach.core.input.TextMutations;
import io.github.aksreach.core.model.ModelError;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An Azure list read element by element ({@link AzureListStream}) gives exactly what reading it as one tree gives: the
 * same network, inventory, errors and notes (file, path, message, in order), strict and with {@code --skip-invalid};
 * on every Azure file of the scenario corpus, the lab and the real-world files, on their resources written as
 * {@code az ... list} arrays and as {@code {"value": [...]}} responses, and on hostile rewrites of those lists.
 */
class AzureListStreamTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private static LoadResult load(String name, String text, boolean skip, boolean stream) {
    return AzureLoader.parseAll(Map.of(name, text), InputFiles.texts(ReadLimits.defaults()), skip, stream);
  }

  /** The text read as one tree, as a text streamed and as a file streamed from its bytes: all alike. */
  private static void agree(String name, String text) {
    Path dir;
    try {
      dir = Files.createTempDirectory("azure-list");
      Files.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    try {
      for (boolean skip : new boolean[] {false, true}) {
        LoadResult tree = load(name, text, skip, false);
        same(name + " text, skip " + skip, load(name, text, skip, true), tree);
        same(name + " file, skip " + skip, AzureLoader.loadDirectory(dir, InputFiles.under(dir, ReadLimits.defaults()),
            skip), tree);
      }
    } finally {
      try {
        Files.delete(dir.resolve(name));
        Files.delete(dir);
      } catch (IOException e) {
        // a temporary directory
      }
    }
  }

  private static void same(String as, LoadResult streamed, LoadResult tree) {
    assertThat(streamed.errors()).as(as + ": errors").isEqualTo(tree.errors());
    assertThat(streamed.notes()).as(as + ": notes").isEqualTo(tree.notes());
    assertThat(streamed.inventoryByFile()).as(as + ": inventory").isEqualTo(tree.inventoryByFile());
    assertThat(streamed).as(as + ": result").isEqualTo(tree);
  }

  /** Whether the file {@code text} is read element by element from its bytes. */
  private static boolean streamsFromBytes(String text) throws IOException {
    Path dir = Files.createTempDirectory("azure-list");
    Path f = Files.write(dir.resolve("l.json"), text.getBytes(StandardCharsets.UTF_8));
    try {
      AzureListStream.Staged staged = new AzureListStream.Staged("l.json");
      return InputFiles.under(dir, ReadLimits.defaults()).stream(f, "l.json", staged::read);
    } finally {
      Files.delete(f);
      Files.delete(dir);
    }
  }

  private static boolean streams(String text) {
    return AzureListStream.read(new Collected(), new Problems(), "l.json", text);
  }

  private static List<Path> corpus() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<Path> out = new ArrayList<>();
    for (Path dir : List.of(root.resolve("examples/src/test/resources/scenarios"),
        root.resolve("examples/src/main/resources/lab"), RealWorldFilesTest.DIR)) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
            .endsWith(".json") && (p.toString().contains("/azure/") || p.startsWith(RealWorldFilesTest.DIR)))
            .sorted().forEach(out::add);
      }
    }
    return out;
  }

  /** The resources of a file: the elements of its lists, or the object itself; none if it does not parse. */
  private static List<JsonNode> resources(Path f) {
    List<JsonNode> out = new ArrayList<>();
    try {
      JsonNode n = JSON.readTree(Files.readString(f));
      if (n == null) {
        return out;
      }
      JsonNode list = n.isArray() ? n : n.has("value") && n.get("value").isArray() && !n.has("type") ? n.get("value")
          : null;
      if (list != null) {
        list.forEach(out::add);
      } else if (n.isObject() && !n.has("$schema") && !n.has("responses")) {
        out.add(n);
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    return out;
  }

  private static String pretty(JsonNode n) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n";
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static ArrayNode array(List<JsonNode> items) {
    ArrayNode a = F.arrayNode();
    items.forEach(i -> a.add(i.deepCopy()));
    return a;
  }

  /** {@code {"nextLink": null, "value": [...]}}, as {@code az rest} prints a list response. */
  private static ObjectNode response(List<JsonNode> items) {
    ObjectNode o = F.objectNode();
    o.putNull("nextLink");
    o.set("value", array(items));
    return o;
  }

  @Test
  void everyCorpusFileAndItsListsReadAlike() throws IOException {
    List<Path> files = corpus();
    assertThat(files).hasSizeGreaterThan(200);
    int streamed = 0;
    for (Path f : files) {
      String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
      agree(f.getFileName().toString(), text);
      List<JsonNode> resources = resources(f);
      if (!resources.isEmpty()) {
        String list = pretty(array(resources));
        assertThat(streams(list)).as(f.toString()).isTrue();
        agree("list.json", list);
        agree("response.json", pretty(response(resources)));
        streamed++;
      }
    }
    assertThat(streamed).isGreaterThan(200);
  }

  @Test
  void aListIsReadElementByElementWithItsPaths() {
    String nsg = "{\"name\": \"n%d\", \"type\": \"Microsoft.Network/networkSecurityGroups\", \"securityRules\": [{"
        + "\"name\": \"r\", \"priority\": %d, \"direction\": \"Inbound\", \"access\": \"Allow\", \"protocol\": \"Tcp\","
        + " \"sourceAddressPrefix\": \"*\", \"destinationAddressPrefix\": \"*\", \"sourcePortRange\": \"*\","
        + " \"destinationPortRange\": \"80\"}]}";
    String array = "[" + String.format(Locale.ROOT, nsg, 0, 100) + ", " + String.format(Locale.ROOT, nsg, 1, 5000)
        + "]";
    LoadResult r = AzureLoader.parse("nsgs.json", array);
    assertThat(r.errors()).extracting(ModelError::file, ModelError::path)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("nsgs.json", "$[1].securityRules[0].priority"));
    assertThat(r.network()).isEmpty();
    assertThat(r.inventory().nsgs()).isEqualTo(2);
    agree("nsgs.json", array);
    String value = "{\"value\": " + array + ", \"nextLink\": null}";
    assertThat(streams(value)).isTrue();
    assertThat(AzureLoader.parse("nsgs.json", value).errors()).extracting(ModelError::path)
        .containsExactly("$.value[1].securityRules[0].priority");
    agree("nsgs.json", value);
    assertThat(AzureLoader.parse("e.json", "{\"value\": []}").notes()).extracting(ModelError::path, ModelError::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("$.value", "empty list: nothing to load"));
    agree("e.json", "{\"value\": []}");
    agree("e.json", "[]");
  }

  @Test
  void whatIsNotAPlainListIsLeftToTheTreeReader() {
    String nic = "{\"name\": \"a\", \"ipConfigurations\": [], \"macAddress\": \"00-0D-3A-00-00-01\"}";
    for (String text : List.of(
        nic,                                                                   // one resource
        "[" + nic + "] [" + nic + "]",                                        // two documents
        "[" + nic + "]\n" + nic,                                              // JSON Lines after the array
        "{\"value\": [" + nic + "], \"type\": \"x\"}",                          // a resource named by its type
        "{\"value\": [" + nic + "], \"properties\": {}}",                       // an object beside the list
        "{\"value\": [" + nic + "], \"value\": []}",                            // duplicate key
        "[{\"name\": \"a\", \"name\": \"b\"}]",                                 // duplicate inside
        "[" + nic + ", {\"name\": ",                                          // cut short
        "{\"value\": {}}",                                                     // value not a list
        "{\"resources\": [" + nic + "], \"$schema\": \"x\"}",                   // an ARM template
        "",
        "42")) {
      assertThat(streams(text)).as(text).isFalse();
      agree("x.json", text);
    }
  }

  /** A malformed element in the middle of a 3,000-NIC list: the file is refused naming it, nothing of it is kept. */
  @Test
  void aMalformedElementInTheMiddleOfALargeListRefusesTheFileWholly() throws IOException {
    List<String> nics = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      nics.add(nic(i, "10.224." + (i / 250) + "." + (i % 250 + 4)));
    }
    String valid = "[" + String.join(",\n", nics) + "]";
    assertThat(streamsFromBytes(valid)).isTrue();
    LoadResult ok = AzureLoader.parse("nics.json", valid);
    assertThat(ok.errors()).isEmpty();
    assertThat(ok.orThrow().nics()).hasSize(3000);

    List<String> dup = new ArrayList<>(nics);
    dup.set(1500, dup.get(1500).replace("\"primary\": true", "\"primary\": true, \"primary\": false"));
    String dupText = "[" + String.join(",\n", dup) + "]";
    LoadResult d = AzureLoader.parse("nics.json", dupText);
    assertThat(d.errors()).hasSize(1);
    assertThat(d.errors().get(0).file()).isEqualTo("nics.json");
    assertThat(d.errors().get(0).path()).isEqualTo("line 1501");
    assertThat(d.errors().get(0).message()).isEqualTo("duplicate key 'primary' in [1500].ipConfigurations[0]: first"
        + " on line 1501, again on line 1501 (keep one)");
    assertThat(d.network()).isEmpty();
    assertThat(d.inventory().nics()).isZero();
    agree("nics.json", dupText);

    List<String> cut = new ArrayList<>(nics);
    cut.set(1500, "{\"name\": \"broken\", \"ipConfigurations\": [}");
    String cutText = "[" + String.join(",\n", cut) + "]";
    LoadResult c = AzureLoader.parse("nics.json", cutText);
    assertThat(c.errors()).extracting(ModelError::file).containsExactly("nics.json");
    assertThat(c.errors().get(0).path()).startsWith("line 1501, column ");
    assertThat(c.errors().get(0).message()).startsWith("JSON syntax error: ");
    assertThat(c.network()).isEmpty();
    assertThat(c.inventory().nics()).isZero();
    agree("nics.json", cutText);

    List<String> bad = new ArrayList<>(nics);
    bad.set(1500, nic(1500, "10.224.6.300"));
    String badText = "[" + String.join(",\n", bad) + "]";
    LoadResult b = AzureLoader.parse("nics.json", badText);
    assertThat(b.errors()).extracting(ModelError::file, ModelError::path).containsExactly(
        org.assertj.core.groups.Tuple.tuple("nics.json", "$[1500].ipConfigurations[0].privateIPAddress"));
    assertThat(b.errors().get(0).message()).contains("10.224.6.300");
    assertThat(b.network()).isEmpty();
    agree("nics.json", badText);
  }

  private static String nic(int i, String address) {
    return "{\"enableIPForwarding\": false, \"id\": \"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/"
        + "networkInterfaces/nic" + i + "\", \"ipConfigurations\": [{\"name\": \"ipconfig1\", \"primary\": true,"
        + " \"privateIPAddress\": \"" + address + "\", \"subnet\": {\"id\": \"/subscriptions/s/resourceGroups/rg/"
        + "providers/Microsoft.Network/virtualNetworks/v/subnets/s\"}}], \"macAddress\": \"00-0D-3A-00-00-01\","
        + " \"name\": \"nic" + i + "\", \"type\": \"Microsoft.Network/networkInterfaces\"}";
  }

  /** Values hostile to the Azure readers: ARM expressions, control characters, out-of-range numbers, odd types. */
  private static JsonNode junk(int choice) {
    return switch (choice) {
      case 0 -> F.nullNode();
      case 1 -> F.textNode("[parameters('x')]");
      case 2 -> F.textNode("Tcp\u001b");
      case 3 -> F.numberNode(5000);
      case 4 -> F.textNode("10.0.0.0/33");
      case 5 -> F.booleanNode(false);
      case 6 -> F.arrayNode().add("*");
      case 7 -> F.objectNode().put("id", "/subscriptions/s/x");
      case 8 -> F.textNode("");
      default -> F.numberNode(-1);
    };
  }

  /** Replaces a value of some object or array inside {@code n}, picked by {@code pick}. */
  private static void replaceSomeValue(JsonNode n, Iterator<Integer> pick) {
    List<JsonNode> containers = new ArrayList<>();
    List<JsonNode> todo = new ArrayList<>(List.of(n));
    while (!todo.isEmpty()) {
      JsonNode c = todo.remove(todo.size() - 1);
      if (c.isContainerNode() && c.size() > 0) {
        containers.add(c);
        c.forEach(todo::add);
      }
    }
    if (containers.isEmpty()) {
      return;
    }
    JsonNode target = containers.get(pick.next() % containers.size());
    JsonNode value = junk(pick.next() % 10);
    if (target instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      o.set(names.get(pick.next() % names.size()), value);
    } else {
      ((ArrayNode) target).set(pick.next() % target.size(), value);
    }
  }

  /**
   * Hostile rewrites of lists of corpus resources: values replaced by hostile ones, a key given twice, the text cut, a
   * byte-order mark, a second document, a stray brace, a {@code type} beside {@code value}.
   */
  @Test
  void hostileListsReadAlike() throws IOException {
    List<JsonNode> pool = new ArrayList<>();
    for (Path f : corpus()) {
      pool.addAll(resources(f));
    }
    AtomicLong streamed = new AtomicLong();
    AtomicLong invalid = new AtomicLong();
    AtomicLong fromBytes = new AtomicLong();
    qt().withFixedSeed(0xA2E5L).withExamples(300)
        .forAll(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSize(40))
        .checkAssert(picks -> {
          Iterator<Integer> pick = picks.iterator();
          List<JsonNode> items = new ArrayList<>();
          int n = 1 + pick.next() % 6;
          for (int i = 0; i < n; i++) {
            items.add(pool.get(pick.next() % pool.size()));
          }
          JsonNode list = pick.next() % 2 == 0 ? array(items) : response(items);
          int mutations = pick.next() % 4;
          for (int m = 0; m < mutations; m++) {
            replaceSomeValue(list, pick);
          }
          if (list instanceof ObjectNode o && pick.next() % 8 == 0) {
            o.put("type", "Microsoft.Network/networkInterfaces");
          }
          String text = TextMutations.rewrite(pretty(list), pick.next() % 8,
              (lo, hi) -> lo + pick.next() % (hi - lo + 1),
              "{\"name\": \"z\", \"type\": \"Microsoft.Network/applicationSecurityGroups\"}\n");
          if (streams(text)) {
            streamed.incrementAndGet();
          }
          try {
            if (streamsFromBytes(text)) {
              fromBytes.incrementAndGet();
            }
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          if (!load("l.json", text, false, false).isValid()) {
            invalid.incrementAndGet();
          }
          agree("l.json", text);
        });
    assertThat(streamed.get()).as("cases read element by element").isGreaterThan(100);
    assertThat(invalid.get()).as("cases refused").isGreaterThan(50);
    assertThat(fromBytes.get()).as("cases read element by element from the file's bytes").isGreaterThan(100);
  }

  /** Every field of {@link Collected} is carried by {@link Collected#absorb} (a field added later must be too). */
  @Test
  @SuppressWarnings("unchecked")
  void absorbCarriesEveryField() throws IllegalAccessException {
    Collected staged = new Collected();
    Collected into = new Collected();
    int fields = 0;
    for (Field f : Collected.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) || f.getName().equals("byFile")) {
        continue;
      }
      fields++;
      if (f.getType() == int.class) {
        f.setInt(staged, 3);
        f.setInt(into, 4);
      } else {
        ((List<Object>) f.get(staged)).add("staged");
        ((List<Object>) f.get(into)).add("held");
      }
    }
    into.absorb(staged);
    for (Field f : Collected.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) || f.getName().equals("byFile")) {
        continue;
      }
      if (f.getType() == int.class) {
        assertThat(f.getInt(into)).as(f.getName()).isEqualTo(7);
      } else {
        assertThat((List<Object>) f.get(into)).as(f.getName()).containsExactly("held", "staged");
      }
    }
    assertThat(fields).isEqualTo(33);
  }
}
