package io.github.aksreach.core.model;

/**
 * Thrown for programming errors only: a structural invariant of a value type broken by code, such as
 * {@code PortRange.of(80, 70)}. Input problems are reported as {@link ModelError} values instead.
 *
 * <pre>{@code
 * PortRange.of(80, 70);   // throws InvalidModelException: invalid port range '80-70': start 80 is greater than end 70
 * PortRange.parse("80-70").isInvalid();   // true, no exception
 * }</pre>
 */
public final class InvalidModelException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidModelException(String message) {
    super(message);
  }

  static <T> T orThrow(io.vavr.control.Validation<ModelError, T> v) {
    if (v.isInvalid()) {
      throw new InvalidModelException(v.getError().message());
    }
    return v.get();
  }
}
