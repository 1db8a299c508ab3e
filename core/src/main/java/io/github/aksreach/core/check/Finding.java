package io.github.aksreach.core.check;

import java.util.Optional;

/**
 * One finding of one check: which check, how bad, what is wrong, the evidence, the fix and where.
 *
 * <pre>{@code
 * for (Finding f : result.findings()) {
 *   System.out.println(f.severity() + " " + f.checkId() + ": " + f.message());
 *   f.location().ifPresent(l -> System.out.println("  at " + l));   // k8s/services.yaml:118 (items[2])
 * }
 * }</pre>
 *
 * @param checkId the id of the check that found it
 * @param severity the check's severity
 * @param message what is wrong
 * @param evidence what shows it
 * @param fix a concrete change that makes it right (empty when none applies)
 * @param location the offending object's place in the input, if known
 */
public record Finding(String checkId, Severity severity, String message, Evidence evidence, String fix,
                      Optional<Location> location) {
  public Finding {
    if (checkId == null || severity == null || message == null || evidence == null || fix == null
        || location == null) {
      throw new IllegalArgumentException("Finding fields must not be null");
    }
  }

  /** The finding a check with {@code checkId} and {@code severity} makes of a violation. */
  public static Finding of(String checkId, Severity severity, Violation v) {
    return new Finding(checkId, severity, v.message(), v.evidence(), v.fix(), v.location());
  }

  public Finding withSeverity(Severity s) {
    return new Finding(checkId, s, message, evidence, fix, location);
  }

  public Finding withCheckId(String id) {
    return new Finding(id, severity, message, evidence, fix, location);
  }

  /** Several lines: the message, then evidence, fix and location where present. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(message);
    if (!evidence.text().isEmpty()) {
      sb.append("\n    evidence: ").append(evidence.text().replace("\n", "\n      "));
    }
    evidence.flows().ifPresent(f -> sb.append("\n    flows: ").append(f));
    if (!fix.isEmpty()) {
      sb.append("\n    fix: ").append(fix.replace("\n", "\n      "));
    }
    location.ifPresent(l -> sb.append("\n    at: ").append(l));
    return sb.toString();
  }

  @Override
  public String toString() {
    return severity + " " + checkId + ": " + message;
  }
}
