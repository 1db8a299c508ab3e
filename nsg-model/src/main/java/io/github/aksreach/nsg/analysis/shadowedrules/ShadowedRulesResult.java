package io.github.aksreach.nsg.analysis.shadowedrules;

import io.github.aksreach.nsg.model.Access;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.SecurityRule;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rules that can never decide a flow, one row each, plus the NSGs that could not be analysed.
 *
 * <pre>{@code
 * ShadowedRulesResult r = ShadowedRulesAnalyzer.analyze(net, ShadowedRulesQuery.defaults());
 * for (ShadowedRulesResult.Row row : r.rows()) {
 *   row.rule().name();          // the dead rule
 *   row.shadowedBy();           // the higher-priority rules that together match all it matches
 *   row.conflicting();          // true if one of them has the opposite access
 * }
 * }</pre>
 *
 * @param rows the dead rules, by NSG, context, direction and priority
 * @param skipped NSGs not analysed, with the reason ("not attached to any subnet or NIC of a loaded VNet")
 */
public record ShadowedRulesResult(List<Row> rows, List<String> skipped) {
  public ShadowedRulesResult {
    rows = List.copyOf(rows);
    skipped = List.copyOf(skipped);
  }

  /** Why a rule can never decide. */
  public enum Reason {
    /** Its source, destination, ports or protocols are empty after resolution: it matches no flow. */
    EMPTY,
    /** Higher-priority rules of the same direction match every flow it matches. */
    SHADOWED
  }

  /**
   * One rule that can never decide.
   *
   * @param nsg the group
   * @param context the address context it was analysed in ("vnet vnet-aks-lab")
   * @param direction the rule's direction
   * @param rule the rule
   * @param reason empty or shadowed
   * @param shadowedBy an irreducible set of higher-priority rules whose union matches every flow the rule matches
   *     (empty for {@link Reason#EMPTY})
   */
  public record Row(NetworkSecurityGroup nsg, String context, Direction direction, SecurityRule rule, Reason reason,
                    List<SecurityRule> shadowedBy) {
    public Row {
      shadowedBy = List.copyOf(shadowedBy);
    }

    /** True if a shadowing rule has the opposite access: the rule's intent is overridden, not just redundant. */
    public boolean conflicting() {
      Access a = rule.access();
      return shadowedBy.stream().anyMatch(r -> r.access() != a);
    }

    @Override
    public String toString() {
      String base = nsg.name() + " " + direction.azureName().toLowerCase(java.util.Locale.ROOT) + " "
          + rule.display() + " " + reason;
      if (reason == Reason.EMPTY) {
        return base + " (matches no flow in " + context + ")";
      }
      return base + " by " + shadowedBy.stream().map(SecurityRule::display).collect(Collectors.joining(", "))
          + (conflicting() ? " [conflicting]" : " [redundant]");
    }
  }
}
