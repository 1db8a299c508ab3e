package io.github.aksreach.k8s.gateway;

import io.github.aksreach.k8s.model.AuthorizationPolicy;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of Istio's authorization for one request (S5.2): allowed, or denied with 403 before routing (S5.8),
 * with the policy that decided and the CUSTOM providers whose answer was assumed.
 *
 * <pre>{@code
 * AuthzDecision d = AuthorizationEvaluator.evaluate(policies, request, GatewayOptions.defaults());
 * d.allowed();          // false
 * d.status();           // Optional[403]
 * d.reason();           // "no ALLOW policy matches: infra/allow-office (ALLOW) ..."
 * }</pre>
 *
 * @param allowed whether the request passes
 * @param decidedBy the policy whose rule decided (empty: no policy applies, or no ALLOW matched)
 * @param reason in words
 * @param assumedCustomProviders CUSTOM providers whose decision was assumed (GatewayOptions)
 */
public record AuthzDecision(boolean allowed, Optional<AuthorizationPolicy> decidedBy, String reason,
    List<String> assumedCustomProviders) {
  public AuthzDecision {
    assumedCustomProviders = List.copyOf(assumedCustomProviders);
  }

  /** 403 when denied. */
  public Optional<Integer> status() {
    return allowed ? Optional.empty() : Optional.of(403);
  }
}
