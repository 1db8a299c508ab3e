package io.github.aksreach.core.solver;

import java.util.List;
import java.util.Objects;

/**
 * Weighted branches: every flow goes down every branch, with the branch's probability and rewrites. Weights must sum
 * to one.
 *
 * <pre>{@code
 * Fork lb = Fork.of("lb", "ILB 192.168.0.22:80", "LOAD_BALANCER", List.of(
 *     Fork.Branch.of(Weight.of(1, 2), "node-a/nsg", List.of(), "backend node-a"),
 *     Fork.Branch.of(Weight.of(1, 2), "node-b/nsg", List.of(), "backend node-b")));
 * }</pre>
 */
public record Fork(String id, String label, String kind, List<Branch> branches) implements Element {

  /**
   * One branch.
   *
   * @param weight its probability
   * @param target the next element's id
   * @param assigns rewrites applied on this branch (DNAT to an endpoint, SNAT)
   * @param decision what was chosen, in words
   */
  public record Branch(Weight weight, String target, List<Assign> assigns, String decision) {
    public Branch {
      assigns = List.copyOf(assigns);
    }

    public static Branch of(Weight weight, String target, List<Assign> assigns, String decision) {
      return new Branch(weight, target, assigns, decision);
    }
  }

  public Fork {
    Objects.requireNonNull(id);
    branches = List.copyOf(branches);
    if (branches.isEmpty()) {
      throw new IllegalArgumentException("fork " + id + " has no branches; use a dropping classifier instead");
    }
    Weight sum = Weight.ZERO;
    for (Branch b : branches) {
      sum = sum.plus(b.weight());
    }
    if (!sum.isOne()) {
      throw new IllegalArgumentException("fork " + id + " branch weights sum to " + sum + ", not 1");
    }
  }

  public static Fork of(String id, String label, String kind, List<Branch> branches) {
    return new Fork(id, label, kind, branches);
  }

  /** Equal weights over the given targets and rewrites. */
  public static Fork even(String id, String label, String kind, List<Branch> unweighted) {
    Weight w = Weight.of(1, unweighted.size());
    return of(id, label, kind, unweighted.stream()
        .map(b -> Branch.of(w, b.target(), b.assigns(), b.decision())).toList());
  }
}
