package io.github.aksreach.core.solver;

import java.util.List;
import java.util.Objects;

/**
 * Weighted branches: every flow goes down every branch, with the branch's probability and rewrites. Weights must sum
 * to one.
 *
 * <pre>{@code
 * Fork lb = Fork.of(ElementKey.named("lb"), Origin.of(HopKind.named("LOAD_BALANCER"), "ILB 192.168.0.22:80"), List.of(
 *     Fork.Branch.of(Weight.of(1, 2), ElementKey.named("node-a/nsg"), List.of(), "backend node-a"),
 *     Fork.Branch.of(Weight.of(1, 2), ElementKey.named("node-b/nsg"), List.of(), "backend node-b")));
 * }</pre>
 */
public record Fork(ElementKey key, Origin origin, List<Branch> branches) implements Element {

  /**
   * One branch.
   *
   * @param weight its probability
   * @param target the next element's key
   * @param assigns rewrites applied on this branch (DNAT to an endpoint, SNAT)
   * @param decision what was chosen, in words (for renderers)
   */
  public record Branch(Weight weight, ElementKey target, List<Assign> assigns, String decision) {
    public Branch {
      Objects.requireNonNull(target);
      assigns = List.copyOf(assigns);
    }

    public static Branch of(Weight weight, ElementKey target, List<Assign> assigns, String decision) {
      return new Branch(weight, target, assigns, decision);
    }

    /** A branch to a named key (hand-built graphs). */
    public static Branch of(Weight weight, String target, List<Assign> assigns, String decision) {
      return new Branch(weight, ElementKey.named(target), assigns, decision);
    }
  }

  public Fork {
    Objects.requireNonNull(key);
    Objects.requireNonNull(origin);
    branches = List.copyOf(branches);
    if (branches.isEmpty()) {
      throw new IllegalArgumentException("fork " + key + " has no branches; use a dropping classifier instead");
    }
    Weight sum = Weight.ZERO;
    for (Branch b : branches) {
      sum = sum.plus(b.weight());
    }
    if (!sum.isOne()) {
      throw new IllegalArgumentException("fork " + key + " branch weights sum to " + sum + ", not 1");
    }
  }

  public static Fork of(ElementKey key, Origin origin, List<Branch> branches) {
    return new Fork(key, origin, branches);
  }

  /** A fork with a named key and a described origin (hand-built graphs). */
  public static Fork of(String key, String label, String kind, List<Branch> branches) {
    return new Fork(ElementKey.named(key), Origin.of(HopKind.named(kind), label), branches);
  }

  /** Equal weights over the given targets and rewrites. */
  public static Fork even(ElementKey key, Origin origin, List<Branch> unweighted) {
    Weight w = Weight.of(1, unweighted.size());
    return of(key, origin, unweighted.stream()
        .map(b -> Branch.of(w, b.target(), b.assigns(), b.decision())).toList());
  }

  /** The same branches under another key (the element another path names). */
  public Fork rekeyed(ElementKey newKey) {
    return new Fork(newKey, origin, branches);
  }
}
