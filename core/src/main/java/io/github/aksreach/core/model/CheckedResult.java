package io.github.aksreach.core.model;

import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.Objects;
import java.util.function.Function;

/**
 * What {@link Parsed} and {@link Validated} share: a vavr {@link Validation} held as it is, with the plain-Java exit
 * {@link #orElseThrow()}; they differ only in the shape of their error (one problem, or every problem).
 *
 * <pre>{@code
 * Validated<AksReachability> r = AksReachability.load(Path.of("my-cluster"));
 * AksReachability a = r.orElseThrow();   // or InvalidInputException listing every problem
 * }</pre>
 *
 * @param <E> the error: one {@link ModelError}, or a sequence of them
 * @param <T> the value
 */
abstract class CheckedResult<E, T> implements Validation<E, T> {
  private static final long serialVersionUID = 1L;

  final Validation<E, T> result;

  CheckedResult(Validation<E, T> result) {
    this.result = Objects.requireNonNull(result, "result");
  }

  /** The problems {@link #orElseThrow()} reports: the error as a sequence. */
  abstract Seq<ModelError> problems();

  /**
   * The value.
   *
   * @throws InvalidInputException when the input was refused; its message carries every problem
   */
  public T orElseThrow() {
    if (result.isInvalid()) {
      throw new InvalidInputException(problems());
    }
    return result.get();
  }

  /**
   * The value; the same as {@link #orElseThrow()}.
   *
   * @throws InvalidInputException when the input was refused; its message carries every problem
   */
  @Override
  public T get() {
    return orElseThrow();
  }

  /** {@code mapper} applied to the value when it is valid, the error kept otherwise: a plain Validation. */
  final <U> Validation<E, U> then(Function<? super T, ? extends Validation<E, ? extends U>> mapper) {
    if (result.isInvalid()) {
      return Validation.invalid(result.getError());
    }
    Validation<E, ? extends U> next = mapper.apply(result.get());
    return next.isValid() ? Validation.valid(next.get()) : Validation.invalid(next.getError());
  }

  @Override
  public boolean isValid() {
    return result.isValid();
  }

  @Override
  public boolean isInvalid() {
    return result.isInvalid();
  }

  @Override
  public E getError() {
    return result.getError();
  }

  @Override
  public String stringPrefix() {
    return result.stringPrefix();
  }

  @Override
  public int hashCode() {
    return result.hashCode();
  }

  @Override
  public String toString() {
    return result.toString();
  }
}
