package io.github.aksreach.azure;

import java.util.Locale;
import java.util.Optional;

/**
 * What an ARM resource id says of its resource: its name (the last segment) and its type (the provider namespace and
 * the type segments after the last {@code /providers/}). The Azure SDK's inner models leave {@code name} and
 * {@code type} out of their JSON (read-only there), so the adapter takes them from the id.
 *
 * <pre>{@code
 * ArmIds.type("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg-a")
 *     // Optional[Microsoft.Network/networkSecurityGroups]
 * }</pre>
 */
final class ArmIds {
  private static final String PROVIDERS = "/providers/";

  private ArmIds() {}

  /** The last segment of {@code id}, if it has one. */
  static Optional<String> name(String id) {
    String trimmed = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
    int slash = trimmed.lastIndexOf('/');
    String last = trimmed.substring(slash + 1);
    return last.isEmpty() ? Optional.empty() : Optional.of(last);
  }

  /**
   * The resource type {@code id} names: {@code <namespace>/<type>[/<child type>...]}, from the segments after the last
   * {@code /providers/}, which alternate type and name. A scale set VM's network interface
   * ({@code Microsoft.Compute/virtualMachineScaleSets/<vmss>/virtualMachines/<n>/networkInterfaces/<nic>}) is of
   * type {@code Microsoft.Network/networkInterfaces}, as ARM reports it, and its IP configurations are
   * {@code Microsoft.Network/networkInterfaces/ipConfigurations}. Empty when the id has no provider part or an odd
   * number of segments after it.
   */
  static Optional<String> type(String id) {
    int at = id.toLowerCase(Locale.ROOT).lastIndexOf(PROVIDERS);
    if (at < 0) {
      return Optional.empty();
    }
    String[] segments = id.substring(at + PROVIDERS.length()).split("/", -1);
    if (segments.length < 3 || segments.length % 2 == 0) {
      return Optional.empty();
    }
    StringBuilder type = new StringBuilder(segments[0]);
    int nic = -1;
    for (int i = 1; i < segments.length; i += 2) {
      if (segments[i].isEmpty() || segments[i + 1].isEmpty()) {
        return Optional.empty();
      }
      if (segments[i].equalsIgnoreCase("networkInterfaces") && nic < 0) {
        nic = i;
      }
      type.append('/').append(segments[i]);
    }
    if (nic > 1 && segments[0].equalsIgnoreCase("Microsoft.Compute")) {
      StringBuilder t = new StringBuilder("Microsoft.Network");
      for (int i = nic; i < segments.length; i += 2) {
        t.append('/').append(segments[i]);
      }
      return Optional.of(t.toString());
    }
    return Optional.of(type.toString());
  }
}
