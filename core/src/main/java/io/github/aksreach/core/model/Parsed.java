package io.github.aksreach.core.model;

import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Validation;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a single-value parser returns (an address, a prefix, a port set, a destination, an enum name, ...): the value,
 * or the one problem with the text. It is a vavr {@link Validation} (so {@code isValid()}, {@code getError()},
 * {@code map}, {@code fold} and {@code Validation.combine} work as usual) with a plain-Java exit:
 * {@link #orElseThrow()} returns the value or throws an {@link InvalidInputException} whose message carries the
 * problem, as {@link Validated} does for a loader's many problems.
 *
 * <pre>{@code
 * IpPrefix p = IpPrefix.parse("10.244.0.0/16").orElseThrow();    // plain Java
 * Parsed<PortSet> ports = PortSet.parse("80,443,8000-8080");
 * if (ports.isInvalid()) System.err.println(ports.getError());    // errors as values
 * Destination.parse("10.0.0.999:80/tcp").orElseThrow();          // InvalidInputException: 1 problem in the input: ...
 * }</pre>
 *
 * @param <T> the parsed value
 */
public final class Parsed<T> extends CheckedResult<ModelError, T> {
  private static final long serialVersionUID = 1L;

  private Parsed(Validation<ModelError, T> result) {
    super(result);
  }

  /** {@code result} as a parse result (itself when it already is one). */
  public static <T> Parsed<T> of(Validation<ModelError, T> result) {
    return result instanceof Parsed<T> p ? p : new Parsed<>(result);
  }

  /** A parsed value. */
  public static <T> Parsed<T> valid(T value) {
    return new Parsed<>(Validation.valid(value));
  }

  /** A refused text. */
  public static <T> Parsed<T> invalid(ModelError error) {
    return new Parsed<>(Validation.invalid(Objects.requireNonNull(error, "error")));
  }

  @Override
  Seq<ModelError> problems() {
    return Vector.of(result.getError());
  }

  /** The value mapped, still a parse result (the problem unchanged when refused). */
  @Override
  public <U> Parsed<U> map(Function<? super T, ? extends U> mapper) {
    return new Parsed<>(result.map(mapper));
  }

  /** The next step when this one is valid, still a parse result. */
  @Override
  public <U> Parsed<U> flatMap(Function<? super T, ? extends Validation<ModelError, ? extends U>> mapper) {
    return new Parsed<>(then(mapper));
  }

  /** This result as a load result: its problem, if any, as a one-element list. */
  public Validated<T> toValidated() {
    return result.isValid() ? Validated.valid(result.get()) : Validated.invalid(problems());
  }

  /** Equal to any {@link Validation} in the same state (valid with an equal value, or invalid with an equal error). */
  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof Validation<?, ?> v)) {
      return false;
    }
    Validation<?, ?> other = v instanceof Parsed<?> p ? p.result : v;
    return result.isValid() ? other.isValid() && Objects.equals(result.get(), other.get())
        : other.isInvalid() && Objects.equals(result.getError(), other.getError());
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
