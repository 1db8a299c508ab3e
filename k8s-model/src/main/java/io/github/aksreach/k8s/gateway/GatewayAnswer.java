package io.github.aksreach.k8s.gateway;

import java.util.Optional;

/**
 * The whole answer of an Istio gateway pod to one HTTP request: the client addresses its AuthorizationPolicies see,
 * their decision (403 before routing when denied, S5.8), and otherwise the routing outcome.
 *
 * <pre>{@code
 * GatewayAnswer a = istioGateway.answer(pod, HttpRequest.get(80, "www.example.com", "/"), peer);
 * a.status();     // Optional[403] when denied; the outcome's status or empty (forwarded) otherwise
 * a.outcome();    // Optional[Routed[...]] when allowed
 * }</pre>
 *
 * @param addresses {@code source.ip} and {@code remote.ip}
 * @param authz the authorization decision
 * @param outcome the routing outcome, when authorized
 */
public record GatewayAnswer(IstioClientAddress addresses, AuthzDecision authz, Optional<GatewayOutcome> outcome) {
  /** The HTTP status the gateway itself answers, if it does: 403, 404, 421, 500, a redirect code; empty otherwise. */
  public Optional<Integer> status() {
    if (!authz.allowed()) {
      return Optional.of(403);
    }
    GatewayOutcome o = outcome.orElseThrow();
    if (o instanceof GatewayOutcome.Answered a) {
      return Optional.of(a.status());
    }
    if (o instanceof GatewayOutcome.Redirected r) {
      return Optional.of(r.status());
    }
    return Optional.empty();
  }
}
