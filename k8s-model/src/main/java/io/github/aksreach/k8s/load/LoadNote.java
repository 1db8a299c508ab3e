package io.github.aksreach.k8s.load;

import io.github.aksreach.core.model.SafeText;

/**
 * Something a loader wants the user to know that is not an error: a skipped kind, a lenient reading, a reference to
 * an object that is not in the dump.
 *
 * <pre>{@code
 * LoadNote n = LoadNote.warning("nodes.yaml", "items[2].spec", "Node n3: spec is null");
 * n.toString();   // "WARNING nodes.yaml: items[2].spec: Node n3: spec is null"
 * }</pre>
 *
 * <p>Like {@link io.github.aksreach.core.model.ModelError}, every field is made safe to print ({@link SafeText}).
 *
 * @param severity how much it matters
 * @param file the file, or empty
 * @param path the YAML/JSON path inside the file, or empty
 * @param message what happened, naming the object and value
 */
public record LoadNote(Severity severity, String file, String path, String message) {
  /** How much a note matters. */
  public enum Severity {
    /** Expected and harmless (a skipped kind). */
    INFO,
    /** Read leniently or incomplete: the model may not say what the user expects. */
    WARNING
  }

  public LoadNote {
    if (severity == null || file == null || path == null || message == null) {
      throw new IllegalArgumentException("LoadNote fields must not be null");
    }
    file = SafeText.message(file);
    path = SafeText.message(path);
    message = SafeText.message(message);
  }

  public static LoadNote info(String file, String path, String message) {
    return new LoadNote(Severity.INFO, file, path, message);
  }

  public static LoadNote warning(String file, String path, String message) {
    return new LoadNote(Severity.WARNING, file, path, message);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(severity.name()).append(' ');
    if (!file.isEmpty()) {
      sb.append(file).append(": ");
    }
    if (!path.isEmpty()) {
      sb.append(path).append(": ");
    }
    return sb.append(message).toString();
  }
}
