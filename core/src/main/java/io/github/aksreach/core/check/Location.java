package io.github.aksreach.core.check;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where the offending object is written: a file, and inside it a line and/or a path ({@code items[2]},
 * {@code $[1].securityRules[0]}).
 *
 * <pre>{@code
 * Location l = Location.of("k8s/services.yaml").atPath("items[2]").atLine(118);
 * l.toString();   // "k8s/services.yaml:118 (items[2])"
 * }</pre>
 *
 * @param file the file, relative to the input's root where possible
 * @param line the 1-based line of the object's first line, when known
 * @param path the object's path inside the file, empty when unknown
 */
public record Location(String file, OptionalInt line, String path) {
  public Location {
    if (file == null || line == null || path == null) {
      throw new IllegalArgumentException("Location fields must not be null");
    }
    if (line.isPresent() && line.getAsInt() < 1) {
      throw new IllegalArgumentException("line numbers start at 1: " + line.getAsInt());
    }
  }

  /** A whole file. */
  public static Location of(String file) {
    return new Location(file, OptionalInt.empty(), "");
  }

  /** A file and a path inside it. */
  public static Location of(String file, String path) {
    return new Location(file, OptionalInt.empty(), path);
  }

  public Location atLine(int line) {
    return new Location(file, OptionalInt.of(line), path);
  }

  public Location atPath(String path) {
    return new Location(file, line, path);
  }

  /** The path, if any. */
  public Optional<String> pathIfAny() {
    return path.isEmpty() ? Optional.empty() : Optional.of(path);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(file);
    line.ifPresent(l -> sb.append(':').append(l));
    if (!path.isEmpty()) {
      sb.append(" (").append(path).append(')');
    }
    return sb.toString();
  }
}
