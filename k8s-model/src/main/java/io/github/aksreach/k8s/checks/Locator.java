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
  /**
   * The line of each path asked for, per file: a small file's whole {@link #index}, a large one's answers as its
   * {@link #lineOf} walks find them (misses too, as {@link #NONE}).
   */
  private final Map<String, Map<String, Integer>> lines = new HashMap<>();
  /** Which files are indexed whole (decided once per file). */
  private final Map<String, Boolean> indexedFiles = new HashMap<>();

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
    Path file = root.get().resolve(rel);
    Integer l;
    if (indexedFiles.computeIfAbsent(rel, r -> indexed(file))) {
      l = lines.computeIfAbsent(rel, r -> index(root.get(), file)).get(normalize(path));
    } else {
      l = lines.computeIfAbsent(rel, r -> new HashMap<>()).computeIfAbsent(normalize(path),
          p -> lineOf(root.get(), file, p).orElse(NONE));
      l = NONE.equals(l) ? null : l;
    }
    if (l == null && normalize(path).isEmpty()) {
      return Optional.of(1);
    }
    return Optional.ofNullable(l);
  }

  /** The line of a path that is not in its file (a large file's answers are kept, misses too). */
  private static final Integer NONE = Integer.MIN_VALUE;

  /** Files up to this size get a whole {@link #index}; larger ones a {@link #lineOf} per path asked for. */
  static final long INDEX_MAX_BYTES = 4L << 20;

  private static boolean indexed(Path file) {
    try {
      return Files.size(file) <= INDEX_MAX_BYTES;
    } catch (IOException e) {
      return true;   // index() reads nothing of a file it cannot read
    }
  }

  /**
   * The line of one path of the file, as {@code index(root, file).get(path)} gives it, without indexing the file: the
   * walk goes down only into the values on the way to the path and skips every other (a lint of a 50,000-node dump
   * asks for one line in a 131 MB {@code pods.json}, whose index held a string for each of its values).
   */
  static Optional<Integer> lineOf(Path root, Path file, String path) {
    // the path as a file of one document names it (index drops doc[0] there), and as a file of several does
    String single = "doc[0]" + (path.isEmpty() || path.startsWith("[") ? path : "." + path);
    Integer[] found = new Integer[2];
    int docs = walk(root, file, (here, line) -> {
      if (found[0] == null && here.equals(single)) {
        found[0] = line;
      }
      if (found[1] == null && here.equals(path)) {
        found[1] = line;
      }
      return onTheWay(here, single) || onTheWay(here, path);
    });
    return Optional.ofNullable(docs == 1 ? found[0] : found[1]);
  }

  /** Whether the value at {@code here} holds the one at {@code target}. */
  private static boolean onTheWay(String here, String target) {
    return target.startsWith(here) && (target.length() == here.length() || target.charAt(here.length()) == '.'
        || target.charAt(here.length()) == '[');
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
    int docs = walk(root, file, (here, line) -> {
      out.putIfAbsent(here, line);
      return true;
    });
    return docs == 1 ? singleDocument(out) : out;
  }

  /** What {@link #walk} tells of each value: its path and line; whether to go into it (an object or a list). */
  private interface Visit {
    boolean at(String here, int line);
  }

  /**
   * Walks the values of the file as the loaders read it ({@link InputFiles} under the scenario directory
   * {@code root}), each with its path ({@code doc[i]} first) and line, into those {@code visit} asks for; the number
   * of documents. A file that cannot be read or parsed (changed since the load, which reported it) only costs lines.
   */
  private static int walk(Path root, Path file, Visit visit) {
    if (!Files.isRegularFile(file)) {
      return 0;
    }
    Validation<?, String> text = InputFiles.under(root, ReadLimits.defaults()).read(file, file.toString());
    if (text.isInvalid()) {
      return 0;
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
        boolean into = visit.at(here, p.currentTokenLocation().getLineNr());
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          if (into) {
            stack.push(new Frame(here, t == JsonToken.START_ARRAY));
          } else {
            p.skipChildren();
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // an unparsable file only costs the line numbers (the load reported it)
    }
    return docs;
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
