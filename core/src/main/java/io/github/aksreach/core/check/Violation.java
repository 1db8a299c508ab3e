package io.github.aksreach.core.check;

import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.core.solver.PathResult;
import java.util.List;
import java.util.Optional;

/**
 * What a condition or a check body reports: a message, its evidence, a concrete fix and where the offending object
 * is written. The check that collects it turns it into a {@link Finding} with its own id and severity.
 *
 * <pre>{@code
 * collector.add(Violation.of("backend aks-user-0 is DOWN")
 *     .withEvidence("probe Http 31880 /healthz forwarded as 192.168.0.36 denied by nsg-ingress DenyAllCustom (4000)")
 *     .withFix("allow the node subnets to the ingress node on port 80, or use externalTrafficPolicy: Local")
 *     .at(Location.of("azure/nsgs.json", "$[2].securityRules[4]")));
 * }</pre>
 *
 * @param message what is wrong, about one object
 * @param evidence what shows it
 * @param fix a concrete change that makes it right (empty when none applies)
 * @param location the offending object's place in the input, if known
 */
public record Violation(String message, Evidence evidence, String fix, Optional<Location> location) {
  public Violation {
    if (message == null || evidence == null || fix == null || location == null) {
      throw new IllegalArgumentException("Violation fields must not be null");
    }
  }

  public static Violation of(String message) {
    return new Violation(message, Evidence.none(), "", Optional.empty());
  }

  public Violation withEvidence(Evidence evidence) {
    return new Violation(message, evidence, fix, location);
  }

  /** Sets the evidence's text, keeping its flows and trace. */
  public Violation withEvidence(String text) {
    return new Violation(message, evidence.withText(text), fix, location);
  }

  public Violation withFlows(FlowSpace flows) {
    return new Violation(message, evidence.withFlows(flows), fix, location);
  }

  public Violation withTrace(List<PathResult> paths) {
    return new Violation(message, evidence.withTrace(paths), fix, location);
  }

  public Violation withFix(String fix) {
    return new Violation(message, evidence, fix, location);
  }

  public Violation at(Location location) {
    return new Violation(message, evidence, fix, Optional.of(location));
  }

  public Violation at(Optional<Location> location) {
    return new Violation(message, evidence, fix, location);
  }
}
