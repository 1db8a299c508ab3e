package io.github.aksreach.core.solver;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where and why a path was dropped.
 *
 * <pre>{@code
 * path.drop().ifPresent(d -> {
 *   if (d.kind() == AksHopKind.NSG && d.origin() instanceof NsgOrigin n) {
 *     System.out.println(n.nsgName() + " " + d.rule().orElseThrow());   // nsg-user DenyAllCustom (4000)
 *   }
 * });
 * }</pre>
 *
 * @param kind drop category
 * @param element the dropping element's key
 * @param origin where the dropping element comes from
 * @param rule the deciding rule, if a rule decided
 * @param reason why, in words (for renderers)
 * @param status application status (HTTP 403), if any
 */
public record DropInfo(HopKind kind, ElementKey element, Origin origin, Optional<RuleRef> rule, String reason,
                       OptionalInt status) {

  /** What a user calls the dropping hop (for renderers only). */
  public String label() {
    return origin.label();
  }
}
