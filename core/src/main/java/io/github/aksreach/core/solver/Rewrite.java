package io.github.aksreach.core.solver;

import java.util.List;
import java.util.Objects;

/**
 * Constant assignments to header fields, then on to {@code target}.
 *
 * <pre>{@code
 * Rewrite snat = Rewrite.of(ElementKey.named("snat-node-a"),
 *     Origin.of(HopKind.named("KUBE_PROXY"), "MASQUERADE to 192.168.0.4"),
 *     List.of(Assign.srcIp(IpAddress.of("192.168.0.4"))), ElementKey.named("node-a/out"));
 * }</pre>
 *
 * @param key the element's key
 * @param origin where the element comes from
 * @param assigns the assignments, in order
 * @param target where the rewritten flow goes on
 * @param decision what the hop did, in words ({@code rewrite [SRC_IP:=10.244.2.1]}), rendered once here so a walk
 *     does not format the assignments on every hop it records
 */
public record Rewrite(ElementKey key, Origin origin, List<Assign> assigns, ElementKey target, String decision)
    implements Element {
  public Rewrite {
    Objects.requireNonNull(key);
    Objects.requireNonNull(origin);
    Objects.requireNonNull(target);
    Objects.requireNonNull(decision);
    assigns = List.copyOf(assigns);
  }

  /** A rewrite whose decision is {@code "rewrite "} and its assignments. */
  public Rewrite(ElementKey key, Origin origin, List<Assign> assigns, ElementKey target) {
    this(key, origin, assigns, target, "rewrite " + List.copyOf(assigns));
  }

  public static Rewrite of(ElementKey key, Origin origin, List<Assign> assigns, ElementKey target) {
    return new Rewrite(key, origin, assigns, target);
  }

  /** A rewrite with named keys and a described origin (hand-built graphs). */
  public static Rewrite of(String key, String label, String kind, List<Assign> assigns, String target) {
    return new Rewrite(ElementKey.named(key), Origin.of(HopKind.named(kind), label), assigns,
        ElementKey.named(target));
  }
}
