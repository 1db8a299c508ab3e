package io.github.aksreach.examples.properties;

import io.github.aksreach.core.model.IpAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Gateway API front door in front of a {@link GeneratedCluster}'s {@code web} pods, rendered in the kubectl shapes
 * of the corpus: an Istio Gateway ({@code istio} class, its dumped Service {@code web-gw-istio} and pod, and an
 * optional AuthorizationPolicy), or an Application Gateway for Containers Gateway ({@code azure-alb-external}, an
 * ApplicationLoadBalancer associating subnet {@code subnet-alb} 10.0.5.0/24 with its NSG, the frontend stated in
 * scenario.yaml; the cluster then runs Azure CNI Overlay, which AGC needs, A4.22). Both route the same HTTPRoute: the
 * Host {@link GeneratedCluster#HOST}, {@code /} to Service {@code web} port 80, {@code /v2} to {@code web} and, when
 * {@code badBackend}, a missing Service (a 500 share, R2.26), and {@code Exact /old} redirected 301 (R2.32).
 *
 * <pre>{@code
 * GatewayChoice g = GatewayChoice.random(new GeneratedCluster.R(seed), 3);
 * c.withGateway(g).scenario();   // the cluster with the front door
 * }</pre>
 *
 * @param kind {@code ""} none, {@code "istio"} or {@code "agc"}
 * @param node the node of the Istio gateway pod
 * @param local the Istio gateway Service's externalTrafficPolicy Local (else Cluster)
 * @param probeAnnotations the AKS health-probe annotations on the Istio Service (A4.11: HTTP /healthz/ready on 15021)
 * @param listenerHostname the listener's hostname is {@link GeneratedCluster#HOST} (else none)
 * @param badBackend {@code /v2} also sends a third of its requests to a Service that does not exist
 * @param policy the AuthorizationPolicy: 0 none, 1 ALLOW ipBlocks, 2 ALLOW remoteIpBlocks (numTrustedProxies 1 on the
 *     pod), 3 DENY ipBlocks
 * @param policyRange the CIDR the policy names
 * @param albRules the custom inbound rules of {@code nsg-alb}, as {@code source|ports|access}; null: no NSG on the
 *     association subnet
 * @param https a second listener, HTTPS on 443 for {@link GeneratedCluster#HOST} (TLS terminated at the gateway,
 *     chosen by SNI, G1.10), which the route also attaches to (no sectionName); the Istio Service gets port 443
 */
public record GatewayChoice(String kind, int node, boolean local, boolean probeAnnotations, boolean listenerHostname,
                            boolean badBackend, int policy, String policyRange, List<String> albRules, boolean https) {
  /** No front door. */
  public static final GatewayChoice NONE = new GatewayChoice("", 0, false, false, false, false, 0, "", null, false);
  /** The Istio gateway's internal frontend. */
  public static final IpAddress ISTIO_FRONTEND = IpAddress.of("10.0.1.210");
  /** The AGC frontend's address (what DNS answers for its FQDN). */
  public static final IpAddress AGC_FRONTEND = IpAddress.of("20.61.10.5");

  static GatewayChoice random(GeneratedCluster.R r, int nodes) {
    boolean istio = r.oneIn(2);
    List<String> albRules = null;
    if (!istio && !r.oneIn(4)) {
      albRules = new ArrayList<>();
      int n = r.between(1, 3);
      for (int i = 0; i < n; i++) {
        albRules.add(r.pick(List.of("203.0.113.0/24", "10.0.9.0/24", "Internet", "*", "VirtualNetwork",
            "198.51.100.0/24")) + "|" + r.pick(List.of("80", "*", "443")) + "|" + (r.oneIn(3) ? "Deny" : "Allow"));
      }
    }
    return new GatewayChoice(istio ? "istio" : "agc", r.between(0, nodes - 1), r.oneIn(2), r.oneIn(3) ? false : true,
        r.oneIn(2), r.oneIn(3), r.between(0, 3), r.pick(List.of("10.0.9.0/24", "203.0.113.0/24", "10.0.0.0/16",
        "10.244.0.0/16")), albRules, r.oneIn(2));
  }

  boolean istio() {
    return kind.equals("istio");
  }

  boolean agc() {
    return kind.equals("agc");
  }

  private String gatewayName() {
    return istio() ? "web-gw" : "web-agc";
  }

  /** The kubectl objects of the front door. */
  List<Object> items(GeneratedCluster c) {
    List<Object> items = new ArrayList<>();
    if (kind.isEmpty()) {
      return items;
    }
    String gw = gatewayName();
    items.add(m("apiVersion", "gateway.networking.k8s.io/v1", "kind", "GatewayClass", "metadata",
        m("name", istio() ? "istio" : "azure-alb-external"), "spec", m("controllerName", istio()
            ? "istio.io/gateway-controller" : "alb.networking.azure.io/alb-controller")));
    Map<String, Object> listener = m("name", "http", "port", 80, "protocol", "HTTP", "allowedRoutes",
        m("namespaces", m("from", "Same")));
    if (listenerHostname) {
      listener.put("hostname", GeneratedCluster.HOST);
    }
    Map<String, Object> gwMeta = m("name", gw, "namespace", "default", "creationTimestamp", "2026-11-20T09:00:00Z");
    if (agc()) {
      gwMeta.put("annotations", m("alb.networking.azure.io/alb-name", "alb-test",
          "alb.networking.azure.io/alb-namespace", "default"));
      items.add(m("apiVersion", "alb.networking.azure.io/v1", "kind", "ApplicationLoadBalancer", "metadata",
          m("name", "alb-test", "namespace", "default"), "spec", m("associations",
              List.of(GeneratedCluster.subnetId("subnet-alb")))));
    }
    List<Object> listeners = new ArrayList<>(List.of(listener));
    if (https) {
      listeners.add(m("name", "https", "port", 443, "protocol", "HTTPS", "hostname", GeneratedCluster.HOST, "tls",
          m("mode", "Terminate", "certificateRefs", List.of(m("kind", "Secret", "name", "app-tls"))),
          "allowedRoutes", m("namespaces", m("from", "Same"))));
    }
    items.add(m("apiVersion", "gateway.networking.k8s.io/v1", "kind", "Gateway", "metadata", gwMeta,
        "spec", m("gatewayClassName", istio() ? "istio" : "azure-alb-external", "listeners", listeners)));
    List<Object> v2 = new ArrayList<>(List.of(m("name", "web", "port", 80, "weight", 2)));
    if (badBackend) {
      v2.add(m("name", "web-missing", "port", 80, "weight", 1));
    }
    items.add(m("apiVersion", "gateway.networking.k8s.io/v1", "kind", "HTTPRoute", "metadata", m("name", "web-route",
            "namespace", "default", "creationTimestamp", "2026-11-20T09:00:00Z"),
        "spec", m("parentRefs", List.of(m("name", gw)), "hostnames", List.of(GeneratedCluster.HOST), "rules", List.of(
            m("matches", List.of(m("path", m("type", "PathPrefix", "value", "/"))),
                "backendRefs", List.of(m("name", "web", "port", 80))),
            m("matches", List.of(m("path", m("type", "PathPrefix", "value", "/v2"))), "backendRefs", v2),
            m("matches", List.of(m("path", m("type", "Exact", "value", "/old"))), "filters", List.of(
                m("type", "RequestRedirect", "requestRedirect", m("scheme", "https", "statusCode", 301))))))));
    if (istio()) {
      items.addAll(istioDataPlane(c));
    }
    return items;
  }

  private List<Object> istioDataPlane(GeneratedCluster c) {
    List<Object> items = new ArrayList<>();
    Map<String, Object> labels = m("gateway.networking.k8s.io/gateway-name", "web-gw",
        "gateway.networking.k8s.io/gateway-class-name", "istio", "gateway.istio.io/managed",
        "istio.io-gateway-controller", "sidecar.istio.io/inject", "false");
    String ip = "10.244." + node + ".30";
    Map<String, Object> meta = m("name", "web-gw-istio-0", "namespace", "default", "labels", labels);
    if (policy == 2) {
      meta.put("annotations", m("proxy.istio.io/config", "{\"gatewayTopology\":{\"numTrustedProxies\":1}}"));
    }
    List<Object> ports = List.of(m("containerPort", 15020, "name", "metrics", "protocol", "TCP"),
        m("containerPort", 15021, "name", "status-port", "protocol", "TCP"),
        m("containerPort", 15090, "name", "http-envoy-prom", "protocol", "TCP"));
    items.add(m("apiVersion", "v1", "kind", "Pod", "metadata", meta, "spec", m("nodeName", c.nodeName(node),
            "containers", List.of(m("name", "istio-proxy", "image",
                "mcr.microsoft.com/oss/istio/proxyv2:1.28.1-distroless", "ports", ports))),
        "status", m("phase", "Running", "podIP", ip, "podIPs", List.of(m("ip", ip)), "hostIP",
            c.nodeIp(node).toString(), "conditions", List.of(m("type", "Ready", "status", "True")))));
    Map<String, Object> ann = m("service.beta.kubernetes.io/azure-load-balancer-internal", "true");
    if (probeAnnotations) {
      ann.put("service.beta.kubernetes.io/port_80_health-probe_port", "15021");
      ann.put("service.beta.kubernetes.io/port_80_health-probe_protocol", "http");
      ann.put("service.beta.kubernetes.io/port_80_health-probe_request-path", "/healthz/ready");
    }
    List<Object> svcPorts = new ArrayList<>(List.of(
        m("name", "status-port", "port", 15021, "protocol", "TCP", "targetPort", 15021, "nodePort", 31021,
            "appProtocol", "tcp"),
        m("name", "http", "port", 80, "protocol", "TCP", "targetPort", 80, "nodePort", 30280, "appProtocol", "http")));
    if (https) {
      svcPorts.add(m("name", "https", "port", 443, "protocol", "TCP", "targetPort", 443, "nodePort", 30443,
          "appProtocol", "https"));
    }
    Map<String, Object> spec = m("type", "LoadBalancer", "clusterIP", "10.0.200.40", "externalTrafficPolicy",
        local ? "Local" : "Cluster", "ports", svcPorts, "selector", m("gateway.networking.k8s.io/gateway-name", "web-gw"));
    if (local) {
      spec.put("healthCheckNodePort", 32280);
    }
    items.add(m("apiVersion", "v1", "kind", "Service", "metadata", m("name", "web-gw-istio", "namespace", "default",
            "uid", "6f1c2a3b-0000-4000-8000-000000000003", "annotations", ann), "spec", spec,
        "status", m("loadBalancer", m("ingress", List.of(m("ip", ISTIO_FRONTEND.toString()))))));
    if (policy > 0) {
      Map<String, Object> source = m(policy == 2 ? "remoteIpBlocks" : "ipBlocks", List.of(policyRange));
      items.add(m("apiVersion", "security.istio.io/v1", "kind", "AuthorizationPolicy", "metadata",
          m("name", "web-gw-allowlist", "namespace", "default"), "spec", m("targetRefs", List.of(
              m("group", "gateway.networking.k8s.io", "kind", "Gateway", "name", "web-gw")),
              "action", policy == 3 ? "DENY" : "ALLOW", "rules", List.of(m("from", List.of(m("source", source)))))));
    }
    return items;
  }

  /** The custom rules of {@code nsg-alb}, as the generator writes NSG rules. */
  List<GeneratedCluster.Rule> albNsgRules() {
    List<GeneratedCluster.Rule> out = new ArrayList<>();
    for (int i = 0; albRules != null && i < albRules.size(); i++) {
      String[] x = albRules.get(i).split("\\|");
      out.add(new GeneratedCluster.Rule("alb" + i, 100 + 10 * i, "Inbound", x[2], "Tcp", x[0], "*", x[1]));
    }
    return out;
  }

  /** The scenario.yaml lines of the front door (AGC: its frontend). */
  String scenarioYaml() {
    return agc() ? "  agcFrontends:\n    - gateway: default/web-agc\n      addresses: [" + AGC_FRONTEND + "]\n" : "";
  }

  private static Map<String, Object> m(Object... kv) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put((String) kv[i], kv[i + 1]);
    }
    return out;
  }
}
