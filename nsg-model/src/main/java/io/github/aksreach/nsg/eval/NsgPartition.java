package io.github.aksreach.nsg.eval;

import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.SecurityRule;
import java.util.List;
import java.util.Optional;

/**
 * The exact partition of a flow space by one NSG of one direction: for every rule, the flows it decides.
 *
 * <pre>{@code
 * NsgPartition p = NsgPartition.of(nsg, Direction.INBOUND, resolver, FlowSpace.all());
 * p.allowed();                                 // every flow the NSG allows
 * p.denied().contains(flow);                   // == !CompiledNsg.of(...).allows(flow)
 * p.part("DenyAllCustom").map(Part::flows);    // what DenyAllCustom decides
 * }</pre>
 *
 * <p>Canonical-form contract: parts are pairwise disjoint, non-empty, in evaluation order, and together with
 * {@link #undecided()} (empty whenever the default rules are present) they cover {@link #space()} exactly.
 *
 * @param nsg the group
 * @param direction the direction
 * @param space the partitioned flows
 * @param parts the non-empty parts, by deciding rule, in evaluation order
 * @param undecided flows no rule matched (empty with default rules)
 * @param allowed the flows the NSG allows: the union of the parts of allow rules
 * @param denied the flows the NSG denies: the union of the parts of deny rules
 */
public record NsgPartition(NetworkSecurityGroup nsg, Direction direction, FlowSpace space, List<Part> parts,
                           FlowSpace undecided, FlowSpace allowed, FlowSpace denied) {

  /**
   * The flows one rule decides.
   *
   * @param rule the deciding rule
   * @param flows the flows it decides (non-empty)
   */
  public record Part(SecurityRule rule, FlowSpace flows) {}

  public NsgPartition {
    parts = List.copyOf(parts);
  }

  /** Partitions {@code space} by {@code nsg}'s rules of {@code direction}, resolved by {@code resolver}. */
  public static NsgPartition of(NetworkSecurityGroup nsg, Direction direction, AddressResolver resolver,
                                FlowSpace space) {
    return CompiledNsg.of(nsg, direction, resolver).partition(space);
  }

  /** The part decided by the rule named {@code name} (ignoring case), if it decides anything. */
  public Optional<Part> part(String name) {
    return parts.stream().filter(p -> p.rule().name().equalsIgnoreCase(name)).findFirst();
  }
}
