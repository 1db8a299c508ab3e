package io.github.aksreach.core.model;

import io.vavr.collection.Seq;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Thrown by {@link Validated#orElseThrow()} and {@link Parsed#orElseThrow()} (and their {@code get()}) when the input
 * was refused: the message carries every {@link ModelError}, one per line, each naming its file and path, and
 * {@link #errors()} keeps them as values.
 *
 * <pre>{@code
 * try {
 *   AksReachability a = AksReachability.load(Path.of("my-cluster")).orElseThrow();
 * } catch (InvalidInputException e) {
 *   e.getMessage();   // "2 problems in the input:\n  k8s/all.yaml: $.items[3].spec.ports[0].port: ..."
 *   e.errors();       // the same problems as ModelError values
 * }
 * }</pre>
 *
 * <p>It is a {@link NoSuchElementException}, like {@link java.util.Optional#orElseThrow()} and vavr's
 * {@code Validation.get()}, so code written against either keeps working.
 */
public final class InvalidInputException extends NoSuchElementException {
  private static final long serialVersionUID = 1L;

  private final List<ModelError> errors;

  /** An exception for {@code errors} (at least one). */
  public InvalidInputException(Seq<ModelError> errors) {
    super(message(errors));
    this.errors = errors.toJavaList();
  }

  /** The problems, in the order the loader reported them. */
  public List<ModelError> errors() {
    return List.copyOf(errors);
  }

  private static String message(Seq<ModelError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an InvalidInputException needs at least one error");
    }
    StringBuilder sb = new StringBuilder();
    sb.append(errors.size() == 1 ? "1 problem" : errors.size() + " problems").append(" in the input:");
    for (ModelError e : errors) {
      sb.append("\n  ").append(e);
    }
    return sb.toString();
  }
}
