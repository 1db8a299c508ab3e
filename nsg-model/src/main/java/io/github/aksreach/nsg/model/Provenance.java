package io.github.aksreach.nsg.model;

/**
 * Where a value came from: the input file and the JSON or YAML path inside it, for Azure dumps and Kubernetes objects
 * alike. Value types keep it as an auxiliary attribute, so two identical objects from two files compare equal.
 *
 * <pre>{@code
 * Provenance p = new Provenance("nsgs.json", "$[1].securityRules[0]");
 * p.toString();                                   // "nsgs.json: $[1].securityRules[0]"
 * new Provenance("services.yaml", "items[2]");    // a Kubernetes object: "services.yaml: items[2]"
 * }</pre>
 *
 * @param file the input file name (may be empty for values built in code)
 * @param path the path ({@code $.a.b[2]}, {@code items[2]}, {@code doc[5]}); empty for a file that holds exactly
 *     this object
 */
public record Provenance(String file, String path) {
  public Provenance {
    if (file == null || path == null) {
      throw new IllegalArgumentException("provenance fields must not be null");
    }
  }

  @Override
  public String toString() {
    return file.isEmpty() ? path : path.isEmpty() ? file : file + ": " + path;
  }
}
