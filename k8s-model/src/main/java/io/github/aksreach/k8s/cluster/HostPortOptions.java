package io.github.aksreach.k8s.cluster;

import io.github.aksreach.k8s.model.ScenarioConfig;

/**
 * How a container's {@code hostPort} is served, where DOMAIN.md is silent (UNVERIFIED points, as options). A
 * {@code hostPort} is implemented by the CNI, not by kube-proxy: the {@code portmap} plugin chained after the main
 * plugin DNATs {@code nodeIP:hostPort} to {@code podIP:containerPort} in the node's PREROUTING; it masquerades only
 * traffic from the node itself (localhost) and hairpin traffic from the pod to its own hostPort, so a remote client
 * keeps its address (containernetworking/plugins portmap README, "SNAT"). Cilium serves hostPort natively.
 *
 * <pre>{@code
 * AksOptions o = AksOptions.defaults().withHostPort(HostPortOptions.defaults().withKeepsClientSource(false));
 * }</pre>
 *
 * <p>A scenario states them in {@code scenario.yaml} ({@code assumptions.hostPortServed: false},
 * {@code assumptions.hostPortKeepsClientSource: false}); a key present there wins over the option ({@link #from}).
 *
 * @param served whether the cluster's CNI honours hostPort (AKS's Azure CNI and kubenet configurations chain
 *     {@code portmap}; UNVERIFIED, default true). Off: {@code nodeIP:hostPort} is served by nothing
 * @param keepsClientSource whether a client on another host keeps its source address through the DNAT (portmap's SNAT
 *     is only for localhost and hairpin traffic; UNVERIFIED on AKS, default true). Off: the source becomes the
 *     node's address, as with a masquerade
 */
public record HostPortOptions(boolean served, boolean keepsClientSource) {
  /** Served, client source kept. */
  public static HostPortOptions defaults() {
    return new HostPortOptions(true, true);
  }

  public HostPortOptions withServed(boolean s) {
    return new HostPortOptions(s, keepsClientSource);
  }

  public HostPortOptions withKeepsClientSource(boolean k) {
    return new HostPortOptions(served, k);
  }

  /**
   * These options with what {@code scenario.yaml} states ({@code assumptions.hostPortServed},
   * {@code assumptions.hostPortKeepsClientSource}): a key present there describes the cluster and wins; an absent one
   * keeps this option.
   */
  public HostPortOptions from(ScenarioConfig config) {
    return new HostPortOptions(config.hostPortServed().orElse(served),
        config.hostPortKeepsClientSource().orElse(keepsClientSource));
  }
}
