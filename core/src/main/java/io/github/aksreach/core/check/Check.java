package io.github.aksreach.core.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A check over a subject of type {@code T}: an id, a severity, a sentence that says what it checks, and the logic
 * that reports violations. {@link #evaluate} runs it and stamps each violation with the id and severity.
 *
 * <pre>{@code
 * // a plain lambda check
 * Check<Network> noDownBackend = Check.define("team:no-down-backend", Severity.ERROR,
 *     "every load-balancer backend should be UP", (net, out) -> {
 *       for (Backend b : net.backends()) {
 *         if (!b.up()) out.add(Violation.of(b.name() + " is DOWN").withEvidence(b.reason()));
 *       }
 *     });
 * noDownBackend.evaluate(net).assertNoViolations();
 *
 * // or the fluent form: Checks.all(backends()).should(beUp()).because("...")
 * }</pre>
 *
 * <p>A check never throws for a bad subject: an exception in its logic becomes one ERROR finding saying the check
 * could not be evaluated, so one broken check does not hide the others' findings.
 *
 * @param <T> the subject
 */
public interface Check<T> {
  /** A stable id ({@code aks/allowlist-under-cluster-policy}, {@code team:no-down-backend}). */
  String id();

  Severity severity();

  /** The sentence that says what the check requires ("every load-balancer backend should be UP"). */
  String description();

  /** Reports every violation of {@code subject} to {@code out}. */
  void check(T subject, ViolationCollector out);

  /** Runs the check. */
  default CheckResult evaluate(T subject) {
    ViolationCollector out = new ViolationCollector();
    List<Finding> findings = new ArrayList<>();
    try {
      check(subject, out);
      for (Violation v : out.violations()) {
        findings.add(Finding.of(id(), severity(), v));
      }
    } catch (RuntimeException e) {
      for (Violation v : out.violations()) {
        findings.add(Finding.of(id(), severity(), v));
      }
      // incomplete or inconsistent input (e.g. a service tag no loaded file defines) is not a bug
      Violation failed = e instanceof io.github.aksreach.core.model.InvalidModelException
          ? Violation.of("the check could not be evaluated, the input is incomplete or inconsistent: "
              + e.getMessage()).withFix("complete the input as the message says")
          : Violation.of("the check could not be evaluated: " + e)
              .withFix("report this as a bug, with the input that caused it");
      findings.add(Finding.of(id(), Severity.ERROR, failed));
    }
    return new CheckResult(id(), severity(), description(), findings);
  }

  /** This check with another id. */
  default Check<T> withId(String id) {
    return Checks.rewrap(this, id, severity(), description());
  }

  /** This check with another severity. */
  default Check<T> withSeverity(Severity severity) {
    return Checks.rewrap(this, id(), severity, description());
  }

  /** This check with another sentence. */
  default Check<T> as(String description) {
    return Checks.rewrap(this, id(), severity(), description);
  }

  /** This check with its reason appended to the sentence ("..., because the db tier is private"). */
  default Check<T> because(String reason) {
    return Checks.rewrap(this, id(), severity(), description() + ", because " + reason);
  }

  /** A check from a lambda that reports violations. */
  static <T> Check<T> define(String id, Severity severity, String description,
                             BiConsumer<? super T, ViolationCollector> body) {
    return Checks.lambda(id, severity, description, body);
  }
}
