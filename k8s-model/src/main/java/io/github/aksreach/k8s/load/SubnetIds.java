package io.github.aksreach.k8s.load;

import io.github.aksreach.nsg.model.ResourceId;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for a subnet resource id written by a user or a CR (an AGC association: the ApplicationLoadBalancer's
 * {@code spec.associations[]}, {@code scenario.yaml}'s {@code network.agcFrontends[].association}): the full ARM shape
 * {@code /subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>},
 * case-insensitive as Azure treats ids, surrounding blanks and one trailing slash tolerated.
 *
 * <pre>{@code
 * SubnetIds.parse("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/agc");
 * // Optional[.../subnets/agc]
 * SubnetIds.parse("agc-subnet");   // Optional.empty(); SubnetIds.expected("'agc-subnet'") says what was wanted
 * }</pre>
 */
final class SubnetIds {
  private static final Pattern SUBNET_ID = Pattern.compile(
      "(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Network/virtualNetworks/[^/]+"
          + "/subnets/[^/]+/?$");

  private SubnetIds() {}

  /** The subnet id {@code text} is, if it has the shape. */
  static Optional<ResourceId> parse(String text) {
    String t = text.trim();
    return SUBNET_ID.matcher(t).matches() ? Optional.of(ResourceId.of(t)) : Optional.empty();
  }

  /** The error for a value that is not one: what was expected, then {@code found} as the caller renders it. */
  static String expected(String found) {
    return "expected a subnet resource id (/subscriptions/<sub>/resourceGroups/<rg>/providers/"
        + "Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>), found " + found;
  }
}
