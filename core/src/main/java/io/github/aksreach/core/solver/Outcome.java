package io.github.aksreach.core.solver;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a classifier rule does with the flows it matches: pass them on, or drop them.
 *
 * <pre>{@code
 * Outcome allow = Outcome.next(kubeProxyKey, "allowed");
 * Outcome deny = Outcome.drop(AksHopKind.NSG, "denied by nsg-user").bypassingTo(kubeProxyKey);
 * Outcome forbidden = Outcome.drop(AksHopKind.INGRESS, "client not in allow-list").withStatus(403);
 * }</pre>
 */
public sealed interface Outcome permits Outcome.Next, Outcome.Drop {

  static Next next(ElementKey target, String decision) {
    return new Next(target, decision);
  }

  /** {@link #next(ElementKey, String)} to a named key (hand-built graphs). */
  static Next next(String target, String decision) {
    return new Next(ElementKey.named(target), decision);
  }

  static Drop drop(HopKind kind, String reason) {
    return new Drop(kind, reason, OptionalInt.empty(), Optional.empty());
  }

  /** {@link #drop(HopKind, String)} with a named kind (hand-built graphs). */
  static Drop drop(String kind, String reason) {
    return drop(HopKind.named(kind), reason);
  }

  /**
   * Continue at element {@code target}.
   *
   * @param target the next element's key
   * @param decision what the hop decided, in words ("allowed", "DNAT to 10.244.2.2:80"), for renderers
   */
  record Next(ElementKey target, String decision) implements Outcome {
    public Next {
      Objects.requireNonNull(target);
    }
  }

  /**
   * Stop here.
   *
   * @param kind the drop category a user filters on (the model modules define them)
   * @param reason why, in words (for renderers)
   * @param status an application-level status code (an HTTP 403), where there is one
   * @param bypassTo where the flow would have gone had this hop allowed it; explain mode continues there
   */
  record Drop(HopKind kind, String reason, OptionalInt status, Optional<ElementKey> bypassTo) implements Outcome {
    public Drop {
      Objects.requireNonNull(kind);
    }

    public Drop withStatus(int s) {
      return new Drop(kind, reason, OptionalInt.of(s), bypassTo);
    }

    public Drop bypassingTo(ElementKey target) {
      return new Drop(kind, reason, status, Optional.of(target));
    }

    /** {@link #bypassingTo(ElementKey)} a named key (hand-built graphs). */
    public Drop bypassingTo(String target) {
      return bypassingTo(ElementKey.named(target));
    }
  }
}
