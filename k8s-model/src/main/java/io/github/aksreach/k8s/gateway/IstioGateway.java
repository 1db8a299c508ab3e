package io.github.aksreach.k8s.gateway;

import io.github.aksreach.core.model.Parsed;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.k8s.model.AuthorizationPolicy;
import io.github.aksreach.k8s.model.Gateway;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.Pod;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.List;
import java.util.Optional;

/**
 * One Gateway implemented by Istio (classes {@code istio} and {@code approuting-istio}), everything the data-plane
 * wiring needs in one place: its Service and pods ({@link #dataPlane()}), the router, the AuthorizationPolicies of a
 * gateway pod and its {@code numTrustedProxies}, and {@link #answer} for one request at one pod.
 *
 * <pre>{@code
 * IstioGateway ig = IstioGateway.of(cluster, gateway, GatewayOptions.defaults()).get();
 * ig.dataPlane().service();                 // LoadBalancer web-approuting-istio, ETP Cluster unless overlaid
 * Pod pod = ig.dataPlane().pods().isEmpty() ? ig.templatePod() : ig.dataPlane().pods().get(0);
 * GatewayAnswer a = ig.answer(pod, HttpRequest.get(80, "www.example.com", "/")
 *     .withHeader("X-Forwarded-For", "1.2.3.4"), IpAddress.of("10.224.0.4"));
 * a.status();                               // Optional[403]: ipBlocks sees the node address under ETP Cluster
 * }</pre>
 *
 * <p>On {@code approuting-istio} Istio CRDs are not supported (A4.28): no AuthorizationPolicy applies there
 * ({@link #enforcesAuthorizationPolicies()} is false) and {@code proxy.istio.io/config} counts only when
 * {@link GatewayOptions#proxyConfigHonouredOnAppRouting()}.
 */
public final class IstioGateway {
  private final KubernetesCluster cluster;
  private final Gateway gateway;
  private final GatewayOptions options;
  private final GatewayDataPlane dataPlane;
  private final GatewayRouter router;

  private IstioGateway(KubernetesCluster cluster, Gateway gateway, GatewayOptions options, GatewayDataPlane dp) {
    this.cluster = cluster;
    this.gateway = gateway;
    this.options = options;
    this.dataPlane = dp;
    this.router = GatewayRouter.of(cluster, gateway, options);
  }

  /** The Istio view of {@code gateway}, or errors (an overlay that cannot be read, an unmanaged Service missing). */
  public static Validated<IstioGateway> of(KubernetesCluster cluster, Gateway gateway,
      GatewayOptions options) {
    return Validated.of(ofResult(cluster, gateway, options));
  }

  private static Validation<Seq<ModelError>, IstioGateway> ofResult(KubernetesCluster cluster, Gateway gateway,
      GatewayOptions options) {
    return IstioDataPlane.resolve(gateway, cluster, options).map(dp -> new IstioGateway(cluster, gateway, options,
        dp));
  }

  public Gateway gateway() {
    return gateway;
  }

  public GatewayDataPlane dataPlane() {
    return dataPlane;
  }

  public GatewayRouter router() {
    return router;
  }

  /** False on {@code approuting-istio}, which supports no Istio CRDs. */
  public boolean enforcesAuthorizationPolicies() {
    return !gateway.gatewayClassName().equals(IstioDataPlane.APP_ROUTING_CLASS);
  }

  /** A pod with the labels and annotations Istio gives gateway pods, for when the dump holds none. */
  public Pod templatePod() {
    return Pod.builder().namespace(gateway.namespace()).name(dataPlane.service().name() + "-derived")
        .putAllLabels(dataPlane.podLabels()).putAllAnnotations(dataPlane.podAnnotations()).build();
  }

  /** The AuthorizationPolicies that apply to {@code pod} (none on {@code approuting-istio}). */
  public List<AuthorizationPolicy> policiesFor(Pod pod) {
    return enforcesAuthorizationPolicies()
        ? AuthorizationEvaluator.applicable(cluster, pod, Optional.of(gateway), options) : List.of();
  }

  public Parsed<Integer> numTrustedProxies(Pod pod) {
    return Parsed.of(numTrustedProxiesResult(pod));
  }

  private Validation<ModelError, Integer> numTrustedProxiesResult(Pod pod) {
    return IstioProxyConfig.numTrustedProxies(pod, !enforcesAuthorizationPolicies(), options);
  }

  /**
   * What gateway pod {@code pod} does with {@code request} arriving from TCP peer {@code peer} (see
   * {@link IstioClientAddress#peer} for the peer under each externalTrafficPolicy): authorization, then routing.
   * An unreadable {@code proxy.istio.io/config} is an error naming the pod.
   */
  public Parsed<GatewayAnswer> answer(Pod pod, HttpRequest request, IpAddress peer) {
    return Parsed.of(answerResult(pod, request, peer));
  }

  private Validation<ModelError, GatewayAnswer> answerResult(Pod pod, HttpRequest request, IpAddress peer) {
    return numTrustedProxies(pod).map(n -> {
      IstioClientAddress addresses = IstioClientAddress.of(peer, request.header("X-Forwarded-For"), n);
      AuthzDecision authz = AuthorizationEvaluator.evaluate(policiesFor(pod), AuthzRequest.of(request, addresses),
          options);
      return new GatewayAnswer(addresses, authz, authz.allowed() ? Optional.of(router.route(request))
          : Optional.empty());
    });
  }
}
