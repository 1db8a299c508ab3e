package io.github.aksreach.k8s.l7.gateway;

import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.ElementKey;
import io.github.aksreach.core.solver.Fork;
import io.github.aksreach.core.solver.Origin;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.core.solver.Weight;
import io.github.aksreach.k8s.cluster.HttpHeader;
import io.github.aksreach.k8s.cluster.L7;
import io.github.aksreach.k8s.gateway.BackendShare;
import io.github.aksreach.k8s.gateway.GatewayOutcome;
import io.github.aksreach.k8s.gateway.HttpRequest;
import io.github.aksreach.k8s.hops.Hops;
import io.github.aksreach.k8s.model.ServiceEndpoint;
import io.github.aksreach.k8s.trace.AksHopKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * What the two Gateway front doors (Istio's {@link GatewayFrontDoor}, AGC's {@link AgcFrontDoor}) share: the
 * question's request as a listener sees it, and the fork of a routed request over the winning rule's weighted
 * backendRefs (R2.24, R2.26): a share the proxy cannot send is answered by the proxy (500 invalid backendRef, 503 no
 * ready endpoint), a share it sends is split evenly over its ready endpoints.
 *
 * <pre>{@code
 * HttpRequest req = RouteShares.request(hops.l7(), "10.224.0.40", 80);
 * List<Fork.Branch> b = RouteShares.branches(routed, hops, origin, i -> new AksKey.ProxyAnswer(pod, i), "the gateway",
 *     (w, e, of) -> Fork.Branch.of(w, target(e), assigns(e), of + ": sent to " + e.address()));
 * }</pre>
 */
final class RouteShares {
  private RouteShares() {}

  /** How one ready endpoint of a sent share is reached. */
  @FunctionalInterface
  interface ToEndpoint {
    /**
     * The branch to {@code e}.
     *
     * @param w its weight
     * @param e the endpoint
     * @param of the share, in words: {@code backendRef ns/svc:port (weight w of sum)}
     */
    Fork.Branch branch(Weight w, ServiceEndpoint e, String of);
  }

  /**
   * The question's request on listener port {@code port}: its Host, or {@code hostWithoutOne} when the question has
   * none (a probe, which no listener hostname matches); method GET; the question's path and headers.
   */
  static HttpRequest request(L7 l7, String hostWithoutOne, int port) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (HttpHeader h : l7.headers()) {
      headers.add(Map.entry(h.name(), h.value()));
    }
    return new HttpRequest(port, l7.host().orElse(hostWithoutOne), Optional.empty(), "GET", l7.path(), headers);
  }

  /**
   * The branches of {@code routed}'s shares: share {@code i} the proxy answers itself goes to {@code answer.apply(i)}
   * (registered here, a drop with the status); a sent share's weight is split evenly over its ready endpoints, each
   * reached as {@code to} says.
   */
  static List<Fork.Branch> branches(GatewayOutcome.Routed routed, Hops hops, Origin origin,
      IntFunction<ElementKey> answer, String answeredBy, ToEndpoint to) {
    return branches(routed.shares(), hops, origin, answer, answeredBy, to);
  }

  /** {@link #branches(GatewayOutcome.Routed, Hops, Origin, IntFunction, String, ToEndpoint)} over given shares. */
  static List<Fork.Branch> branches(List<BackendShare> shares, Hops hops, Origin origin,
      IntFunction<ElementKey> answer, String answeredBy, ToEndpoint to) {
    long sum = shares.stream().mapToLong(s -> s.ref().weight()).sum();
    List<Fork.Branch> branches = new ArrayList<>();
    for (int i = 0; i < shares.size(); i++) {
      BackendShare share = shares.get(i);
      Weight w = Weight.of(share.ref().weight(), sum);
      String of = "backendRef " + share.ref() + " (weight " + share.ref().weight() + " of " + sum + ")";
      if (!share.forwarded()) {
        int status = share.failureStatus().getAsInt();
        ElementKey key = answer.apply(i);
        hops.register(Classifier.of(key, origin, List.of(), Outcome.drop(AksHopKind.INGRESS, "backendRef "
            + share.ref() + ": " + share.reason() + ": " + status).withStatus(status)));
        branches.add(Fork.Branch.of(w, key, List.of(), of + ": answered " + status + " by " + answeredBy));
        continue;
      }
      Weight each = w.times(Weight.of(1, share.readyEndpoints().size()));
      for (ServiceEndpoint e : share.readyEndpoints()) {
        branches.add(to.branch(each, e, of));
      }
    }
    return branches;
  }
}
