package io.github.aksreach.k8s.gateway;

import io.github.aksreach.k8s.model.BackendRef;
import io.github.aksreach.k8s.model.Gateway;
import io.github.aksreach.k8s.model.GatewayRoute;
import java.util.List;
import java.util.Optional;

/**
 * What a Gateway does with one HTTP request (DOMAIN-GATEWAY section 7 steps 3-8): forwards it to weighted backends,
 * redirects it, answers it itself with an HTTP status, or never gets it (no listener on the port, TLS refused).
 *
 * <pre>{@code
 * switch (router.route(request)) {   // Java 17: use instanceof
 *   Routed r     -> r.shares()        // weighted backends, each forwarded or 500/503
 *   Redirected r -> r.location()      // 301/302/303/307/308 from the gateway
 *   Answered a   -> a.status()        // 404 no listener hostname or route, 421, 500 no backends
 *   NoListener n -> ...               // nothing listens on the port
 *   TlsRefused t -> ...               // no HTTPS listener accepts the SNI
 * }
 * }</pre>
 */
public sealed interface GatewayOutcome {
  /**
   * Forwarded: the winning rule's backends.
   *
   * @param listener the listener that took the request
   * @param route the route whose rule won
   * @param ruleIndex the rule's index in the route
   * @param match a description of the winning match
   * @param shares the weighted backends (weight 0 excluded); fractions sum to 1
   * @param rewrittenPath the path after URLRewrite, if rewritten
   * @param rewrittenHost the Host after URLRewrite, if rewritten
   * @param mirrors RequestMirror targets (they receive copies)
   */
  record Routed(Gateway.Listener listener, GatewayRoute route, int ruleIndex, String match, List<BackendShare> shares,
      Optional<String> rewrittenPath, Optional<String> rewrittenHost, List<BackendRef> mirrors)
      implements GatewayOutcome {
    public Routed {
      shares = List.copyOf(shares);
      mirrors = List.copyOf(mirrors);
    }

    /** The fraction of requests forwarded to a backend pod (the rest get 500 or 503). */
    public double forwardedFraction() {
      return shares.stream().filter(BackendShare::forwarded).mapToDouble(BackendShare::fraction).sum();
    }

    @Override
    public String toString() {
      return "Routed[" + listener.name() + ", " + route + " rule " + ruleIndex + " (" + match + "), " + shares + "]";
    }
  }

  /**
   * A RequestRedirect answered by the gateway (R2.32); the backend is not contacted.
   *
   * @param listener the listener
   * @param route the route
   * @param ruleIndex the rule
   * @param status 301, 302, 303, 307 or 308
   * @param location the {@code Location} header
   */
  record Redirected(Gateway.Listener listener, GatewayRoute route, int ruleIndex, int status, String location)
      implements GatewayOutcome {}

  /**
   * The gateway answers with an error status.
   *
   * @param listener the listener, when one took the request
   * @param status 404, 421 or 500
   * @param reason why
   */
  record Answered(Optional<Gateway.Listener> listener, int status, String reason) implements GatewayOutcome {}

  /**
   * No usable listener on the destination port: the data plane does not listen there.
   *
   * @param port the port
   */
  record NoListener(int port) implements GatewayOutcome {}

  /**
   * No HTTPS listener accepts the SNI: the TLS handshake fails (G1.10).
   *
   * @param sni the server name
   * @param how {@link GatewayOptions.UnmatchedSni}
   */
  record TlsRefused(String sni, GatewayOptions.UnmatchedSni how) implements GatewayOutcome {}
}
