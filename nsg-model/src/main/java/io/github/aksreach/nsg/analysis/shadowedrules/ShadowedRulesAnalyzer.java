package io.github.aksreach.nsg.analysis.shadowedrules;

import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.nsg.eval.AddressResolver;
import io.github.aksreach.nsg.eval.CompiledNsg;
import io.github.aksreach.nsg.model.AzureNetwork;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.SecurityRule;
import io.github.aksreach.nsg.model.VirtualNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds NSG rules that can never decide a flow, exactly: rule {@code r} is dead iff the flows it matches are empty or
 * enclosed by the union of the flows matched by the rules before it (same NSG, same direction, lower priority
 * number). Computed with exact flow spaces, so "shadowed" means shadowed for every packet, not by a heuristic.
 *
 * <pre>{@code
 * ShadowedRulesResult all = ShadowedRulesAnalyzer.analyze(net, ShadowedRulesQuery.defaults());
 * List<ShadowedRulesResult.Row> rows = ShadowedRulesAnalyzer.analyze(nsg, resolver, ShadowedRulesQuery.defaults());
 * }</pre>
 *
 * <p>Important note: service tags depend on the VNet, so an NSG is analysed once per VNet it is attached in (through
 * a subnet or a NIC); an NSG attached nowhere is reported in {@link ShadowedRulesResult#skipped()}. The shadowing
 * set reported is irreducible (no rule can be left out) but not necessarily the smallest possible.
 */
public final class ShadowedRulesAnalyzer {
  private ShadowedRulesAnalyzer() {}

  /** Analyses the network's NSGs selected by {@code query}, in every VNet context they are attached in. */
  public static ShadowedRulesResult analyze(AzureNetwork net, ShadowedRulesQuery query) {
    List<ShadowedRulesResult.Row> rows = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (NetworkSecurityGroup nsg : net.nsgs()) {
      if (!query.nsgNames().isEmpty()
          && query.nsgNames().stream().noneMatch(n -> n.equalsIgnoreCase(nsg.name()))) {
        continue;
      }
      List<VirtualNetwork> contexts = net.vnetsUsing(nsg);
      if (contexts.isEmpty()) {
        skipped.add(nsg.name() + ": not attached to any subnet or NIC of a loaded VNet, so its VirtualNetwork and"
            + " Internet tags are undefined");
        continue;
      }
      for (VirtualNetwork v : contexts) {
        rows.addAll(analyze(nsg, AddressResolver.forVnet(net, v, query.evalOptions()), query));
      }
    }
    return new ShadowedRulesResult(rows, skipped);
  }

  /** Analyses one NSG in one address context. */
  public static List<ShadowedRulesResult.Row> analyze(NetworkSecurityGroup nsg, AddressResolver resolver,
                                                      ShadowedRulesQuery query) {
    List<ShadowedRulesResult.Row> rows = new ArrayList<>();
    for (Direction d : Direction.values()) {
      if (query.directions().contains(d)) {
        rows.addAll(analyze(CompiledNsg.of(nsg, d, resolver), resolver.context(), query.includeDefaultRules()));
      }
    }
    return rows;
  }

  /** Analyses one compiled NSG. */
  public static List<ShadowedRulesResult.Row> analyze(CompiledNsg c, String context, boolean includeDefaultRules) {
    List<ShadowedRulesResult.Row> rows = new ArrayList<>();
    List<SecurityRule> rules = c.rules();
    for (int i = 0; i < rules.size(); i++) {
      SecurityRule r = rules.get(i);
      if (!includeDefaultRules && r.isDefault()) {
        continue;
      }
      FlowSpace m = c.space(i);
      if (m.isEmpty()) {
        rows.add(new ShadowedRulesResult.Row(c.nsg(), context, c.direction(), r, ShadowedRulesResult.Reason.EMPTY,
            List.of()));
      } else if (!decidesItsWitness(c, i, m) && c.decidedBy(i, FlowSpace.all()).isEmpty()) {
        rows.add(new ShadowedRulesResult.Row(c.nsg(), context, c.direction(), r,
            ShadowedRulesResult.Reason.SHADOWED, shadowers(c, i, m)));
      }
    }
    return rows;
  }

  /**
   * The first witness: a flow rule {@code i} matches that the NSG decides by rule {@code i} proves it alive, by one
   * concrete lookup, without computing everything the earlier rules match. Only when it is decided earlier does the
   * exact difference settle the question.
   */
  private static boolean decidesItsWitness(CompiledNsg c, int i, FlowSpace m) {
    return m.witness().map(w -> c.decideIndex(w) == i).orElse(false);
  }

  /** An irreducible set of rules before {@code i} whose union encloses {@code m}. */
  private static List<SecurityRule> shadowers(CompiledNsg c, int i, FlowSpace m) {
    List<Integer> candidates = new ArrayList<>();
    for (int j = 0; j < i; j++) {
      if (!c.overlap(i, j)) {
        continue;
      }
      FlowSpace s = c.space(j);
      if (s.encloses(m)) {
        return List.of(c.rules().get(j));
      }
      if (s.intersects(m)) {
        candidates.add(j);
      }
    }
    // greedy removal, lowest priority first: drop a candidate whenever the others still cover m. The others of
    // candidate k are the candidates before it (none dropped yet: the walk goes backwards) and those kept after it,
    // so prefix unions and one running union give each in one step instead of a union over all of them
    int n = candidates.size();
    FlowSpace[] parts = new FlowSpace[n];
    FlowSpace[] before = new FlowSpace[n + 1];
    before[0] = FlowSpace.empty();
    for (int k = 0; k < n; k++) {
      parts[k] = c.space(candidates.get(k)).intersection(m);
      before[k + 1] = before[k].union(parts[k]);
    }
    boolean[] dropped = new boolean[n];
    FlowSpace keptAfter = FlowSpace.empty();
    for (int k = n - 1; k >= 0; k--) {
      if (before[k].union(keptAfter).encloses(m)) {
        dropped[k] = true;
      } else {
        keptAfter = keptAfter.union(parts[k]);
      }
    }
    List<SecurityRule> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      if (!dropped[k]) {
        out.add(c.rules().get(candidates.get(k)));
      }
    }
    return out;
  }
}
