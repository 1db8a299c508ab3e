package io.github.aksreach.k8s.gateway;

import io.github.aksreach.k8s.model.AgcNoHealthyBackends;
import io.github.aksreach.k8s.model.TrafficPolicy;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Every point of Gateway API / Istio / AKS behaviour that DOMAIN-GATEWAY.md section 8 leaves UNVERIFIED (and the
 * implementation-specific choices the spec leaves open), as an explicit option with a documented default.
 *
 * <pre>{@code
 * GatewayOptions agc = GatewayOptions.defaults().withListenerIsolation(false)
 *     .withVirtualHosts(GatewayOptions.VirtualHosts.FALL_THROUGH);
 * GatewayOptions cilium = GatewayOptions.defaults().withClusterPolicySnat(GatewayOptions.ClusterPolicySnat.CROSS_NODE_ONLY);
 * }</pre>
 *
 * <table>
 *   <caption>Options (the number is the UNVERIFIED point of DOMAIN-GATEWAY.md section 8)</caption>
 *   <tr><th>option</th><th>default</th><th>why</th></tr>
 *   <tr><td>{@link #healthProbePort()}, {@link #healthProbeProtocol()}, {@link #healthProbeRequestPath()}</td>
 *   <td>{@code 15021}, {@code http}, {@code /healthz/ready}</td><td>8.1 / A4.11: the values AKS writes into
 *   {@code service.beta.kubernetes.io/port_<p>_health-probe_*} of a generated Gateway Service (consistent with
 *   Azure/AKS#5667, not read from AKS code).</td></tr>
 *   <tr><td>{@link #healthProbeListenerPorts()}</td><td>{80, 443}</td><td>8.1: which listener ports AKS annotates;
 *   other listener ports keep cloud-provider-azure's default probe ({@code GET /} for {@code http}).</td></tr>
 *   <tr><td>{@link #restrictInfrastructureAnnotations()}</td><td>false</td><td>8.2: whether the AKS webhook drops
 *   {@code spec.infrastructure.annotations} other than {@code service.beta.kubernetes.io/*}; false copies all.</td></tr>
 *   <tr><td>{@link #proxyConfigHonouredOnAppRouting()}</td><td>false</td><td>8.2 / A4.28: whether a
 *   {@code proxy.istio.io/config} pod annotation sets {@code numTrustedProxies} on {@code approuting-istio} (no
 *   Istio CRDs there); false ignores it (0 trusted proxies).</td></tr>
 *   <tr><td>{@link #virtualHosts()}</td><td>{@code MOST_SPECIFIC_HOSTNAME}</td><td>8.3 / R2.10: Istio gives each
 *   intersected hostname its own Envoy virtual host, so a request never falls through from a route with a more
 *   specific hostname to one with a wider hostname; {@code FALL_THROUGH} is the spec-literal reading (AGC unknown).
 *   </td></tr>
 *   <tr><td>{@link #misdirectedRequests()}</td><td>{@code ROUTE_BY_HOST}</td><td>8.4: an HTTPS request whose Host
 *   selects another listener than its SNI; Istio does not implement the 421.</td></tr>
 *   <tr><td>{@link #agcBackendSourceIsAssociationSubnet()}</td><td>true</td><td>8.5 / A4.24: pods behind AGC see
 *   addresses of the association subnet (the AGC proxy's, {@link #agcProxyHostIndex()}); false keeps the client's
 *   own address as the source pods see (a transparent proxy, which nothing documents).</td></tr>
 *   <tr><td>{@link #agcProxyHostIndex()}</td><td>4</td><td>8.5 / A4.24: which address of the association subnet
 *   stands for AGC's proxies, as an offset from the subnet's first address (4: the first one Azure lets a resource
 *   have). AGC's instances take addresses of the subnet that no dump lists; one stands for all of them, so a
 *   NetworkPolicy {@code ipBlock} that covers only part of the subnet answers for that address only.</td></tr>
 *   <tr><td>{@link #agcNsgDestination()}</td><td>{@code FRONTEND}</td><td>8.5 / S5.16: the destination the
 *   association subnet's inbound NSG sees for a client's flow: the frontend address the client sent to, or
 *   ({@code PROXY}) the proxy's address in the subnet. The source is the client either way.</td></tr>
 *   <tr><td>{@link #agcListenerIsolation()}</td><td>false</td><td>A4.26 / G1.8 step 4: AGC (ALB 1.7.9) reports
 *   {@code GatewayHTTPListenerIsolation} unsupported: the routes of every listener whose hostname matches
 *   compete.</td></tr>
 *   <tr><td>{@link #agcNoHealthyBackends()}</td><td>{@code ANSWER_503}</td><td>8.5: what AGC answers when a
 *   backend Service has ready endpoints but none passes AGC's health probe (custom-health-probe says only that AGC
 *   sends to healthy endpoints): 503 as for no endpoint, 502 as Application Gateway v2, or {@code SEND_TO_ALL} (fail
 *   open). {@code scenario.yaml}'s {@code assumptions.agcNoHealthyBackends} wins.</td></tr>
 *   <tr><td>{@link #agcWafRemoteAddr()}</td><td>{@code PEER}</td><td>8.5 / S5.17: AGC WAF {@code RemoteAddr} is the
 *   TCP peer, not X-Forwarded-For.</td></tr>
 *   <tr><td>{@link #clusterPolicySnat()}</td><td>{@code ALWAYS}</td><td>8.6 / A4.14: under ETP Cluster the gateway's
 *   peer is the receiving node's address (iptables kube-proxy masquerades all external traffic);
 *   {@code CROSS_NODE_ONLY} models an eBPF datapath that keeps the client address when the node hosts a gateway
 *   pod.</td></tr>
 *   <tr><td>{@link #regexAnchoring()}</td><td>{@code FULL_MATCH}</td><td>8.7 / R2.13: Envoy {@code safe_regex} on the
 *   path matches the whole path.</td></tr>
 *   <tr><td>{@link #istioRootNamespace()}</td><td>{@code aks-istio-system}</td><td>8.8 / S5.1: the root namespace
 *   whose AuthorizationPolicies apply mesh-wide and where the GatewayClass defaults ConfigMap lives.</td></tr>
 *   <tr><td>{@link #istiodXdsPort()}</td><td>15012</td><td>8.8 / A4.18: the port gateway pods reach istiod on.</td></tr>
 *   <tr><td>{@link #defaultExternalTrafficPolicy()}</td><td>{@code CLUSTER}</td><td>8.9 / A4.6: what a generated
 *   Service gets when no overlay sets {@code externalTrafficPolicy}; AKS may change it (Azure/AKS#5667 is open).
 *   </td></tr>
 *   <tr><td>{@link #unmatchedSni()}</td><td>{@code CONNECTION_RESET}</td><td>8.10 / G1.10: what a client sees for an
 *   SNI no HTTPS listener accepts.</td></tr>
 *   <tr><td>{@link #listenerIsolation()}</td><td>true</td><td>G1.8 step 4: Istio implements listener isolation; AGC
 *   does not (false: routes of every listener whose hostname matches compete).</td></tr>
 *   <tr><td>{@link #grpcHttpConflict()}</td><td>{@code COEXIST}</td><td>R2.35: the v1.6 changelog lets an HTTPRoute
 *   and a GRPCRoute with intersecting hostnames coexist; {@code OLDEST_ACCEPTED} is the older MUST (the newer route
 *   is not accepted).</td></tr>
 *   <tr><td>{@link #copyGatewayMetadata()}</td><td>true</td><td>A4.8: {@code PILOT_ENABLE_GATEWAY_API_COPY_LABELS_
 *   ANNOTATIONS}; Gateway labels/annotations reach generated objects when {@code spec.infrastructure} sets none.
 *   </td></tr>
 *   <tr><td>{@link #meshNumTrustedProxies()}</td><td>0</td><td>S5.11: mesh-wide {@code gatewayTopology} when the pod
 *   has no {@code proxy.istio.io/config}.</td></tr>
 *   <tr><td>{@link #assumeCustomProviderAllows()}</td><td>true</td><td>S5.2: a CUSTOM policy delegates to an external
 *   authorizer whose answer no dump holds; true assumes it allows (the decision names the provider).</td></tr>
 * </table>
 */
@Value.Immutable
public abstract class AbstractGatewayOptions {
  /** How the routes of one listener are grouped by hostname (R2.10). */
  public enum VirtualHosts {
    /** Istio: only routes whose intersected hostname is the most specific one matching the Host compete. */
    MOST_SPECIFIC_HOSTNAME,
    /** Spec-literal: every route whose hostname matches competes, more specific hostnames first (R2.9). */
    FALL_THROUGH
  }

  /** An HTTPS request whose Host and SNI select different listeners on one port. */
  public enum MisdirectedRequests {
    /** Route by the Host header's listener. */
    ROUTE_BY_HOST,
    /** Answer 404. */
    NOT_FOUND,
    /** Answer 421 Misdirected Request (the spec's SHOULD). */
    MISDIRECTED
  }

  /** Where AGC's WAF reads the client address from. */
  public enum WafRemoteAddr {
    PEER,
    X_FORWARDED_FOR
  }

  /** The destination address an AGC association subnet's inbound NSG sees. */
  public enum AgcNsgDestination {
    /** The frontend address the client sent to. */
    FRONTEND,
    /** The AGC proxy's address in the association subnet. */
    PROXY
  }

  /** When kube-proxy masquerades external traffic to a gateway pod under ETP Cluster. */
  public enum ClusterPolicySnat {
    /** iptables: always (the peer is the receiving node). */
    ALWAYS,
    /** eBPF datapath: only when the packet is forwarded to another node. */
    CROSS_NODE_ONLY
  }

  /** How a {@code RegularExpression} path is applied. */
  public enum RegexAnchoring {
    /** The whole path must match. */
    FULL_MATCH,
    /** A match at the start of the path is enough. */
    PREFIX
  }

  /** What a client sees when no HTTPS listener accepts its SNI. */
  public enum UnmatchedSni {
    CONNECTION_RESET,
    TLS_ALERT
  }

  /** An HTTPRoute and a GRPCRoute with intersecting hostnames on one listener. */
  public enum GrpcHttpConflict {
    COEXIST,
    OLDEST_ACCEPTED
  }

  @Value.Default
  public String healthProbePort() {
    return "15021";
  }

  @Value.Default
  public String healthProbeProtocol() {
    return "http";
  }

  @Value.Default
  public String healthProbeRequestPath() {
    return "/healthz/ready";
  }

  @Value.Default
  public Set<Integer> healthProbeListenerPorts() {
    return Set.of(80, 443);
  }

  @Value.Default
  public boolean restrictInfrastructureAnnotations() {
    return false;
  }

  @Value.Default
  public boolean proxyConfigHonouredOnAppRouting() {
    return false;
  }

  @Value.Default
  public VirtualHosts virtualHosts() {
    return VirtualHosts.MOST_SPECIFIC_HOSTNAME;
  }

  @Value.Default
  public MisdirectedRequests misdirectedRequests() {
    return MisdirectedRequests.ROUTE_BY_HOST;
  }

  @Value.Default
  public boolean agcBackendSourceIsAssociationSubnet() {
    return true;
  }

  @Value.Default
  public int agcProxyHostIndex() {
    return 4;
  }

  @Value.Default
  public AgcNsgDestination agcNsgDestination() {
    return AgcNsgDestination.FRONTEND;
  }

  @Value.Default
  public boolean agcListenerIsolation() {
    return false;
  }

  @Value.Default
  public AgcNoHealthyBackends agcNoHealthyBackends() {
    return AgcNoHealthyBackends.ANSWER_503;
  }

  @Value.Default
  public WafRemoteAddr agcWafRemoteAddr() {
    return WafRemoteAddr.PEER;
  }

  @Value.Default
  public ClusterPolicySnat clusterPolicySnat() {
    return ClusterPolicySnat.ALWAYS;
  }

  @Value.Default
  public RegexAnchoring regexAnchoring() {
    return RegexAnchoring.FULL_MATCH;
  }

  @Value.Default
  public String istioRootNamespace() {
    return "aks-istio-system";
  }

  @Value.Default
  public int istiodXdsPort() {
    return 15012;
  }

  @Value.Default
  public TrafficPolicy defaultExternalTrafficPolicy() {
    return TrafficPolicy.CLUSTER;
  }

  @Value.Default
  public UnmatchedSni unmatchedSni() {
    return UnmatchedSni.CONNECTION_RESET;
  }

  @Value.Default
  public boolean listenerIsolation() {
    return true;
  }

  @Value.Default
  public GrpcHttpConflict grpcHttpConflict() {
    return GrpcHttpConflict.COEXIST;
  }

  @Value.Default
  public boolean copyGatewayMetadata() {
    return true;
  }

  @Value.Default
  public int meshNumTrustedProxies() {
    return 0;
  }

  @Value.Default
  public boolean assumeCustomProviderAllows() {
    return true;
  }

  public static GatewayOptions defaults() {
    return GatewayOptions.builder().build();
  }
}
