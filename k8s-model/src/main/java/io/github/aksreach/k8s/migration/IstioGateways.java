package io.github.aksreach.k8s.migration;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.gateway.GatewayOptions;
import io.github.aksreach.k8s.gateway.IstioDataPlane;
import io.github.aksreach.k8s.gateway.IstioGateway;
import io.github.aksreach.k8s.model.Gateway;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.Pod;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.List;

/**
 * The Istio-implemented Gateways of a cluster (classes {@code istio}, {@code approuting-istio}, or a GatewayClass with
 * Istio's controller), each resolved with its data plane, and the gateway pods a question is asked at: the dumped
 * ones, else the pod Istio's template would create.
 *
 * <pre>{@code
 * for (IstioGateway ig : IstioGateways.of(cluster, GatewayOptions.defaults())) {
 *   Pod at = IstioGateways.pods(ig).get(0);
 *   ig.answer(at, HttpRequest.get(80, "demoapi.example.com", "/"), peer);
 * }
 * }</pre>
 */
public final class IstioGateways {
  private IstioGateways() {}

  /** The resolved Istio Gateways; one that cannot be resolved is left out (see {@link #errors}). */
  public static List<IstioGateway> of(KubernetesCluster cluster, GatewayOptions options) {
    List<IstioGateway> out = new ArrayList<>();
    for (Gateway g : cluster.gateways()) {
      if (IstioDataPlane.isIstio(g, cluster)) {
        IstioGateway.of(cluster, g, options).forEach(out::add);
      }
    }
    return out;
  }

  /** Why an Istio Gateway could not be resolved (an unreadable overlay, an unmanaged Service missing), per Gateway. */
  public static List<String> errors(KubernetesCluster cluster, GatewayOptions options) {
    List<String> out = new ArrayList<>();
    for (Gateway g : cluster.gateways()) {
      if (IstioDataPlane.isIstio(g, cluster)) {
        Validation<Seq<ModelError>, IstioGateway> v = IstioGateway.of(cluster, g, options);
        if (v.isInvalid()) {
          v.getError().forEach(e -> out.add("Gateway " + g.key() + ": " + e));
        }
      }
    }
    return out;
  }

  /** The dumped gateway pods that are ready, else the one Istio's template describes. */
  public static List<Pod> pods(IstioGateway ig) {
    List<Pod> ready = ig.dataPlane().pods().stream().filter(Pod::ready).toList();
    return ready.isEmpty() ? List.of(ig.templatePod()) : ready;
  }
}
