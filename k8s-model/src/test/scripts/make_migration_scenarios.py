#!/usr/bin/env python3
"""Writes k8s-model/src/test/resources/checks/<migration-check-id>/{violating,fixed}/ (issue 11, the migration check).

Each scenario is one AKS cluster in the middle of a move off ingress-nginx (DOMAIN-GATEWAY 6.1): the ingress-nginx
controller (ETP Local, like the app routing add-on's managed NGINX, A4.21a) still serves demoapi.example.com from an
Ingress with an allow-list, and an Istio Gateway `web` (class `istio`, the generated Service and pod dumped as
`kubectl get -o yaml` shows them) serves the same host through an HTTPRoute. The one change that makes a check fire
(violating) or stay quiet (fixed) is the `variant` below. Run from the repository root:
    python3 k8s-model/src/test/scripts/make_migration_scenarios.py
The output is committed; CheckCatalogTest loads it.
"""
import os, shutil
import yaml

ROOT = os.path.dirname(os.path.abspath(__file__)) + "/../../../.."
OUT = ROOT + "/k8s-model/src/test/resources/checks"
T = "2026-11-20T09:00:00Z"
OFFICE = "198.51.100.0/24"
HOST = "demoapi.example.com"
NODES = [("aks-nodepool1-12345678-vmss000000", "10.10.1.4", "10.244.0.0/24"),
         ("aks-nodepool1-12345678-vmss000001", "10.10.1.5", "10.244.1.0/24")]
# the VNet, route table and cluster NSG (no custom rule) of corpus scenario nginx-host-path-routing
AZURE = ROOT + "/examples/src/test/resources/scenarios/nginx-host-path-routing/azure"


def ns(name):
    return {"apiVersion": "v1", "kind": "Namespace",
            "metadata": {"name": name, "creationTimestamp": T, "labels": {"kubernetes.io/metadata.name": name}}}


def node(i):
    name, ip, cidr = NODES[i]
    return {"apiVersion": "v1", "kind": "Node",
            "metadata": {"name": name, "creationTimestamp": T,
                         "labels": {"agentpool": "nodepool1", "kubernetes.azure.com/agentpool": "nodepool1",
                                    "kubernetes.io/hostname": name, "topology.kubernetes.io/zone": str(i + 1)}},
            "spec": {"podCIDR": cidr, "podCIDRs": [cidr],
                     "providerID": "azure:///subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"
                                   "mc_rg_aks_westeurope/providers/Microsoft.Compute/virtualMachineScaleSets/"
                                   "aks-nodepool1-12345678-vmss/virtualMachines/%d" % i},
            "status": {"addresses": [{"address": ip, "type": "InternalIP"}, {"address": name, "type": "Hostname"}],
                       "conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady"}]}}


def pod(namespace, name, labels, node_i, ip, containers, annotations=None):
    meta = {"name": name, "namespace": namespace, "creationTimestamp": T, "labels": labels}
    if annotations:
        meta["annotations"] = annotations
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta,
            "spec": {"nodeName": NODES[node_i][0], "containers": containers},
            "status": {"phase": "Running", "hostIP": NODES[node_i][1], "podIP": ip, "podIPs": [{"ip": ip}],
                       "conditions": [{"type": "Ready", "status": "True"}]}}


NGINX_LABELS = {"app.kubernetes.io/component": "controller", "app.kubernetes.io/instance": "ingress-nginx",
                "app.kubernetes.io/name": "ingress-nginx"}


def nginx_objects():
    ctl = pod("ingress-nginx", "ingress-nginx-controller-6d4f9b7c5-fz8kd", dict(NGINX_LABELS, **{
        "pod-template-hash": "6d4f9b7c5"}), 0, "10.244.0.20", [{
            "name": "controller", "image": "registry.k8s.io/ingress-nginx/controller:v1.12.1",
            "args": ["/nginx-ingress-controller", "--publish-service=$(POD_NAMESPACE)/ingress-nginx-controller",
                     "--controller-class=k8s.io/ingress-nginx", "--ingress-class=nginx",
                     "--configmap=$(POD_NAMESPACE)/ingress-nginx-controller"],
            "ports": [{"containerPort": 80, "name": "http", "protocol": "TCP"},
                      {"containerPort": 443, "name": "https", "protocol": "TCP"}]}])
    svc = {"apiVersion": "v1", "kind": "Service",
           "metadata": {"name": "ingress-nginx-controller", "namespace": "ingress-nginx", "creationTimestamp": T,
                        "uid": "e6d7893f-ccd3-5570-9e40-6e2f3d77bf26", "labels": dict(NGINX_LABELS)},
           "spec": {"type": "LoadBalancer", "externalTrafficPolicy": "Local", "healthCheckNodePort": 32180,
                    "clusterIP": "10.0.50.10", "clusterIPs": ["10.0.50.10"], "ipFamilies": ["IPv4"],
                    "selector": dict(NGINX_LABELS),
                    "ports": [{"name": "http", "port": 80, "protocol": "TCP", "appProtocol": "http",
                               "targetPort": "http", "nodePort": 30180},
                              {"name": "https", "port": 443, "protocol": "TCP", "appProtocol": "https",
                               "targetPort": "https", "nodePort": 30443}]},
           "status": {"loadBalancer": {"ingress": [{"ip": "20.50.60.10", "ipMode": "VIP"}]}}}
    cm = {"apiVersion": "v1", "kind": "ConfigMap", "data": {"allow-snippet-annotations": "false"},
          "metadata": {"name": "ingress-nginx-controller", "namespace": "ingress-nginx", "creationTimestamp": T,
                       "labels": dict(NGINX_LABELS)}}
    cls = {"apiVersion": "networking.k8s.io/v1", "kind": "IngressClass",
           "metadata": {"name": "nginx", "creationTimestamp": T}, "spec": {"controller": "k8s.io/ingress-nginx"}}
    return [ctl, svc, cm, cls]


def ingress(host=HOST, allow=OFFICE, tls=True):
    ann = {"nginx.ingress.kubernetes.io/whitelist-source-range": allow} if allow else {}
    ing = {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
           "metadata": {"name": "simpleapi", "namespace": "default", "creationTimestamp": T, "annotations": ann},
           "spec": {"ingressClassName": "nginx",
                    "rules": [{"host": host, "http": {"paths": [{
                        "path": "/weatherforecast", "pathType": "Prefix",
                        "backend": {"service": {"name": "simpleapi", "port": {"number": 8080}}}}]}}]},
           "status": {"loadBalancer": {"ingress": [{"ip": "20.50.60.10"}]}}}
    if tls:
        ing["spec"]["tls"] = [{"hosts": [host], "secretName": "demoapi-tls"}]
    return ing


def backend_objects():
    app = pod("default", "simpleapi-7d9c8b6f4d-9xkqv", {"app": "simpleapi", "pod-template-hash": "7d9c8b6f4d"}, 1,
              "10.244.1.20", [{"name": "simpleapi", "image": "simpleapi:1.0",
                               "ports": [{"containerPort": 8080, "name": "http", "protocol": "TCP"}]}])
    svc = {"apiVersion": "v1", "kind": "Service",
           "metadata": {"name": "simpleapi", "namespace": "default", "creationTimestamp": T},
           "spec": {"type": "ClusterIP", "clusterIP": "10.0.120.15", "clusterIPs": ["10.0.120.15"],
                    "selector": {"app": "simpleapi"},
                    "ports": [{"name": "http", "port": 8080, "protocol": "TCP", "targetPort": "http"}]}}
    return [app, svc]


GW_LABELS = {"gateway.networking.k8s.io/gateway-class-name": "istio",
             "gateway.networking.k8s.io/gateway-name": "web",
             "gateway.istio.io/managed": "istio.io-gateway-controller", "sidecar.istio.io/inject": "false"}
AKS_PROBE = {"service.beta.kubernetes.io/port_80_health-probe_port": "15021",
             "service.beta.kubernetes.io/port_80_health-probe_protocol": "http",
             "service.beta.kubernetes.io/port_80_health-probe_request-path": "/healthz/ready"}


def gateway_data_plane(v):
    ann = {}
    if v.get("trusted_proxies"):
        ann["proxy.istio.io/config"] = '{"gatewayTopology":{"numTrustedProxies":%d}}' % v["trusted_proxies"]
    gw_pod = pod("gateway", "web-istio-6c8f9d7b5-x2k4p", dict(GW_LABELS, **{"pod-template-hash": "6c8f9d7b5"}), 0,
                 "10.244.0.12", [{"name": "istio-proxy", "image": "mcr.microsoft.com/oss/istio/proxyv2:1.28.1-distroless",
                                  "ports": [{"containerPort": 15020, "name": "metrics", "protocol": "TCP"},
                                            {"containerPort": 15021, "name": "status-port", "protocol": "TCP"},
                                            {"containerPort": 15090, "name": "http-envoy-prom", "protocol": "TCP"}],
                                  "readinessProbe": {"httpGet": {"path": "/healthz/ready", "port": 15021,
                                                                 "scheme": "HTTP"}}}], ann)
    gw_pod["metadata"]["ownerReferences"] = [{"apiVersion": "apps/v1", "kind": "ReplicaSet",
                                              "name": "web-istio-6c8f9d7b5", "controller": True}]
    # AKS writes the probe annotations for ETP Cluster; with the Local overlay they must be unset (A4.11), else the
    # probe asks 15021 for /healthz (the Local logic keeps its path) and every backend is DOWN
    svc_ann = dict(AKS_PROBE) if v.get("aks_probe_annotations", v.get("etp", "Cluster") != "Local") else {}
    if v.get("internal"):
        svc_ann["service.beta.kubernetes.io/azure-load-balancer-internal"] = "true"
    ports = [{"name": "status-port", "port": 15021, "protocol": "TCP", "appProtocol": "tcp", "targetPort": 15021,
              "nodePort": 31021},
             {"name": "http", "port": 80, "protocol": "TCP", "appProtocol": "http", "targetPort": 80,
              "nodePort": 30080}]
    if v.get("https"):
        ports.append({"name": "https", "port": 443, "protocol": "TCP", "appProtocol": "https", "targetPort": 443,
                      "nodePort": 30444})
    spec = {"type": "LoadBalancer", "externalTrafficPolicy": v.get("etp", "Local"), "internalTrafficPolicy": "Cluster",
            "ipFamilyPolicy": "PreferDualStack", "ipFamilies": ["IPv4"], "clusterIP": "10.0.33.20",
            "clusterIPs": ["10.0.33.20"], "selector": {"gateway.networking.k8s.io/gateway-name": "web"},
            "ports": ports}
    if spec["externalTrafficPolicy"] == "Local":
        spec["healthCheckNodePort"] = 32021
    if v.get("source_ranges"):
        spec["loadBalancerSourceRanges"] = v["source_ranges"]
    frontend = "10.10.1.200" if v.get("internal") else "20.50.60.70"
    svc = {"apiVersion": "v1", "kind": "Service",
           "metadata": {"name": "web-istio", "namespace": "gateway", "creationTimestamp": T,
                        "uid": "3f1c9a52-8e0b-4d7e-9c11-5b2a7d4e6f80",
                        "labels": {"gateway.networking.k8s.io/gateway-name": "web",
                                   "gateway.istio.io/managed": "istio.io-gateway-controller"},
                        "annotations": svc_ann,
                        "ownerReferences": [{"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway",
                                             "name": "web", "controller": True}]},
           "spec": spec, "status": {"loadBalancer": {"ingress": [{"ip": frontend, "ipMode": "VIP"}]}}}
    return [gw_pod, svc]


def gateway_api(v):
    gw_host = v.get("gateway_host", HOST)
    listeners = [{"name": "http", "port": 80, "protocol": "HTTP", "hostname": gw_host,
                  "allowedRoutes": {"namespaces": {"from": "All"}}}]
    if v.get("https"):
        listeners.append({"name": "https", "port": 443, "protocol": "HTTPS", "hostname": gw_host,
                          "tls": {"mode": "Terminate", "certificateRefs": [{"kind": "Secret", "name": "demoapi-tls"}]},
                          "allowedRoutes": {"namespaces": {"from": "All"}}})
    gwc = {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "GatewayClass", "metadata": {"name": "istio"},
           "spec": {"controllerName": "istio.io/gateway-controller"}}
    gw = {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway",
          "metadata": {"name": "web", "namespace": "gateway", "creationTimestamp": "2026-11-20T08:59:00Z"},
          "spec": {"gatewayClassName": "istio", "listeners": listeners},
          "status": {"addresses": [{"type": "IPAddress",
                                    "value": "10.10.1.200" if v.get("internal") else "20.50.60.70"}],
                     "conditions": [{"type": "Accepted", "status": "True", "reason": "Accepted"},
                                    {"type": "Programmed", "status": "True", "reason": "Programmed"}]}}
    route_hosts = v.get("route_hosts", [HOST])
    forward = {"matches": [{"path": {"type": "PathPrefix", "value": "/weatherforecast"}}],
               "backendRefs": [{"name": "simpleapi", "port": 8080}]}
    routes = []
    if v.get("redirect"):
        routes.append(route("simpleapi-http-redirect", route_hosts, "http", [{
            "filters": [{"type": "RequestRedirect", "requestRedirect": {"scheme": "https", "statusCode": 301}}]}]))
        routes.append(route("simpleapi", route_hosts, "https", [forward]))
    else:
        routes.append(route("simpleapi", route_hosts, None, [forward]))
    out = [gwc, gw] + routes
    for p in v.get("policies", []):
        out.append(p)
    return out


def route(name, hosts, section, rules):
    parent = {"name": "web", "namespace": "gateway"}
    if section:
        parent["sectionName"] = section
    return {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute",
            "metadata": {"name": name, "namespace": "default", "creationTimestamp": "2026-11-20T09:01:00Z"},
            "spec": {"parentRefs": [parent], "hostnames": hosts, "rules": rules}}


def policy(name, source=None, selector=None, action="ALLOW"):
    spec = {"action": action}
    if selector:
        spec["selector"] = {"matchLabels": selector}
    else:
        spec["targetRefs"] = [{"group": "gateway.networking.k8s.io", "kind": "Gateway", "name": "web"}]
    spec["rules"] = [{"from": [{"source": source}]}] if source else [{}]
    return {"apiVersion": "security.istio.io/v1", "kind": "AuthorizationPolicy",
            "metadata": {"name": name, "namespace": "gateway", "creationTimestamp": T}, "spec": spec}


def netpol(gateway_peer):
    peers = [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}}}]
    if gateway_peer:
        peers.append({"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "gateway"}},
                      "podSelector": {"matchLabels": {"gateway.networking.k8s.io/gateway-name": "web"}}})
    return {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
            "metadata": {"name": "simpleapi-from-ingress", "namespace": "default", "creationTimestamp": T},
            "spec": {"podSelector": {"matchLabels": {"app": "simpleapi"}}, "policyTypes": ["Ingress"],
                     "ingress": [{"from": peers, "ports": [{"port": 8080, "protocol": "TCP"}]}]}}


OFFICE_ALLOW = policy("allow-office", {"ipBlocks": [OFFICE]})


def write(check_id, variant_name, v, comment):
    write_dir("%s/%s/%s" % (OUT, check_id, variant_name), "%s (%s)" % (check_id, variant_name), v, comment)


def write_dir(d, title, v, comment):
    os.makedirs(d + "/k8s", exist_ok=True)
    items = [ns("default"), ns("ingress-nginx"), ns("gateway"), node(0), node(1)] + backend_objects()
    if v.get("nginx", True):
        items += nginx_objects() + [ingress(v.get("ingress_host", HOST), v.get("allow", OFFICE),
                                            v.get("ingress_tls", False))]
    if v.get("gateway", True):
        items += gateway_data_plane(v)
    if "netpol" in v:
        items.append(netpol(v["netpol"]))
    dump(d + "/k8s/cluster.yaml", "kubectl get namespaces,nodes,pods,services,configmaps,ingressclasses,ingresses,"
         "networkpolicies -A -o yaml", items)
    if v.get("gateway", True):
        dump(d + "/k8s/gateway-api.yaml", "kubectl get gatewayclasses,gateways,httproutes,authorizationpolicies -A "
             "-o yaml", gateway_api(v))
    os.makedirs(d + "/azure", exist_ok=True)
    for f in sorted(os.listdir(AZURE)):
        shutil.copyfile(AZURE + "/" + f, d + "/azure/" + f)
    cluster = {"networkPlugin": "kubenet", "clusterNsg": "aks-agentpool-12345678-nsg", "kubernetesVersion": "1.29"}
    if "netpol" in v:
        cluster["networkPolicy"] = "calico"
    with open(d + "/scenario.yaml", "w") as f:
        f.write("# %s: %s\n" % (title, comment))
        f.write("# written by k8s-model/src/test/scripts/make_migration_scenarios.py\n")
        yaml.safe_dump({"cluster": cluster}, f, sort_keys=False)


def dump(path, header, items):
    with open(path, "w") as f:
        f.write("# %s (trimmed to what aksreach reads)\n" % header)
        yaml.safe_dump({"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""}, "items": items}, f,
                       sort_keys=False, width=120)


# Every fixed variant keeps the allow-list (ipBlocks under ETP Local) so the other migration checks stay quiet.
SAFE = {"etp": "Local", "policies": [OFFICE_ALLOW], "internal": True, "source_ranges": ["10.10.9.0/24"]}

PAIRS = {
    "allowlist-lost-in-migration": (
        dict(SAFE, policies=[], internal=False, source_ranges=None),
        "the Ingress allow-lists 198.51.100.0/24, the public Gateway for the same host has no policy",
        SAFE, "an ALLOW AuthorizationPolicy with ipBlocks 198.51.100.0/24 targets the Gateway (ETP Local)"),
    "authz-ipblocks-under-cluster-policy": (
        dict(SAFE, etp="Cluster"), "ipBlocks allow-list while the generated Service keeps ETP Cluster (A4.6)",
        SAFE, "the Service overlay sets externalTrafficPolicy Local (A4.11)"),
    "authz-policy-selects-no-gateway-pod": (
        dict(SAFE, policies=[policy("allow-office", {"ipBlocks": [OFFICE]}, {"istio.io/gateway-name": "web"})]),
        "selector istio.io/gateway-name, a label Istio 1.24+ no longer sets (A4.7, S5.1)",
        dict(SAFE, policies=[policy("allow-office", {"ipBlocks": [OFFICE]},
                                    {"gateway.networking.k8s.io/gateway-name": "web"})]),
        "selector gateway.networking.k8s.io/gateway-name"),
    "remote-ipblocks-spoofable": (
        dict(SAFE, internal=False, source_ranges=None, trusted_proxies=1,
             policies=[policy("allow-office", {"remoteIpBlocks": [OFFICE]})]),
        "remoteIpBlocks with numTrustedProxies 1 and nothing in front of the public LB (S5.10b)",
        dict(SAFE, trusted_proxies=1, source_ranges=["147.243.0.0/16"],
             policies=[policy("allow-office", {"remoteIpBlocks": [OFFICE]})]),
        "the LB admits only the trusted proxy's range (147.243.0.0/16, Azure Front Door backends), which appends"),
    "gateway-status-port-public": (
        dict(SAFE, internal=False, source_ranges=None), "public LB Service: 15021 has a rule like every port (A4.13)",
        SAFE, "internal LB restricted to 10.10.9.0/24"),
    "gateway-probe-on-root": (
        dict(SAFE, etp="Cluster", policies=[], aks_probe_annotations=False),
        "no port_80_health-probe_* annotations: cloud-provider-azure probes GET / on the http nodePort (A4.11)",
        dict(SAFE, etp="Cluster", policies=[], aks_probe_annotations=True),
        "AKS's annotations send the probe to 15021 /healthz/ready"),
    "probe-annotations-under-local-policy": (
        dict(SAFE, aks_probe_annotations=True),
        "the Local overlay left AKS's port_80_health-probe_* annotations in place: the probe goes to 15021 /healthz"
        " (A4.11, 4.3)",
        SAFE, "the overlay also unsets the annotations: Http /healthz on healthCheckNodePort 32021"),
    "backend-policy-admits-old-ingress-only": (
        dict(SAFE, netpol=False), "the backend's NetworkPolicy admits only namespace ingress-nginx (A4.19)",
        dict(SAFE, netpol=True), "the policy also admits the gateway pods (gateway-name web in namespace gateway)"),
    "wildcard-host-widened": (
        dict(SAFE, ingress_host="*.example.com", gateway_host="*.example.com", route_hosts=["*.example.com"]),
        "*.example.com: one label in nginx, one or more in the Gateway API (R2.11)",
        dict(SAFE, ingress_host="*.example.com", gateway_host="*.example.com", route_hosts=[HOST]),
        "the HTTPRoute names the host nginx served"),
    "tls-host-without-https-redirect": (
        dict(SAFE, https=True, ingress_tls=True),
        "the Ingress has TLS (ssl-redirect 308); the Gateway serves plain HTTP on :80",
        dict(SAFE, https=True, ingress_tls=True, redirect=True), "the HTTP listener's route redirects to https (301)"),
}

# `aksreach diff` across the cut-over (examples/src/test/resources/migration, run through the CLI by MigrationDiffCliTest)
DIFF = ROOT + "/examples/src/test/resources/migration"
PUBLIC = {"internal": False, "source_ranges": None}
MIGRATION = {
    "nginx-before": (dict(PUBLIC, gateway=False),
                     "managed-NGINX-like ingress-nginx (ETP Local) with whitelist-source-range 198.51.100.0/24"),
    "gateway-after-cluster": (dict(PUBLIC, nginx=False, etp="Cluster", policies=[OFFICE_ALLOW]),
                              "the Istio Gateway with an ipBlocks policy, generated Service left at ETP Cluster"),
    "gateway-after-local": (dict(PUBLIC, nginx=False, etp="Local", policies=[OFFICE_ALLOW]),
                            "the same with the Local overlay"),
    "gateway-after-https": (dict(PUBLIC, nginx=False, etp="Local", policies=[OFFICE_ALLOW], https=True, redirect=True),
                            "the Local overlay, TLS terminated at an HTTPS listener :443 for demoapi.example.com, and"
                            " the HTTP listener's route redirecting to https (301)"),
}

if __name__ == "__main__":
    for cid, (bad, bad_c, good, good_c) in PAIRS.items():
        write(cid, "violating", bad, bad_c)
        write(cid, "fixed", good, good_c)
    for name, (v, comment) in MIGRATION.items():
        write_dir(DIFF + "/" + name, name, v, comment)
    print("wrote %d scenario pairs under %s and %d under %s" % (len(PAIRS), OUT, len(MIGRATION), DIFF))
