package io.github.aksreach.core.model;

/**
 * One problem found in user input, with where it was found. Errors are values: parsers and loaders return
 * {@code Validation<ModelError, T>} (or {@code Validation<Seq<ModelError>, T>} for whole files) and never throw
 * for bad input.
 *
 * <pre>{@code
 * Validation<ModelError, IpPrefix> p = IpPrefix.parse("10.0.0.1/33");
 * p.getError().message();   // "invalid prefix '10.0.0.1/33': length 33 is out of range 0-32 for IPv4"
 * p.getError().at("nsgs.json", "$[0].securityRules[3].sourceAddressPrefix").toString();
 * // "nsgs.json: $[0].securityRules[3].sourceAddressPrefix: invalid prefix '10.0.0.1/33': ..."
 * }</pre>
 *
 * <p>Every field is made safe to print ({@link SafeText#message}): one line, no control characters, long values cut.
 *
 * @param file the input file, or empty when not known yet
 * @param path the JSON/YAML path inside the file (JSONPath-like, {@code $.a.b[2]}), or empty
 * @param message what is wrong, naming the offending value
 */
public record ModelError(String file, String path, String message) {

  public ModelError {
    if (file == null || path == null || message == null) {
      throw new IllegalArgumentException("ModelError fields must not be null");
    }
    file = SafeText.message(file);
    path = SafeText.message(path);
    message = SafeText.message(message);
  }

  /** An error not yet tied to a file or path. */
  public static ModelError of(String message) {
    return new ModelError("", "", message);
  }

  /** An error not yet tied to a file or path, formatted like {@link String#format}. */
  public static ModelError of(String format, Object... args) {
    return of(String.format(format, args));
  }

  /** This error, located in {@code file} at {@code path}. */
  public ModelError at(String file, String path) {
    return new ModelError(file, path, message);
  }

  /** This error with {@code path} set (the file stays). */
  public ModelError atPath(String path) {
    return new ModelError(file, path, message);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (!file.isEmpty()) {
      sb.append(file).append(": ");
    }
    if (!path.isEmpty()) {
      sb.append(path).append(": ");
    }
    return sb.append(message).toString();
  }
}
