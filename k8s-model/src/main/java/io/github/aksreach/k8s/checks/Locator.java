package io.github.aksreach.k8s.checks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.aksreach.core.check.Location;
import io.github.aksreach.core.input.Documents;
import io.github.aksreach.core.input.InputFiles;
import io.github.aksreach.core.input.ReadLimits;
import io.github.aksreach.k8s.load.Yaml;
import io.vavr.control.Validation;
import java.io.IOException;
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
  private static final JsonFactory JSON = new JsonFactory();
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

  /** The location of a path in a file named relative to the scenario ({@code azure/nsgs.json}, {@code k8s/x.yaml}). */
  public Location file(String relativeFile, String path) {
    return locate("", relativeFile, path);
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
    Map<String, Integer> index = lines.computeIfAbsent(rel, r -> index(root.get(), root.get().resolve(r)));
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

  /**
   * Every container path of the file with the line its value starts on (paths as {@link #normalize} gives them, and
   * as the loaders write them: {@code doc[i]} first when the file holds several documents). The file is read as the
   * loaders read it ({@link InputFiles} under the scenario directory {@code root}).
   */
  static Map<String, Integer> index(Path root, Path file) {
    Map<String, Integer> out = new HashMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    Validation<?, String> text = InputFiles.under(root, ReadLimits.defaults()).read(file, file.toString());
    if (text.isInvalid()) {
      return out;   // the load read it, so only a file changed since then: it only costs the line numbers
    }
    boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    int docs = 0;
    try (JsonParser p = (json ? JSON : Yaml.factory()).createParser(Documents.withoutBom(text.get()))) {
      Deque<Frame> stack = new ArrayDeque<>();
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
          here = "doc[" + docs + "]";
          docs++;
        } else {
          Frame f = stack.peek();
          here = f.array ? f.path + "[" + f.index++ + "]" : f.path + "." + f.field;
        }
        out.putIfAbsent(here, p.currentTokenLocation().getLineNr());
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          stack.push(new Frame(here, t == JsonToken.START_ARRAY));
        }
      }
    } catch (IOException | RuntimeException e) {
      // an unparsable file only costs the line numbers (the load reported it)
    }
    return docs == 1 ? singleDocument(out) : out;
  }

  /** A file of one document: its paths without the {@code doc[0]} the loaders write only for several. */
  private static Map<String, Integer> singleDocument(Map<String, Integer> index) {
    Map<String, Integer> out = new HashMap<>();
    index.forEach((k, v) -> {
      String rest = k.substring("doc[0]".length());
      out.put(rest.startsWith(".") ? rest.substring(1) : rest, v);
    });
    return out;
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
