package io.github.aksreach.k8s.gateway;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Parsed;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two client addresses an Istio gateway's AuthorizationPolicy sees (DOMAIN-GATEWAY 5.2): {@code source.ip}
 * ({@code ipBlocks}) = Envoy's TCP peer, and {@code remote.ip} ({@code remoteIpBlocks}) = the peer when
 * {@code numTrustedProxies} is 0, else the N-th address from the right of the X-Forwarded-For the client sent
 * (the peer when it has fewer than N entries) (A4.16, Envoy {@code xff_num_trusted_hops}).
 *
 * <pre>{@code
 * IpAddress node = IpAddress.of("10.224.0.4");
 * IstioClientAddress.of(node, Optional.of("1.2.3.4"), 1);
 * // sourceIp 10.224.0.4 (the node: ETP Cluster SNAT), remoteIp 1.2.3.4 (spoofed: nothing trusted in front)
 * IstioClientAddress.peer(TrafficPolicy.CLUSTER, client, node, true, GatewayOptions.defaults());   // node
 * }</pre>
 *
 * @param sourceIp {@code source.ip}
 * @param remoteIp {@code remote.ip}
 * @param explanation in words
 */
public record IstioClientAddress(IpAddress sourceIp, IpAddress remoteIp, String explanation) {
  /**
   * Envoy's downstream peer for a client behind the Azure load balancer (A4.14, A4.15): the client under ETP Local;
   * under ETP Cluster the receiving node's address ({@link GatewayOptions#clusterPolicySnat()}: or the client when the
   * datapath does not masquerade traffic kept on the receiving node).
   */
  public static IpAddress peer(TrafficPolicy etp, IpAddress client, IpAddress receivingNode,
      boolean gatewayPodOnReceivingNode, GatewayOptions options) {
    if (etp == TrafficPolicy.LOCAL) {
      return client;
    }
    boolean keep = options.clusterPolicySnat() == GatewayOptions.ClusterPolicySnat.CROSS_NODE_ONLY
        && gatewayPodOnReceivingNode;
    return keep ? client : receivingNode;
  }

  /** Parses an X-Forwarded-For value into addresses (left to right); an unparsable entry is an error. */
  public static Parsed<List<IpAddress>> parseForwardedFor(String header) {
    return Parsed.of(parseForwardedForResult(header));
  }

  private static Validation<ModelError, List<IpAddress>> parseForwardedForResult(String header) {
    List<IpAddress> out = new ArrayList<>();
    for (String part : header.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      Validation<ModelError, IpAddress> a = IpAddress.parse(p);
      if (a.isInvalid()) {
        return Validation.invalid(new ModelError("", "X-Forwarded-For", "'" + p + "' is not an IP address"));
      }
      out.add(a.get());
    }
    return Validation.valid(out);
  }

  /** The addresses for a request from {@code peer} carrying {@code forwardedFor} (as sent), with N trusted hops. */
  public static IstioClientAddress of(IpAddress peer, Optional<String> forwardedFor, int numTrustedProxies) {
    if (numTrustedProxies <= 0) {
      return new IstioClientAddress(peer, peer, "numTrustedProxies 0: remote.ip is the peer " + peer
          + " (X-Forwarded-For is not trusted)");
    }
    List<IpAddress> xff = forwardedFor.map(h -> parseForwardedFor(h).getOrElse(List.of())).orElse(List.of());
    if (xff.size() < numTrustedProxies) {
      return new IstioClientAddress(peer, peer, "numTrustedProxies " + numTrustedProxies + " but X-Forwarded-For has "
          + xff.size() + " usable entries: remote.ip falls back to the peer " + peer);
    }
    IpAddress remote = xff.get(xff.size() - numTrustedProxies);
    return new IstioClientAddress(peer, remote, "numTrustedProxies " + numTrustedProxies + ": remote.ip is "
        + remote + ", entry " + numTrustedProxies + " from the right of X-Forwarded-For " + xff
        + " (whoever sent it chose it unless a trusted proxy in front appended it)");
  }
}
