package io.github.aksreach.k8s.cluster;

import io.github.aksreach.k8s.gateway.GatewayOptions;
import io.github.aksreach.k8s.netpol.NetworkPolicyOptions;
import io.github.aksreach.nsg.eval.EvalOptions;

/**
 * The modelling choices of the end-to-end analysis, each an explicit option where DOMAIN.md marks the fact
 * UNVERIFIED.
 *
 * <pre>{@code
 * AksOptions o = AksOptions.defaults().withTransientHealth(true);   // every backend UP: before probes catch up
 * }</pre>
 *
 * @param transientHealth evaluate with every LB backend UP (what users see before the probes catch up)
 * @param flappingCarriesTraffic whether a FLAPPING backend (some probe paths succeed) stays in rotation
 * @param httpProbeToPlainPodSucceeds whether an HTTP probe that reaches a pod other than an ingress controller is
 *     answered 200 (UNVERIFIED: aksreach cannot know the application's routes; default true)
 * @param sameNodeSnatIsNodeIpOnAzureCni under Azure CNI (node subnet, pod subnet, overlay) kube-proxy's masquerade of
 *     traffic to a local endpoint uses the node's primary IP (UNVERIFIED, DOMAIN.md 4.4; default true). Under
 *     kubenet the source is always the cbr0 bridge address.
 * @param healthAssumesOpenNsgs derive health as if every NSG allowed the probes (and what they are forwarded as):
 *     which backends would carry traffic once the NSGs are right; used to derive the openings a flow needs
 * @param nsg NSG evaluation options (VirtualNetwork tag with default routes, secure by default); the assembled
 *     network adds {@code scenario.yaml}'s {@code network.routedIntoVnet} to its connected prefixes
 * @param networkPolicy NetworkPolicy evaluation options
 * @param gateway Gateway API and Istio options (the UNVERIFIED points of DOMAIN-GATEWAY.md section 8)
 * @param hostPort how a container's hostPort is served (the CNI's portmap; UNVERIFIED points)
 */
public record AksOptions(boolean transientHealth, boolean flappingCarriesTraffic, boolean httpProbeToPlainPodSucceeds,
                         boolean sameNodeSnatIsNodeIpOnAzureCni, boolean healthAssumesOpenNsgs, EvalOptions nsg,
                         NetworkPolicyOptions networkPolicy, GatewayOptions gateway, HostPortOptions hostPort) {
  public static AksOptions defaults() {
    return new AksOptions(false, true, true, true, false, EvalOptions.defaults(), NetworkPolicyOptions.defaults(),
        GatewayOptions.defaults(), HostPortOptions.defaults());
  }

  /** These options with other Gateway options, e.g. {@code o.withGateway(o.gateway().withClusterPolicySnat(...))}. */
  public AksOptions withGateway(GatewayOptions g) {
    return new AksOptions(transientHealth, flappingCarriesTraffic, httpProbeToPlainPodSucceeds,
        sameNodeSnatIsNodeIpOnAzureCni, healthAssumesOpenNsgs, nsg, networkPolicy, g, hostPort);
  }

  /** These options with other NSG evaluation options. */
  public AksOptions withNsg(EvalOptions e) {
    return new AksOptions(transientHealth, flappingCarriesTraffic, httpProbeToPlainPodSucceeds,
        sameNodeSnatIsNodeIpOnAzureCni, healthAssumesOpenNsgs, e, networkPolicy, gateway, hostPort);
  }

  /** These options with other hostPort options. */
  public AksOptions withHostPort(HostPortOptions h) {
    return new AksOptions(transientHealth, flappingCarriesTraffic, httpProbeToPlainPodSucceeds,
        sameNodeSnatIsNodeIpOnAzureCni, healthAssumesOpenNsgs, nsg, networkPolicy, gateway, h);
  }

  public AksOptions withTransientHealth(boolean t) {
    return new AksOptions(t, flappingCarriesTraffic, httpProbeToPlainPodSucceeds, sameNodeSnatIsNodeIpOnAzureCni,
        healthAssumesOpenNsgs, nsg, networkPolicy, gateway, hostPort);
  }

  /** These options with other NetworkPolicy options, e.g. {@code o.withNetworkPolicy(o.networkPolicy()
   * .withEgressSeesServiceBackend(false))}. */
  public AksOptions withNetworkPolicy(NetworkPolicyOptions p) {
    return new AksOptions(transientHealth, flappingCarriesTraffic, httpProbeToPlainPodSucceeds,
        sameNodeSnatIsNodeIpOnAzureCni, healthAssumesOpenNsgs, nsg, p, gateway, hostPort);
  }

  public AksOptions withHealthAssumingOpenNsgs(boolean open) {
    return new AksOptions(transientHealth, flappingCarriesTraffic, httpProbeToPlainPodSucceeds,
        sameNodeSnatIsNodeIpOnAzureCni, open, nsg, networkPolicy, gateway, hostPort);
  }
}
