package io.github.aksreach.nsg.model;

/**
 * Where a value came from: the input file and the JSON path inside it. Value types keep it as an auxiliary
 * attribute, so two identical rules from two files compare equal.
 *
 * <pre>{@code
 * Provenance p = new Provenance("nsgs.json", "$[1].securityRules[0]");
 * p.toString();   // "nsgs.json: $[1].securityRules[0]"
 * }</pre>
 *
 * @param file the input file name (may be empty for values built in code)
 * @param path the JSON path ({@code $.a.b[2]})
 */
public record Provenance(String file, String path) {
  public Provenance {
    if (file == null || path == null) {
      throw new IllegalArgumentException("provenance fields must not be null");
    }
  }

  @Override
  public String toString() {
    return file.isEmpty() ? path : file + ": " + path;
  }
}
