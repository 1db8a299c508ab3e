package io.github.aksreach.core.check;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A group of checks over one subject type, evaluated together. Teams keep their rules as {@code static final}
 * fields of a plain class and pull them in with {@link #in(Class)}, as ArchUnit's {@code ArchTests.in(...)}.
 *
 * <pre>{@code
 * final class OurNetworkRules {
 *   static final Check<Network> BACKENDS_UP = Checks.all(backends()).should(beUp()).withId("team:backends-up");
 *   static final Check<Network> DB_PRIVATE = ...;
 * }
 * CheckSuite<Network> suite = CheckSuite.in(OurNetworkRules.class);
 * suite.assertNoViolations(network);         // one AssertionError listing every violated check
 * }</pre>
 *
 * @param <T> the subject
 */
public final class CheckSuite<T> {
  private final List<Check<? super T>> checks;

  private CheckSuite(List<Check<? super T>> checks) {
    this.checks = List.copyOf(checks);
  }

  public static <T> CheckSuite<T> of(List<? extends Check<? super T>> checks) {
    List<Check<? super T>> copy = new ArrayList<>();
    copy.addAll(checks);
    return new CheckSuite<>(copy);
  }

  @SafeVarargs
  public static <T> CheckSuite<T> of(Check<? super T>... checks) {
    List<Check<? super T>> list = new ArrayList<>();
    for (Check<? super T> c : checks) {
      list.add(c);
    }
    return new CheckSuite<T>(list);
  }

  /**
   * Every {@code static final} field of type {@link Check} declared in {@code holder}, in declaration order. The
   * caller asserts that they all take subjects of type {@code T}.
   *
   * @throws IllegalArgumentException when a field cannot be read or {@code holder} declares no check
   */
  @SuppressWarnings("unchecked")
  public static <T> CheckSuite<T> in(Class<?> holder) {
    List<Check<? super T>> out = new ArrayList<>();
    for (Field f : holder.getDeclaredFields()) {
      int m = f.getModifiers();
      if (Modifier.isStatic(m) && Modifier.isFinal(m) && Check.class.isAssignableFrom(f.getType())) {
        try {
          f.setAccessible(true);
          out.add((Check<? super T>) f.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
          throw new IllegalArgumentException("cannot read check field " + holder.getName() + "." + f.getName(), e);
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(holder.getName() + " declares no static final Check field");
    }
    return new CheckSuite<>(out);
  }

  public List<Check<? super T>> checks() {
    return checks;
  }

  /** Every check's result, in suite order. */
  public List<CheckResult> evaluate(T subject) {
    List<CheckResult> out = new ArrayList<>();
    for (Check<? super T> c : checks) {
      out.add(evaluate(c, subject));
    }
    return out;
  }

  private static <X> CheckResult evaluate(Check<X> c, X subject) {
    return c.evaluate(subject);
  }

  /**
   * Throws one {@link AssertionError} whose message has every violated check's report.
   *
   * @throws AssertionError when any check found something
   */
  public void assertNoViolations(T subject) {
    List<CheckResult> failed = evaluate(subject).stream().filter(CheckResult::hasFindings)
        .collect(Collectors.toList());
    if (!failed.isEmpty()) {
      throw new AssertionError(failed.stream().map(CheckResult::failureReport).collect(Collectors.joining("\n\n")));
    }
  }
}
