package io.github.aksreach.core.check;

import java.util.ArrayList;
import java.util.List;

/**
 * The findings of one check on one subject. {@link #assertNoViolations()} turns it into a test failure whose message
 * is the check's sentence followed by every finding, the way ArchUnit reports a rule.
 *
 * <pre>{@code
 * CheckResult r = check.evaluate(subject);
 * r.hasFindings();
 * r.findings(Severity.WARNING);   // the findings at WARNING or above
 * r.assertNoViolations();         // in a JUnit test: fails with the sentence and every finding
 * }</pre>
 *
 * @param checkId the check's id
 * @param severity the check's severity
 * @param description the check's sentence
 * @param findings every finding, in report order
 */
public record CheckResult(String checkId, Severity severity, String description, List<Finding> findings) {
  public CheckResult {
    if (checkId == null || severity == null || description == null || findings == null) {
      throw new IllegalArgumentException("CheckResult fields must not be null");
    }
    findings = List.copyOf(findings);
  }

  public boolean hasFindings() {
    return !findings.isEmpty();
  }

  /** The findings at {@code atLeast} or worse. */
  public List<Finding> findings(Severity atLeast) {
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      if (f.severity().isAtLeast(atLeast)) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * The failure report: {@code Check '<sentence>' was violated (N times) [<id>, <SEVERITY>]:} and one entry per
   * finding with its evidence, fix and location; {@code Check '<sentence>' passed [<id>]} when there is none.
   */
  public String failureReport() {
    if (findings.isEmpty()) {
      return "Check '" + description + "' passed [" + checkId + "]";
    }
    StringBuilder sb = new StringBuilder();
    sb.append("Check '").append(description).append("' was violated (").append(findings.size())
        .append(findings.size() == 1 ? " time" : " times").append(") [").append(checkId).append(", ")
        .append(severity).append("]:");
    for (Finding f : findings) {
      sb.append("\n  - ").append(f.toText().replace("\n", "\n  "));
    }
    return sb.toString();
  }

  /**
   * Throws an {@link AssertionError} with {@link #failureReport()} when there is any finding.
   *
   * @throws AssertionError when the check found something
   */
  public void assertNoViolations() {
    if (!findings.isEmpty()) {
      throw new AssertionError(failureReport());
    }
  }

  @Override
  public String toString() {
    return failureReport();
  }
}
