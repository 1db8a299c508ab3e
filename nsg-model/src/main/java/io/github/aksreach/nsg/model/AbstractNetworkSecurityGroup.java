package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.InvalidModelException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A network security group: custom rules plus Azure's default rules, attached to subnets and NICs.
 *
 * <pre>{@code
 * NetworkSecurityGroup nsg = NetworkSecurityGroup.builder()
 *     .id(ResourceId.of("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg-user"))
 *     .addCustomRules(denyAllCustom)
 *     .build();                                   // the six default rules are added
 * nsg.name();                                     // "nsg-user" (from the id unless set)
 * nsg.rules(Direction.INBOUND);                   // DenyAllCustom 4000, AllowVnetInBound 65000, ...
 * }</pre>
 *
 * <p>Important notes: priorities are unique per direction (an inbound and an outbound rule may share a number); a
 * group built without default rules gets {@link DefaultRules#standard()}, since Azure always has them.
 * {@link #subnetIds()} and {@link #nicIds()} are the attachments the NSG itself reports; the authoritative
 * attachments are {@code Subnet.nsgId()} and {@code NetworkInterface.nsgId()} of a loaded network.
 */
@Value.Immutable
abstract class AbstractNetworkSecurityGroup {
  public abstract ResourceId id();

  /** The name; defaults to the last segment of the id. */
  @Value.Default
  public String name() {
    return id().name();
  }

  /** The custom rules, in input order. */
  public abstract List<SecurityRule> customRules();

  /** The default rules; never empty once built. */
  public abstract List<SecurityRule> defaultRules();

  /** Subnets this NSG reports it is attached to. */
  public abstract List<ResourceId> subnetIds();

  /** Network interfaces this NSG reports it is attached to. */
  public abstract List<ResourceId> nicIds();

  /** Azure's {@code flushConnection}: re-evaluate existing flows when rules change. */
  public abstract Optional<Boolean> flushConnection();

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  /** Every rule of direction {@code d}, custom and default, by ascending priority: evaluation order. */
  public List<SecurityRule> rules(Direction d) {
    List<SecurityRule> out = new ArrayList<>();
    for (SecurityRule r : customRules()) {
      if (r.direction() == d) {
        out.add(r);
      }
    }
    for (SecurityRule r : defaultRules()) {
      if (r.direction() == d) {
        out.add(r);
      }
    }
    out.sort(Comparator.comparing(SecurityRule::priority));
    return out;
  }

  /** Every rule, custom then default. */
  public List<SecurityRule> allRules() {
    List<SecurityRule> out = new ArrayList<>(customRules());
    out.addAll(defaultRules());
    return out;
  }

  /** The rule called {@code name} (case-insensitive), custom rules first. */
  public Optional<SecurityRule> rule(String name) {
    return allRules().stream().filter(r -> r.name().equalsIgnoreCase(name)).findFirst();
  }

  @Value.Check
  AbstractNetworkSecurityGroup normalize() {
    if (defaultRules().isEmpty()) {
      return NetworkSecurityGroup.copyOf(this).withDefaultRules(DefaultRules.standard());
    }
    for (SecurityRule r : customRules()) {
      if (r.isDefault()) {
        throw new InvalidModelException(String.format(
            "NSG %s: custom rule %s uses the default-rule priority %s", name(), r.name(), r.priority()));
      }
    }
    for (SecurityRule r : defaultRules()) {
      if (!r.isDefault()) {
        throw new InvalidModelException(String.format(
            "NSG %s: default rule %s has the custom priority %s", name(), r.name(), r.priority()));
      }
    }
    Map<String, SecurityRule> seen = new HashMap<>();
    for (SecurityRule r : allRules()) {
      SecurityRule other = seen.put(r.direction() + "/" + r.priority(), r);
      if (other != null) {
        throw new InvalidModelException(String.format(
            "NSG %s: rules %s and %s share %s priority %s", name(), other.name(), r.name(),
            r.direction().azureName().toLowerCase(java.util.Locale.ROOT), r.priority()));
      }
    }
    return this;
  }

  @Override
  public String toString() {
    return "NSG " + name() + " (" + customRules().size() + " custom rules)";
  }
}
