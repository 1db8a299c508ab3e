/**
 * ingress-nginx semantics (DOMAIN 5): which pods are the controller and where its configuration is, the client address
 * NGINX checks, per-location allow/deny lists, host/path routing, and the core {@code Classifier} for one request at
 * an NGINX pod.
 *
 * <pre>{@code
 * IngressNginxController ctl = IngressNginxController.detect(cluster).get(0);
 * IngressNginxConfig cfg = ctl.config(cluster);
 * IngressNginxRouter router = IngressNginxRouter.of(cluster, ctl, cfg, NginxOptions.defaults());
 * NginxRoute route = router.route(Optional.of("demoapi.eyskens.corp"), "/weatherforecast");
 * Classifier c = IngressNginxClassifiers.forRoute("nginx/" + pod.key(), "ingress-nginx " + pod.key(), route, cfg,
 *     NginxRequest.of("demoapi.eyskens.corp", "/weatherforecast"), "svc/default/simpleapi");
 * }</pre>
 */
@PolicyStyle
@NullMarked
package io.github.aksreach.k8s.nginx;

import io.github.aksreach.core.PolicyStyle;
import org.jspecify.annotations.NullMarked;
