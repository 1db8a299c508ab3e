package io.github.aksreach.nsg.eval;

import io.github.aksreach.core.solver.HopKind;
import io.github.aksreach.core.solver.Origin;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.NsgPosition;
import io.github.aksreach.nsg.model.ResourceId;
import io.github.aksreach.nsg.model.Subnet;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an NSG hop comes from: which NSG (none when neither subnet nor NIC has one), where it is attached, on which
 * subnet, in which direction. The deciding rule is the hop's own {@code rule()}.
 *
 * <pre>{@code
 * if (hop.origin() instanceof NsgOrigin n && n.direction() == Direction.INBOUND && hop.action() == Action.DENIED) {
 *   System.out.println(n.nsgName().orElse("no NSG") + " on " + n.attachment());   // nsg-user on Optional[SUBNET]
 * }
 * }</pre>
 *
 * @param nsgName the NSG's name; empty for a hop with no NSG on subnet nor NIC
 * @param nsgId the NSG's resource id; empty likewise
 * @param attachment where the NSG is attached; empty for a hop with no NSG
 * @param subnet the name of the subnet of the IP configuration, if known
 * @param direction inbound or outbound
 */
public record NsgOrigin(Optional<String> nsgName, Optional<ResourceId> nsgId, Optional<NsgPosition> attachment,
                        Optional<String> subnet, Direction direction) implements Origin {
  public NsgOrigin {
    Objects.requireNonNull(direction);
  }

  /** The hop of {@code nsg} attached at {@code attachment}. */
  public static NsgOrigin of(NetworkSecurityGroup nsg, NsgPosition attachment, Optional<Subnet> subnet,
                             Direction direction) {
    return new NsgOrigin(Optional.of(nsg.name()), Optional.of(nsg.id()), Optional.of(attachment),
        subnet.map(Subnet::name), direction);
  }

  /** The hop of an interface whose subnet and NIC have no NSG. */
  public static NsgOrigin none(Optional<Subnet> subnet, Direction direction) {
    return new NsgOrigin(Optional.empty(), Optional.empty(), Optional.empty(), subnet.map(Subnet::name), direction);
  }

  /** Whether an NSG decides at this hop (false: neither subnet nor NIC has one). */
  public boolean hasNsg() {
    return nsgName.isPresent();
  }

  /** Whether the NSG is the subnet's. */
  public boolean onSubnet() {
    return attachment.map(a -> a == NsgPosition.SUBNET).orElse(false);
  }

  @Override
  public HopKind kind() {
    return NsgHopKind.NSG;
  }

  /** {@code nsg-user (subnet user)}, {@code aks-agentpool-nsg (NIC)}, {@code no NSG (subnet user)}. */
  @Override
  public String label() {
    if (nsgName.isEmpty()) {
      return "no NSG (" + subnet.map(s -> "subnet " + s).orElse("unknown subnet") + ")";
    }
    return nsgName.get() + " (" + (onSubnet() ? "subnet " + subnet.orElse("?") : "NIC") + ")";
  }
}
