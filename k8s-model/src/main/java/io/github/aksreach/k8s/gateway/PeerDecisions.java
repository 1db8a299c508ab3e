package io.github.aksreach.k8s.gateway;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.k8s.model.AuthorizationPolicy;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Istio's authorization decision for one request at one gateway pod, for every TCP peer at once: the peer addresses
 * split into classes that every policy treats alike (the classes the prefixes of {@code ipBlocks},
 * {@code notIpBlocks}, {@code remoteIpBlocks}, {@code notRemoteIpBlocks} and the {@code source.ip}/{@code remote.ip}
 * conditions cut the address space into), each decided by {@link AuthorizationEvaluator} on one of its addresses.
 * Within a class the decision cannot differ: {@code source.ip} is the peer, and {@code remote.ip} is the peer or a
 * constant of the request (X-Forwarded-For with {@code numTrustedProxies}), so each policy field sees every peer of
 * the class alike.
 *
 * <pre>{@code
 * List<PeerDecisions.Part> parts = PeerDecisions.of(policies, request, Optional.of("1.2.3.4"), 1,
 *     GatewayOptions.defaults());
 * parts.get(0).peers();       // e.g. 192.168.1.4/32
 * parts.get(0).decision();    // allowed by ALLOW policy gateway/allow-office
 * }</pre>
 */
public final class PeerDecisions {
  private PeerDecisions() {}

  /**
   * The peers given one decision.
   *
   * @param peers the peer addresses (disjoint from every other part's)
   * @param decision the decision, as taken for a representative
   * @param addresses the representative's {@code source.ip} and {@code remote.ip}
   */
  public record Part(IpSet peers, AuthzDecision decision, IstioClientAddress addresses) {}

  /**
   * Every peer address of both families, split by decision; parts with the same outcome and deciding policy are
   * merged. {@code forwardedFor} is the X-Forwarded-For the client sent, {@code numTrustedProxies} the gateway pod's.
   */
  public static List<Part> of(List<AuthorizationPolicy> policies, HttpRequest request, Optional<String> forwardedFor,
      int numTrustedProxies, GatewayOptions options) {
    List<IpSet> classes = new ArrayList<>(List.of(IpSet.all()));
    for (IpSet cut : cuts(policies)) {
      List<IpSet> next = new ArrayList<>();
      for (IpSet c : classes) {
        IpSet in = c.intersection(cut);
        IpSet out = c.difference(cut);
        if (!in.isEmpty()) {
          next.add(in);
        }
        if (!out.isEmpty()) {
          next.add(out);
        }
      }
      classes = next;
    }
    Map<String, Part> merged = new LinkedHashMap<>();
    for (IpSet c : classes) {
      IpAddress rep = c.first().orElseThrow();
      IstioClientAddress a = IstioClientAddress.of(rep, forwardedFor, numTrustedProxies);
      AuthzDecision d = AuthorizationEvaluator.evaluate(policies, AuthzRequest.of(request, a), options);
      String key = d.allowed() + "|" + d.decidedBy().map(AuthorizationPolicy::key).orElse("");
      Part prev = merged.get(key);
      merged.put(key, prev == null ? new Part(c, d, a) : new Part(prev.peers().union(c), prev.decision(),
          prev.addresses()));
    }
    return List.copyOf(merged.values());
  }

  /** The address sets any policy field or IP condition distinguishes. */
  private static List<IpSet> cuts(List<AuthorizationPolicy> policies) {
    List<IpSet> out = new ArrayList<>();
    for (AuthorizationPolicy p : policies) {
      for (AuthorizationPolicy.Rule r : p.rules()) {
        for (AuthorizationPolicy.Source s : r.from()) {
          for (List<IpPrefix> ps : List.of(s.ipBlocks(), s.notIpBlocks(), s.remoteIpBlocks(),
              s.notRemoteIpBlocks())) {
            ps.forEach(x -> out.add(IpSet.of(x)));
          }
        }
        for (AuthorizationPolicy.Condition c : r.when()) {
          if (c.key().equals("source.ip") || c.key().equals("remote.ip")) {
            for (List<String> vs : List.of(c.values(), c.notValues())) {
              for (String v : vs) {
                Validation<?, IpPrefix> x = IpPrefix.parse(v);
                if (x.isValid()) {
                  out.add(IpSet.of(x.get()));
                }
              }
            }
          }
        }
      }
    }
    return out;
  }
}
