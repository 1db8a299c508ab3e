/**
 * Gateway API and Istio semantics (DOMAIN-GATEWAY.md) as pure functions over the model, no graph: which listener
 * takes a request, which routes attach where (with the status conditions a controller would report), which rule wins,
 * which backends receive it with which weights, or which HTTP status the gateway answers; Istio's
 * AuthorizationPolicy decision for one request; and the Service and pods Istio generates for a Gateway.
 *
 * <pre>{@code
 * KubernetesCluster c = KubernetesLoader.create().loadDirectory(dir).get().value();
 * Gateway gw = c.gateway("infra", "web").orElseThrow();
 * GatewayRouter router = GatewayRouter.of(c, gw, GatewayOptions.defaults());
 * GatewayOutcome o = router.route(HttpRequest.get(80, "www.example.com", "/app"));
 * // Routed[listener=http, route=app/web, rule 0, shares [web:8080 1.0 -> 2 ready endpoints]]
 *
 * IstioGateway ig = IstioGateway.of(c, gw, GatewayOptions.defaults());
 * ig.dataPlane().service();          // the LoadBalancer Service web-approuting-istio (dumped or derived)
 * ig.answer(pod, HttpRequest.get(80, "www.example.com", "/app"), peerIp);   // 403, 404, 3xx or the backends
 * }</pre>
 */
@PolicyStyle
@NullMarked
package io.github.aksreach.k8s.gateway;

import io.github.aksreach.core.PolicyStyle;
import org.jspecify.annotations.NullMarked;
