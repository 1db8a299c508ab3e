package io.github.aksreach.k8s.migration;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.k8s.gateway.AuthorizationEvaluator;
import io.github.aksreach.k8s.gateway.AuthzRequest;
import io.github.aksreach.k8s.gateway.GatewayOptions;
import io.github.aksreach.k8s.gateway.HttpRequest;
import io.github.aksreach.k8s.gateway.IstioGateway;
import io.github.aksreach.k8s.model.AuthorizationPolicy;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which clients an Istio gateway admits, as exact address sets: at layer 4 by its Service
 * ({@code loadBalancerSourceRanges}, else {@code azure-allowed-ip-ranges}, S5.12, S5.13) and at layer 7 by the
 * AuthorizationPolicies of a gateway pod (S5.2), evaluated one atom of the source space at a time (every CIDR a
 * policy names cuts it).
 *
 * <pre>{@code
 * IpSet l4 = GatewayClients.admittedByService(ig.dataPlane().service(), IpFamily.V4);
 * IpSet l7 = GatewayClients.admittedByPolicies(ig, pod, HttpRequest.get(80, "demoapi.example.com", "/"),
 *     IpFamily.V4, GatewayOptions.defaults());   // source.ip = remote.ip = the client (ETP Local, no XFF)
 * }</pre>
 */
public final class GatewayClients {
  private GatewayClients() {}

  /** The sources the Service's layer-4 allow-lists admit (every address when it sets none). */
  public static IpSet admittedByService(Service s, IpFamily family) {
    List<IpPrefix> ranges = !s.loadBalancerSourceRanges().isEmpty() ? s.loadBalancerSourceRanges()
        : s.azure().allowedIpRanges();
    return ranges.isEmpty() ? IpSet.all(family) : IpSet.ofPrefixes(ranges).restrict(family);
  }

  /** Every address set a policy names for {@code source.ip} or {@code remote.ip}: where its decision can change. */
  public static List<IpSet> cuts(List<AuthorizationPolicy> policies) {
    List<IpSet> out = new ArrayList<>();
    for (AuthorizationPolicy p : policies) {
      for (AuthorizationPolicy.Rule r : p.rules()) {
        for (AuthorizationPolicy.Source s : r.from()) {
          for (List<IpPrefix> l : List.of(s.ipBlocks(), s.notIpBlocks(), s.remoteIpBlocks(), s.notRemoteIpBlocks())) {
            l.forEach(x -> out.add(IpSet.of(x)));
          }
        }
        for (AuthorizationPolicy.Condition c : r.when()) {
          if (c.key().equals("source.ip") || c.key().equals("remote.ip")) {
            for (String v : c.values()) {
              IpPrefix.parse(v).forEach(x -> out.add(IpSet.of(x)));
            }
            for (String v : c.notValues()) {
              IpPrefix.parse(v).forEach(x -> out.add(IpSet.of(x)));
            }
          }
        }
      }
    }
    return out;
  }

  /** Whether the policies of {@code pod} admit {@code request} with these {@code source.ip} and {@code remote.ip}. */
  public static boolean admits(IstioGateway ig, Pod pod, HttpRequest request, IpAddress sourceIp, IpAddress remoteIp,
      GatewayOptions options) {
    return AuthorizationEvaluator.evaluate(ig.policiesFor(pod), new AuthzRequest(request, sourceIp, remoteIp,
        Optional.empty(), Optional.empty()), options).allowed();
  }

  /**
   * The clients whose {@code request} the policies of {@code pod} admit when the gateway sees each client's own
   * address ({@code source.ip} = {@code remote.ip} = the client: ETP Local, no X-Forwarded-For).
   */
  public static IpSet admittedByPolicies(IstioGateway ig, Pod pod, HttpRequest request, IpFamily family,
      GatewayOptions options) {
    return SourceAtoms.where(IpSet.all(family), cuts(ig.policiesFor(pod)),
        a -> admits(ig, pod, request, a, a, options));
  }
}
