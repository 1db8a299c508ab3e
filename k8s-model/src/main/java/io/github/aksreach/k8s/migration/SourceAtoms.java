package io.github.aksreach.k8s.migration;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * Exact source sets from a decision taken one address at a time: the source space is cut by every address set the
 * decision can tell apart (allow-list CIDRs, {@code ipBlocks}, the reach sets of layer 4), so the decision is constant
 * on each piece (atom), and one address per atom decides the whole atom.
 *
 * <pre>{@code
 * IpSet admitted = SourceAtoms.where(IpSet.all(IpFamily.V4), List.of(IpSet.of(IpPrefix.of("198.51.100.0/24"))),
 *     a -> policy.allows(a));
 * admitted.toCidrs();   // [198.51.100.0/24]
 * }</pre>
 */
public final class SourceAtoms {
  private SourceAtoms() {}

  /** The non-empty pieces of {@code universe} that no set of {@code cuts} splits. */
  public static List<IpSet> atoms(IpSet universe, Collection<IpSet> cuts) {
    List<IpSet> atoms = new ArrayList<>();
    if (!universe.isEmpty()) {
      atoms.add(universe);
    }
    for (IpSet cut : cuts) {
      List<IpSet> next = new ArrayList<>();
      for (IpSet a : atoms) {
        IpSet in = a.intersection(cut);
        IpSet out = a.difference(cut);
        if (!in.isEmpty()) {
          next.add(in);
        }
        if (!out.isEmpty()) {
          next.add(out);
        }
      }
      atoms = next;
    }
    return atoms;
  }

  /** The union of the atoms whose first address satisfies {@code p}. */
  public static IpSet where(IpSet universe, Collection<IpSet> cuts, Predicate<IpAddress> p) {
    IpSet out = IpSet.empty();
    for (IpSet a : atoms(universe, cuts)) {
      if (p.test(a.first().orElseThrow())) {
        out = out.union(a);
      }
    }
    return out;
  }
}
