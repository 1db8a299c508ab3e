package io.github.aksreach.nsg.eval;

import org.immutables.value.Value;

/**
 * Choices where Azure's documentation leaves room, as explicit options.
 *
 * <pre>{@code
 * EvalOptions o = EvalOptions.defaults();                                  // default routes widen VirtualNetwork
 * EvalOptions strict = EvalOptions.builder().secureByDefault(true).build(); // Standard LB / public IP path
 * }</pre>
 */
@Value.Immutable
abstract class AbstractEvalOptions {
  /**
   * Whether a default route (0.0.0.0/0 or ::/0) among the user-defined routes of a VNet's subnets widens the
   * {@code VirtualNetwork} tag to every address of its family. Azure: the tag "might also contain default routes";
   * third-party reports confirm it for a 0.0.0.0/0 UDR to an appliance. Default true.
   */
  @Value.Default
  public boolean virtualNetworkIncludesDefaultRoutes() {
    return true;
  }

  /**
   * Standard load balancer / Standard public IP "secure by default": with no NSG on either the subnet or the NIC,
   * inbound traffic is denied instead of allowed. The generic rule (no NSG = everything allowed) is the default;
   * set this for flows that arrive through a Standard SKU public frontend.
   */
  @Value.Default
  public boolean secureByDefault() {
    return false;
  }

  /** The defaults. */
  public static EvalOptions defaults() {
    return EvalOptions.builder().build();
  }
}
