package io.github.aksreach.core.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects the violations a check body or a condition reports. Conditions never throw: they report.
 *
 * <pre>{@code
 * PolicyCondition<Backend> beUp = PolicyCondition.of("be UP", (b, out) -> {
 *   if (!b.up()) out.add(Violation.of(b.name() + " is DOWN").withFix("open the probe port"));
 * });
 * }</pre>
 */
public final class ViolationCollector {
  private final List<Violation> violations = new ArrayList<>();

  public ViolationCollector() {}

  public ViolationCollector add(Violation v) {
    violations.add(v);
    return this;
  }

  /** Adds a violation with only a message. */
  public ViolationCollector add(String message) {
    return add(Violation.of(message));
  }

  public ViolationCollector addAll(Iterable<Violation> vs) {
    vs.forEach(violations::add);
    return this;
  }

  public boolean isEmpty() {
    return violations.isEmpty();
  }

  public int size() {
    return violations.size();
  }

  /** The violations so far, in report order (a read-only view). */
  public List<Violation> violations() {
    return Collections.unmodifiableList(violations);
  }
}
