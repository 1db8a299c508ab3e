package io.github.aksreach.core.model;

import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.function.Function;

/**
 * What a loader returns: the loaded value, or every problem found in the input. It is a vavr {@link Validation}
 * (so {@code isValid()}, {@code getError()}, {@code map}, {@code flatMap} and {@code fold} work as usual) with a
 * plain-Java exit: {@link #orElseThrow()} returns the value or throws an {@link InvalidInputException} whose message
 * lists every problem with its file and path.
 *
 * <pre>{@code
 * // plain Java: the value, or an exception that says everything that is wrong
 * AksReachability a = AksReachability.load(Path.of("my-cluster")).orElseThrow();
 *
 * // errors as values
 * Validated<AksReachability> r = AksReachability.load(Path.of("my-cluster"));
 * if (r.isInvalid()) {
 *   r.getError().forEach(e -> System.err.println(e));   // "k8s/all.yaml: $.items[3]...: ..."
 * }
 * }</pre>
 *
 * @param <T> the loaded value
 */
public final class Validated<T> extends CheckedResult<Seq<ModelError>, T> {
  private static final long serialVersionUID = 1L;

  private Validated(Validation<Seq<ModelError>, T> result) {
    super(result);
  }

  /** {@code result} as a load result (itself when it already is one). */
  public static <T> Validated<T> of(Validation<Seq<ModelError>, T> result) {
    return result instanceof Validated<T> r ? r : new Validated<>(result);
  }

  /** A successful load. */
  public static <T> Validated<T> valid(T value) {
    return new Validated<>(Validation.valid(value));
  }

  /** A refused load: {@code errors} must not be empty. */
  public static <T> Validated<T> invalid(Seq<ModelError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a refused load needs at least one error");
    }
    return new Validated<>(Validation.invalid(errors));
  }

  @Override
  Seq<ModelError> problems() {
    return result.getError();
  }

  /** The value mapped, still a load result (the errors unchanged when refused). */
  @Override
  public <U> Validated<U> map(Function<? super T, ? extends U> mapper) {
    return new Validated<>(result.map(mapper));
  }

  /**
   * The next step when this one is valid, still a load result: chains checked steps (a what-if edit, then the
   * analysis) so that {@link #orElseThrow()} stays at hand.
   *
   * <pre>{@code
   * Validated<AksReachability> a = ScenarioLoader.load(dir)
   *     .flatMap(s -> s.withExternalTrafficPolicy("ingress", "ingress-nginx-controller", TrafficPolicy.LOCAL))
   *     .flatMap(s -> AksReachability.assemble(s, AksOptions.defaults()));
   * }</pre>
   */
  @Override
  public <U> Validated<U> flatMap(Function<? super T, ? extends Validation<Seq<ModelError>, ? extends U>> mapper) {
    return new Validated<>(then(mapper));
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof Validated<?> r && result.equals(r.result);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
