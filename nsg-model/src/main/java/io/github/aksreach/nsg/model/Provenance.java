package io.github.aksreach.nsg.model;

import java.util.Objects;

/**
 * Where a value came from: the input file and the JSON or YAML path inside it, for Azure dumps and Kubernetes objects
 * alike. Value types keep it as an auxiliary attribute, so two identical objects from two files compare equal.
 *
 * <pre>{@code
 * Provenance p = new Provenance("nsgs.json", "$[1].securityRules[0]");
 * p.toString();                                   // "nsgs.json: $[1].securityRules[0]"
 * new Provenance("services.yaml", "items[2]");    // a Kubernetes object: "services.yaml: items[2]"
 * Provenance.item("pods.json", "items", 7);       // the same as new Provenance("pods.json", "items[7]")
 * }</pre>
 *
 * <p>A value: equal file and path, equal provenance. The path of a list's item is written only when asked for: a dump
 * of 100,000 pods holds no 100,000 texts {@code items[i]} that no message names.
 */
public final class Provenance {
  private final String file;
  /** The path as given, or null for a list's item. */
  private final String given;
  /** The path of the list whose item this is, or null when the path was given. */
  private final String list;
  private final int index;
  /** A list's item's path, made on the first call of {@link #path()} (a race only makes it twice, alike). */
  private String made;

  /**
   * @param file the input file name (may be empty for values built in code)
   * @param path the path ({@code $.a.b[2]}, {@code items[2]}, {@code doc[5]}); empty for a file that holds exactly
   *     this object
   */
  public Provenance(String file, String path) {
    if (file == null || path == null) {
      throw new IllegalArgumentException("provenance fields must not be null");
    }
    this.file = file;
    this.given = path;
    this.list = null;
    this.index = -1;
  }

  private Provenance(String file, String list, int index) {
    this.file = file;
    this.given = null;
    this.list = list;
    this.index = index;
  }

  /** Item {@code index} of the list at {@code list} in {@code file}: the path {@code list[index]}. */
  public static Provenance item(String file, String list, int index) {
    if (file == null || list == null || index < 0) {
      throw new IllegalArgumentException("provenance of an item needs a file, a list path and an index >= 0");
    }
    return new Provenance(file, list, index);
  }

  /** The input file name (empty for values built in code). */
  public String file() {
    return file;
  }

  /** The path inside {@link #file()} ({@code $.a.b[2]}, {@code items[2]}, {@code doc[5]}), empty for the whole file. */
  public String path() {
    if (given != null) {
      return given;
    }
    String p = made;
    if (p == null) {
      p = list + "[" + index + "]";
      made = p;
    }
    return p;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Provenance)) {
      return false;
    }
    Provenance other = (Provenance) o;
    return file.equals(other.file) && path().equals(other.path());
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, path());
  }

  @Override
  public String toString() {
    String p = path();
    return file.isEmpty() ? p : p.isEmpty() ? file : file + ": " + p;
  }
}
