package io.github.aksreach.core.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The entry of the fluent check language, in the spirit of ArchUnit:
 * {@code all(items).that(predicate).should(condition).because(reason)}.
 *
 * <pre>{@code
 * ItemsCheck<Network, Backend> rule = Checks.all(backends)
 *     .that(DescribedPredicate.describe("serve the ingress", Backend::servesIngress))
 *     .should(beUp())
 *     .because("a DOWN backend breaks the cluster's own load balancing")
 *     .withId("team:ingress-backends-up")
 *     .withSeverity(Severity.ERROR);
 * rule.description();  // "load-balancer backends that serve the ingress should be UP, because a DOWN backend ..."
 * rule.evaluate(net).assertNoViolations();
 * }</pre>
 *
 * <p>Important note: like ArchUnit's {@code allowEmptyShould(false)}, a fluent check fails when its selection is
 * empty, so a predicate that matches nothing (a typo in a name, a renamed label) fails loudly instead of passing
 * vacuously. Call {@link ItemsCheck#allowEmpty(boolean) allowEmpty(true)} when an empty selection is fine.
 */
public final class Checks {
  private Checks() {}

  /** Starts a check over the items {@code transformer} makes of the subject. */
  public static <S, T> Given<S, T> all(SubjectTransformer<S, T> transformer) {
    return new Given<>(transformer, Optional.empty());
  }

  /** A check from a lambda (same as {@link Check#define}). */
  public static <T> Check<T> define(String id, Severity severity, String description,
                                    BiConsumer<? super T, ViolationCollector> body) {
    return lambda(id, severity, description, body);
  }

  /**
   * The items of a fluent check, optionally filtered.
   *
   * <pre>{@code
   * Checks.Given<Network, Backend> g = Checks.all(backends).that(onPort443);
   * g.should(beUp());
   * }</pre>
   *
   * @param <S> the subject
   * @param <T> the items
   */
  public static final class Given<S, T> {
    private final SubjectTransformer<S, T> items;
    private final Optional<DescribedPredicate<? super T>> filter;

    Given(SubjectTransformer<S, T> items, Optional<DescribedPredicate<? super T>> filter) {
      this.items = items;
      this.filter = filter;
    }

    /** Only the items that satisfy {@code predicate} (combined with {@code and} when called twice). */
    public Given<S, T> that(DescribedPredicate<? super T> predicate) {
      if (filter.isPresent()) {
        DescribedPredicate<? super T> first = filter.get();
        DescribedPredicate<T> both = DescribedPredicate.describe(first.description() + " and "
            + predicate.description(), t -> first.test(t) && predicate.test(t));
        return new Given<>(items, Optional.of(both));
      }
      return new Given<>(items, Optional.of(predicate));
    }

    /** Same as {@link #that}, for readability after a first filter. */
    public Given<S, T> and(DescribedPredicate<? super T> predicate) {
      return that(predicate);
    }

    /** The check: every selected item should satisfy {@code condition}. */
    public ItemsCheck<S, T> should(PolicyCondition<? super T> condition) {
      String sentence = items.description() + filter.map(f -> " that " + f.description()).orElse("") + " should "
          + condition.description();
      return new ItemsCheck<>(items, filter, condition, defaultId(sentence), Severity.ERROR, sentence, false);
    }
  }

  /**
   * A fluent check: the selected items should satisfy a condition.
   *
   * <pre>{@code
   * Checks.ItemsCheck<Network, Backend> c = Checks.all(backends).should(beUp()).allowEmpty(true).withId("team:up");
   * c.evaluate(net).assertNoViolations();
   * }</pre>
   *
   * @param <S> the subject
   * @param <T> the items
   */
  public static final class ItemsCheck<S, T> implements Check<S> {
    private final SubjectTransformer<S, T> items;
    private final Optional<DescribedPredicate<? super T>> filter;
    private final PolicyCondition<? super T> condition;
    private final String id;
    private final Severity severity;
    private final String description;
    private final boolean allowEmpty;

    ItemsCheck(SubjectTransformer<S, T> items, Optional<DescribedPredicate<? super T>> filter,
               PolicyCondition<? super T> condition, String id, Severity severity, String description,
               boolean allowEmpty) {
      this.items = items;
      this.filter = filter;
      this.condition = condition;
      this.id = id;
      this.severity = severity;
      this.description = description;
      this.allowEmpty = allowEmpty;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Severity severity() {
      return severity;
    }

    @Override
    public String description() {
      return description;
    }

    /** Whether an empty selection passes (default false: it is reported as a violation). */
    public ItemsCheck<S, T> allowEmpty(boolean allow) {
      return new ItemsCheck<>(items, filter, condition, id, severity, description, allow);
    }

    @Override
    public ItemsCheck<S, T> withId(String newId) {
      return new ItemsCheck<>(items, filter, condition, newId, severity, description, allowEmpty);
    }

    @Override
    public ItemsCheck<S, T> withSeverity(Severity s) {
      return new ItemsCheck<>(items, filter, condition, id, s, description, allowEmpty);
    }

    @Override
    public ItemsCheck<S, T> as(String newDescription) {
      return new ItemsCheck<>(items, filter, condition, id, severity, newDescription, allowEmpty);
    }

    @Override
    public ItemsCheck<S, T> because(String reason) {
      return as(description + ", because " + reason);
    }

    @Override
    public void check(S subject, ViolationCollector out) {
      List<T> selected = new ArrayList<>();
      for (T t : items.transform(subject)) {
        if (filter.isEmpty() || filter.get().test(t)) {
          selected.add(t);
        }
      }
      if (selected.isEmpty()) {
        if (!allowEmpty) {
          out.add(Violation.of("no " + items.description() + filter.map(f -> " that " + f.description()).orElse("")
              + " were found: the check checked nothing")
              .withFix("check the selection (a misspelt name or label?), or call allowEmpty(true) if an empty "
                  + "selection is expected"));
        }
        return;
      }
      runCondition(condition, selected, out);
    }

    private static <X> void runCondition(PolicyCondition<X> c, List<? extends X> selected, ViolationCollector out) {
      c.init(selected);
      for (X t : selected) {
        c.check(t, out);
      }
      c.finish(out);
    }

    @Override
    public String toString() {
      return id + ": " + description;
    }
  }

  /** {@code custom/} and the sentence in lower-case words joined by dashes, at most 60 characters. */
  static String defaultId(String sentence) {
    String slug = sentence.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    if (slug.length() > 60) {
      slug = slug.substring(0, 60).replaceAll("-$", "");
    }
    return "custom/" + slug;
  }

  static <T> Check<T> lambda(String id, Severity severity, String description,
                             BiConsumer<? super T, ViolationCollector> body) {
    return new Check<>() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public Severity severity() {
        return severity;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public void check(T subject, ViolationCollector out) {
        body.accept(subject, out);
      }

      @Override
      public String toString() {
        return id + ": " + description;
      }
    };
  }

  static <T> Check<T> rewrap(Check<T> inner, String id, Severity severity, String description) {
    return lambda(id, severity, description, inner::check);
  }

  static <T> PolicyCondition<T> combine(PolicyCondition<T> a, PolicyCondition<? super T> b, boolean and) {
    String description = a.description() + (and ? " and " : " or ") + b.description();
    return new PolicyCondition<>() {
      @Override
      public String description() {
        return description;
      }

      @Override
      public void init(Collection<? extends T> items) {
        a.init(items);
        b.init(items);
      }

      @Override
      public void check(T item, ViolationCollector out) {
        ViolationCollector va = new ViolationCollector();
        ViolationCollector vb = new ViolationCollector();
        a.check(item, va);
        b.check(item, vb);
        if (and || (!va.isEmpty() && !vb.isEmpty())) {
          out.addAll(va.violations());
          out.addAll(vb.violations());
        }
      }

      @Override
      public void finish(ViolationCollector out) {
        ViolationCollector va = new ViolationCollector();
        ViolationCollector vb = new ViolationCollector();
        a.finish(va);
        b.finish(vb);
        if (and || (!va.isEmpty() && !vb.isEmpty())) {
          out.addAll(va.violations());
          out.addAll(vb.violations());
        }
      }
    };
  }
}
