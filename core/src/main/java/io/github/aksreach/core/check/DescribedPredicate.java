package io.github.aksreach.core.check;

import java.util.function.Predicate;

/**
 * A predicate with a description that reads as part of a sentence ("are internal", "serve port 80"), used to
 * select the items a check looks at.
 *
 * <pre>{@code
 * DescribedPredicate<Service> internal = DescribedPredicate.describe("are internal", s -> s.internal());
 * internal.and(DescribedPredicate.describe("serve port 80", s -> s.hasPort(80))).description();
 * // "are internal and serve port 80"
 * internal.negate().description();   // "not are internal" -- prefer as("are public") for a better sentence
 * }</pre>
 *
 * @param <T> the item type
 */
public interface DescribedPredicate<T> extends Predicate<T> {
  String description();

  static <T> DescribedPredicate<T> describe(String description, Predicate<? super T> p) {
    return new DescribedPredicate<>() {
      @Override
      public String description() {
        return description;
      }

      @Override
      public boolean test(T t) {
        return p.test(t);
      }

      @Override
      public String toString() {
        return description;
      }
    };
  }

  /** Every item. */
  static <T> DescribedPredicate<T> alwaysTrue() {
    return describe("any", t -> true);
  }

  /** This predicate with another description. */
  default DescribedPredicate<T> as(String description) {
    return describe(description, this);
  }

  default DescribedPredicate<T> and(DescribedPredicate<? super T> other) {
    DescribedPredicate<T> self = this;
    return describe(description() + " and " + other.description(), t -> self.test(t) && other.test(t));
  }

  default DescribedPredicate<T> or(DescribedPredicate<? super T> other) {
    DescribedPredicate<T> self = this;
    return describe(description() + " or " + other.description(), t -> self.test(t) || other.test(t));
  }

  @Override
  default DescribedPredicate<T> negate() {
    DescribedPredicate<T> self = this;
    return describe("not " + description(), t -> !self.test(t));
  }
}
