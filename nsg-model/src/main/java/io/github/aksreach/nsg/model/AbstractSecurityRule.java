package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.core.model.ProtocolSet;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One NSG security rule, with every field of Azure's {@code SecurityRulePropertiesFormat}.
 *
 * <pre>{@code
 * SecurityRule allowClient = SecurityRule.builder()
 *     .name("AllowClientToLb").priority(Priority.of(100))
 *     .direction(Direction.INBOUND).access(Access.ALLOW).protocol(NsgProtocol.TCP)
 *     .source(AddressSpec.prefixes(IpPrefix.of("192.168.1.4/32")))
 *     .destination(AddressSpec.prefixes(IpPrefix.of("192.168.0.22/32")))
 *     .destinationPorts(PortSet.of(80))
 *     .build();                          // protocol, addresses and ports default to "*"
 * allowClient.withPriority(Priority.of(110));
 * }</pre>
 *
 * <p>Important notes: a lower priority number wins, first match by ascending priority within one direction; rules
 * of the other direction are never consulted. Ports are matched on the flow's port fields, which are 0 for protocols
 * without ports (ICMP), so only a {@code *} port range matches those. {@link #provenance()} is auxiliary: it does not
 * take part in equality.
 */
@Value.Immutable
abstract class AbstractSecurityRule {
  /** The rule's name (unique within its NSG). */
  public abstract String name();

  /** The rule's resource id, where the dump has one. */
  public abstract Optional<ResourceId> id();

  public abstract Priority priority();

  public abstract Direction direction();

  public abstract Access access();

  /** The protocol; default {@code *}. */
  @Value.Default
  public NsgProtocol protocol() {
    return NsgProtocol.ANY;
  }

  /** The source addresses; default {@code *}. */
  @Value.Default
  public AddressSpec source() {
    return AddressSpec.any();
  }

  /** The source ports: the union of {@code sourcePortRange} and {@code sourcePortRanges}; default every port. */
  @Value.Default
  public PortSet sourcePorts() {
    return PortSet.all();
  }

  /** The destination addresses; default {@code *}. */
  @Value.Default
  public AddressSpec destination() {
    return AddressSpec.any();
  }

  /** The destination ports; default every port. */
  @Value.Default
  public PortSet destinationPorts() {
    return PortSet.all();
  }

  public abstract Optional<String> description();

  /** Where the rule was read from; not part of equality. */
  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  /** The IP protocol numbers the rule matches. */
  public ProtocolSet protocols() {
    return protocol().protocols();
  }

  /** True for Azure's default rules (priorities 65000, 65001, 65500). */
  public boolean isDefault() {
    return priority().isDefaultRule();
  }

  /** True if the rule applies to {@code d}. */
  public boolean matchesDirection(Direction d) {
    return direction() == d;
  }

  /** {@code "DenyAllCustom (4000)"}. */
  public String display() {
    return name() + " (" + priority() + ")";
  }

  @Value.Check
  void check() {
    if (name().isBlank()) {
      throw new InvalidModelException("security rule name must not be blank");
    }
  }

  @Override
  public String toString() {
    return name() + " " + priority() + " " + direction().azureName() + " " + access().azureName() + " "
        + protocol().azureName() + " " + source() + ":" + sourcePorts() + " -> " + destination() + ":"
        + destinationPorts();
  }
}
