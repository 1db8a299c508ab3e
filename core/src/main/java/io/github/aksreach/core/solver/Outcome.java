package io.github.aksreach.core.solver;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a classifier rule does with the flows it matches: pass them on, or drop them.
 *
 * <pre>{@code
 * Outcome allow = Outcome.next("node-1/kube-proxy", "allowed");
 * Outcome deny = Outcome.drop("NSG", "denied by nsg-user").bypassingTo("node-1/kube-proxy");
 * Outcome forbidden = Outcome.drop("INGRESS", "client not in allow-list").withStatus(403);
 * }</pre>
 */
public sealed interface Outcome permits Outcome.Next, Outcome.Drop {

  static Next next(String target, String decision) {
    return new Next(target, decision);
  }

  static Drop drop(String kind, String reason) {
    return new Drop(kind, reason, OptionalInt.empty(), Optional.empty());
  }

  /**
   * Continue at element {@code target}.
   *
   * @param target the next element's id
   * @param decision what the hop decided, in words ("allowed", "DNAT to 10.244.2.2:80")
   */
  record Next(String target, String decision) implements Outcome {}

  /**
   * Stop here.
   *
   * @param kind the drop category a user filters on (the model modules define them)
   * @param reason why, in words
   * @param status an application-level status code (an HTTP 403), where there is one
   * @param bypassTo where the flow would have gone had this hop allowed it; explain mode continues there
   */
  record Drop(String kind, String reason, OptionalInt status, Optional<String> bypassTo) implements Outcome {
    public Drop withStatus(int s) {
      return new Drop(kind, reason, OptionalInt.of(s), bypassTo);
    }

    public Drop bypassingTo(String target) {
      return new Drop(kind, reason, status, Optional.of(target));
    }
  }
}
