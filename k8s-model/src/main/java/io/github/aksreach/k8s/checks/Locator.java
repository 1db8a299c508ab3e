package io.github.aksreach.k8s.checks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.aksreach.core.check.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the provenance the loaders record (a file name inside {@code k8s/} or {@code azure/} and a path such as
 * {@code items[2]} or {@code $[1].securityRules[0]}) into a {@link Location} relative to the scenario directory,
 * with the line the object starts on when the file can be read.
 *
 * <pre>{@code
 * Locator l = Locator.of(Optional.of(Path.of("my-scenario")));
 * l.k8s(new io.github.aksreach.nsg.model.Provenance("services.yaml", "items[2]"));
 * // Location k8s/services.yaml:118 (items[2])
 * }</pre>
 */
public final class Locator {
  private final Optional<Path> root;
  private final Map<String, Map<String, Integer>> lines = new HashMap<>();

  private Locator(Optional<Path> root) {
    this.root = root;
  }

  /** A locator for a scenario directory (empty: locations without line numbers). */
  public static Locator of(Optional<Path> scenarioDir) {
    return new Locator(scenarioDir);
  }

  /** The location of a Kubernetes object. */
  public Location k8s(io.github.aksreach.nsg.model.Provenance p) {
    return locate("k8s/", p.file(), p.path());
  }

  /** The location of an Azure object. */
  public Location azure(io.github.aksreach.nsg.model.Provenance p) {
    return locate("azure/", p.file(), p.path());
  }

  /** The location of {@code scenario.yaml} (its intents are at {@code intents[i]}). */
  public Location scenarioYaml(String path) {
    return locate("", "scenario.yaml", path);
  }

  private Location locate(String folder, String file, String path) {
    String rel = file.contains("/") || file.contains("\\") || file.isEmpty() ? file : folder + file;
    if (Path.of(rel).isAbsolute() && root.isPresent()) {
      Path abs = Path.of(rel);
      if (abs.startsWith(root.get().toAbsolutePath())) {
        rel = root.get().toAbsolutePath().relativize(abs).toString();
      }
    }
    Location l = Location.of(rel.replace('\\', '/'), path);
    Optional<Integer> line = line(rel, path);
    return line.map(l::atLine).orElse(l);
  }

  private synchronized Optional<Integer> line(String rel, String path) {
    if (root.isEmpty() || rel.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Integer> index = lines.computeIfAbsent(rel, r -> index(root.get().resolve(r)));
    Integer l = index.get(normalize(path));
    if (l == null && normalize(path).isEmpty()) {
      return Optional.of(1);
    }
    return Optional.ofNullable(l);
  }

  static String normalize(String path) {
    String p = path.trim();
    if (p.startsWith("$")) {
      p = p.substring(1);
    }
    if (p.startsWith(".")) {
      p = p.substring(1);
    }
    return p;
  }

  /** Every container path of the file with the line its value starts on (paths as {@link #normalize} gives them). */
  static Map<String, Integer> index(Path file) {
    Map<String, Integer> out = new HashMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
    try (JsonParser p = mapper.getFactory().createParser(Files.readString(file, StandardCharsets.UTF_8))) {
      Deque<Frame> stack = new ArrayDeque<>();
      int docs = 0;
      boolean multi = !json && isMultiDocument(file);
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME) {
          stack.peek().field = p.currentName();
          continue;
        }
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          stack.pop();
          continue;
        }
        String here;
        if (stack.isEmpty()) {
          here = multi ? "doc[" + docs + "]" : "";
          docs++;
        } else {
          Frame f = stack.peek();
          here = f.array ? f.path + "[" + f.index++ + "]" : f.path.isEmpty() ? f.field : f.path + "." + f.field;
        }
        out.putIfAbsent(here, p.currentTokenLocation().getLineNr());
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          stack.push(new Frame(here, t == JsonToken.START_ARRAY));
        }
      }
    } catch (IOException | RuntimeException e) {
      // an unreadable file only costs the line numbers
    }
    return out;
  }

  private static boolean isMultiDocument(Path file) throws IOException {
    int docs = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("---")) {
        docs++;
      }
    }
    return docs > 1 || (docs == 1 && !Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElse("").startsWith("---"));
  }

  private static final class Frame {
    final String path;
    final boolean array;
    String field = "";
    int index;

    Frame(String path, boolean array) {
      this.path = path;
      this.array = array;
    }
  }
}
