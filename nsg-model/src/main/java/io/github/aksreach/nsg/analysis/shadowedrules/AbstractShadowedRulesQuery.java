package io.github.aksreach.nsg.analysis.shadowedrules;

import io.github.aksreach.nsg.eval.EvalOptions;
import io.github.aksreach.nsg.model.Direction;
import java.util.EnumSet;
import java.util.Set;
import org.immutables.value.Value;

/**
 * The parameters of the shadowed-rules analysis.
 *
 * <pre>{@code
 * ShadowedRulesQuery q = ShadowedRulesQuery.builder()
 *     .addNsgNames("nsg-user")                 // only this NSG (default: every NSG)
 *     .directions(EnumSet.of(Direction.INBOUND))
 *     .includeDefaultRules(true)               // also report default rules that custom rules make unreachable
 *     .build();
 * }</pre>
 */
@Value.Immutable
abstract class AbstractShadowedRulesQuery {
  /** NSG names to analyse (ignoring case); empty means every NSG. */
  public abstract Set<String> nsgNames();

  /** Directions to analyse; default both. */
  @Value.Default
  public Set<Direction> directions() {
    return EnumSet.allOf(Direction.class);
  }

  /**
   * Whether to report default rules too. Off by default: custom "deny all" rules routinely make
   * {@code AllowVnetInBound} and friends unreachable, by design.
   */
  @Value.Default
  public boolean includeDefaultRules() {
    return false;
  }

  /** How service tags are resolved. */
  @Value.Default
  public EvalOptions evalOptions() {
    return EvalOptions.defaults();
  }

  /** Every NSG, both directions, custom rules only. */
  public static ShadowedRulesQuery defaults() {
    return ShadowedRulesQuery.builder().build();
  }
}
