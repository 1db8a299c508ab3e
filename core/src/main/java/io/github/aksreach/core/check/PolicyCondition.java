package io.github.aksreach.core.check;

import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What every selected item should satisfy, as the end of a sentence ("be UP", "reach ALWAYS from 10.0.0.0/8").
 * {@link #init} sees every item first, {@link #check} reports each item's violations, {@link #finish} may report
 * what only the whole set shows. A condition reports; it never throws.
 *
 * <pre>{@code
 * PolicyCondition<Backend> beUp = PolicyCondition.fromPredicate("be UP", Backend::up,
 *     b -> "backend " + b.name() + " is " + b.state());
 * PolicyCondition<Backend> both = beUp.and(PolicyCondition.fromPredicate("answer on /healthz", ...));
 * both.description();   // "be UP and answer on /healthz"
 * }</pre>
 *
 * @param <T> the item type
 */
public interface PolicyCondition<T> {
  String description();

  /** Called once with every selected item, before the first {@link #check}. */
  default void init(Collection<? extends T> items) {}

  /** Reports the violations of one item. */
  void check(T item, ViolationCollector out);

  /** Called once after the last {@link #check}. */
  default void finish(ViolationCollector out) {}

  /** A condition from a lambda. */
  static <T> PolicyCondition<T> of(String description, BiConsumer<? super T, ViolationCollector> body) {
    return new PolicyCondition<>() {
      @Override
      public String description() {
        return description;
      }

      @Override
      public void check(T item, ViolationCollector out) {
        body.accept(item, out);
      }
    };
  }

  /** Violated by each item for which {@code ok} is false, with the message {@code violation} makes of it. */
  static <T> PolicyCondition<T> fromPredicate(String description, Predicate<? super T> ok,
                                              Function<? super T, String> violation) {
    return of(description, (t, out) -> {
      if (!ok.test(t)) {
        out.add(violation.apply(t));
      }
    });
  }

  /** This condition with another description. */
  default PolicyCondition<T> as(String description) {
    PolicyCondition<T> self = this;
    return new PolicyCondition<>() {
      @Override
      public String description() {
        return description;
      }

      @Override
      public void init(Collection<? extends T> items) {
        self.init(items);
      }

      @Override
      public void check(T item, ViolationCollector out) {
        self.check(item, out);
      }

      @Override
      public void finish(ViolationCollector out) {
        self.finish(out);
      }
    };
  }

  /** Both must hold: the violations of either are reported. */
  default PolicyCondition<T> and(PolicyCondition<? super T> other) {
    return Checks.combine(this, other, true);
  }

  /** One must hold: an item violates only when both report, and then both sets of violations are reported. */
  default PolicyCondition<T> or(PolicyCondition<? super T> other) {
    return Checks.combine(this, other, false);
  }

  /** The violations of {@code items} alone (init, check each, finish). */
  default List<Violation> violations(Collection<? extends T> items) {
    ViolationCollector out = new ViolationCollector();
    init(items);
    for (T t : items) {
      check(t, out);
    }
    finish(out);
    return out.violations();
  }
}
