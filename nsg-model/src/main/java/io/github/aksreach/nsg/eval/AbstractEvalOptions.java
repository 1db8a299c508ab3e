package io.github.aksreach.nsg.eval;

import io.github.aksreach.core.model.IpPrefix;
import java.util.List;
import org.immutables.value.Value;

/**
 * Choices where Azure's documentation leaves room, as explicit options.
 *
 * <pre>{@code
 * EvalOptions o = EvalOptions.defaults();                                  // default routes widen VirtualNetwork
 * EvalOptions strict = EvalOptions.builder().secureByDefault(true).build(); // Standard LB / public IP path
 * EvalOptions vpn = EvalOptions.builder()                                  // on-premises behind a VPN gateway:
 *     .addConnectedPrefixes(IpPrefix.of("192.168.50.0/24")).build();        // in every VNet's VirtualNetwork tag
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

  /**
   * Address ranges outside the loaded VNets that are connected to them: on-premises ranges behind a VPN or
   * ExpressRoute gateway, the spaces of peered VNets the files lack. Azure's {@code VirtualNetwork} tag holds "all
   * connected on-premises address spaces, peered virtual networks, virtual networks connected to a virtual network
   * gateway" (DOMAIN.md 1.3), so each of these ranges is added to every VNet's tag (and so left out of
   * {@code Internet}). No file names them (a gateway's learned routes are not in the dumps): the caller says which.
   * Default empty.
   */
  public abstract List<IpPrefix> connectedPrefixes();

  /** The defaults. */
  public static EvalOptions defaults() {
    return EvalOptions.builder().build();
  }
}
