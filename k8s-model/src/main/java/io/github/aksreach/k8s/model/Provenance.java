package io.github.aksreach.k8s.model;

/**
 * Where an object was read from: the file and the YAML/JSON path of the object inside it. Auxiliary: two objects
 * read from different files are still equal.
 *
 * <pre>{@code
 * Provenance p = new Provenance("services.yaml", "items[2]");
 * p.toString();   // "services.yaml: items[2]"
 * }</pre>
 *
 * @param file the file name (as given to the loader, usually relative to the scenario directory)
 * @param path the path of the object inside the file ({@code items[2]}, {@code doc[5]}); empty for a file that
 *     holds exactly this object
 */
public record Provenance(String file, String path) {
  public Provenance {
    if (file == null || path == null) {
      throw new IllegalArgumentException("Provenance fields must not be null");
    }
  }

  @Override
  public String toString() {
    return path.isEmpty() ? file : file + ": " + path;
  }
}
