package io.github.aksreach.nsg.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The NSGs a flow meets at one network interface: the NSG of the subnet of the IP configuration, and the NIC's own.
 *
 * <pre>{@code
 * NsgPath p = net.nsgsOnPath(nic);
 * p.inOrder(Direction.INBOUND);    // [SUBNET nsg-user, NIC aks-agentpool-...-nsg]
 * p.inOrder(Direction.OUTBOUND);   // [NIC ..., SUBNET ...]
 * }</pre>
 *
 * @param subnet the subnet of the IP configuration, if known
 * @param subnetNsg the subnet's NSG, if any
 * @param nicNsg the NIC's NSG, if any
 */
public record NsgPath(Optional<Subnet> subnet, Optional<NetworkSecurityGroup> subnetNsg,
                      Optional<NetworkSecurityGroup> nicNsg) {

  /**
   * One NSG at its position.
   *
   * @param position subnet or NIC
   * @param nsg the group
   */
  public record Applied(NsgPosition position, NetworkSecurityGroup nsg) {}

  /** The NSGs in evaluation order: inbound subnet then NIC, outbound NIC then subnet. */
  public List<Applied> inOrder(Direction d) {
    List<Applied> out = new ArrayList<>(2);
    Optional<Applied> s = subnetNsg.map(n -> new Applied(NsgPosition.SUBNET, n));
    Optional<Applied> n = nicNsg.map(x -> new Applied(NsgPosition.NIC, x));
    if (d == Direction.INBOUND) {
      s.ifPresent(out::add);
      n.ifPresent(out::add);
    } else {
      n.ifPresent(out::add);
      s.ifPresent(out::add);
    }
    return out;
  }

  /** True if neither the subnet nor the NIC has an NSG. */
  public boolean isEmpty() {
    return subnetNsg.isEmpty() && nicNsg.isEmpty();
  }
}
