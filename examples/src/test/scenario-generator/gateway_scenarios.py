"""The Gateway API scenarios of the corpus (issue 11): Istio Gateways on the mini cluster of scenarios.py.

    python3 gateway_scenarios.py ../resources/scenarios    # rewrites k8s/, azure/, scenario.yaml of gateway-* only
"""
import sys, os, shutil, json
sys.path.insert(0, os.path.dirname(__file__))
from lib import *

ROOT = sys.argv[1]
N0, N1 = "aks-nodepool1-12345678-vmss000000", "aks-nodepool1-12345678-vmss000001"
IP = {N0: "10.10.1.4", N1: "10.10.1.5"}
CIDR = {N0: "10.244.0.0/24", N1: "10.244.1.0/24"}
INTERNAL = {"service.beta.kubernetes.io/azure-load-balancer-internal": "true"}
GW_POD = "web-istio-6c8f9d7b5-x2k4p"
GW_IP = "10.244.0.30"
GW_LB = "10.10.1.210"
GW_PUBLIC = "20.50.60.70"
GWAPI = "gateway.networking.k8s.io/v1"


def aks_probe_annotations(ports=(80,)):
    """What AKS adds to a generated Gateway Service for ETP Cluster (DOMAIN-GATEWAY A4.11, values UNVERIFIED 8.1)."""
    a = {}
    for p in ports:
        a[f"service.beta.kubernetes.io/port_{p}_health-probe_port"] = "15021"
        a[f"service.beta.kubernetes.io/port_{p}_health-probe_protocol"] = "http"
        a[f"service.beta.kubernetes.io/port_{p}_health-probe_request-path"] = "/healthz/ready"
    return a


def gateway_class(name="istio"):
    return {"apiVersion": GWAPI, "kind": "GatewayClass",
            "metadata": {"creationTimestamp": TS, "generation": 1, "name": name, "uid": uid("gc", name)},
            "spec": {"controllerName": "istio.io/gateway-controller",
                     "description": "The default Istio GatewayClass"},
            "status": {"conditions": [{"lastTransitionTime": TS, "message": "Handled by Istio controller",
                                       "observedGeneration": 1, "reason": "Accepted", "status": "True",
                                       "type": "Accepted"}]}}


def gateway(name="web", ns="gateway", cls="istio", listeners=None, internal=True, address=GW_LB, infra=None,
            parameters_ref=None):
    spec = {"gatewayClassName": cls,
            "listeners": listeners or [{"allowedRoutes": {"namespaces": {"from": "All"}}, "hostname": "app.example.com",
                                        "name": "http", "port": 80, "protocol": "HTTP"}]}
    ann = dict(INTERNAL) if internal else {}
    ann.update(infra or {})
    if ann or parameters_ref:
        spec["infrastructure"] = {}
        if ann:
            spec["infrastructure"]["annotations"] = ann
        if parameters_ref:
            spec["infrastructure"]["parametersRef"] = {"group": "", "kind": "ConfigMap", "name": parameters_ref}
    return {"apiVersion": GWAPI, "kind": "Gateway",
            "metadata": {"creationTimestamp": TS, "generation": 1, "name": name, "namespace": ns,
                         "uid": uid("gw", ns, name)},
            "spec": spec,
            "status": {"addresses": [{"type": "IPAddress", "value": address}],
                       "conditions": [{"lastTransitionTime": TS, "message": "Resource accepted", "observedGeneration": 1,
                                       "reason": "Accepted", "status": "True", "type": "Accepted"},
                                      {"lastTransitionTime": TS, "message": "Resource programmed",
                                       "observedGeneration": 1, "reason": "Programmed", "status": "True",
                                       "type": "Programmed"}]}}


def rule(path, backends, ptype="PathPrefix", filters=None):
    r = {"matches": [{"path": {"type": ptype, "value": path}}]}
    if backends:
        r["backendRefs"] = [dict({"group": "", "kind": "Service", "name": n, "port": p, "weight": w})
                            for (n, p, w) in backends]
    if filters:
        r["filters"] = filters
    return r


def httproute(name, rules, hostnames=("app.example.com",), ns="default", gw="web", gw_ns="gateway"):
    return {"apiVersion": GWAPI, "kind": "HTTPRoute",
            "metadata": {"creationTimestamp": TS, "generation": 1, "name": name, "namespace": ns,
                         "uid": uid("route", ns, name)},
            "spec": {"hostnames": list(hostnames),
                     "parentRefs": [{"group": "gateway.networking.k8s.io", "kind": "Gateway", "name": gw,
                                     "namespace": gw_ns}],
                     "rules": rules},
            "status": {"parents": [{"conditions": [
                {"lastTransitionTime": TS, "message": "Route was valid", "observedGeneration": 1, "reason": "Accepted",
                 "status": "True", "type": "Accepted"}],
                "controllerName": "istio.io/gateway-controller",
                "parentRef": {"group": "gateway.networking.k8s.io", "kind": "Gateway", "name": gw,
                              "namespace": gw_ns}}]}}


def authz(name, source, ns="gateway", gw="web", action="ALLOW"):
    return {"apiVersion": "security.istio.io/v1", "kind": "AuthorizationPolicy",
            "metadata": {"creationTimestamp": TS, "generation": 1, "name": name, "namespace": ns,
                         "uid": uid("ap", ns, name)},
            "spec": {"action": action, "rules": [{"from": [{"source": source}]}],
                     "targetRefs": [{"group": "gateway.networking.k8s.io", "kind": "Gateway", "name": gw}]}}


def gateway_pod(node=N0, ip=GW_IP, name=None, gw="web", ns="gateway", cls="istio", annotations=None):
    name = name or f"{gw}-{cls}-6c8f9d7b5-x2k4p"
    labels = {"gateway.istio.io/managed": "istio.io-gateway-controller",
              "gateway.networking.k8s.io/gateway-class-name": cls,
              "gateway.networking.k8s.io/gateway-name": gw, "pod-template-hash": "6c8f9d7b5",
              "service.istio.io/canonical-name": f"{gw}-{cls}", "sidecar.istio.io/inject": "false"}
    c = [{"args": ["proxy", "router", "--domain", "$(POD_NAMESPACE).svc.cluster.local", "--proxyLogLevel=warning"],
          "image": "mcr.microsoft.com/oss/istio/proxyv2:1.28.1-distroless", "imagePullPolicy": "IfNotPresent",
          "name": "istio-proxy",
          "ports": [{"containerPort": 15020, "name": "metrics", "protocol": "TCP"},
                    {"containerPort": 15021, "name": "status-port", "protocol": "TCP"},
                    {"containerPort": 15090, "name": "http-envoy-prom", "protocol": "TCP"}],
          "readinessProbe": {"failureThreshold": 4, "httpGet": {"path": "/healthz/ready", "port": 15021,
                                                                 "scheme": "HTTP"}, "periodSeconds": 15}}]
    p = pod(ns, name, node, IP[node], ip, labels, [], containers=c)
    if annotations:
        p["metadata"]["annotations"] = annotations
    p["metadata"]["ownerReferences"] = [{"apiVersion": "apps/v1", "blockOwnerDeletion": True, "controller": True,
                                         "kind": "ReplicaSet", "name": f"{gw}-{cls}-6c8f9d7b5",
                                         "uid": uid("rs", ns, gw)}]
    return p


def gateway_service(etp="Cluster", internal=True, address=GW_LB, annotations=None, gw="web", ns="gateway",
                    cls="istio", hcnp=None, port=80):
    ann = dict(INTERNAL) if internal else {}
    if annotations is None:
        ann.update(aks_probe_annotations())
    else:
        ann.update(annotations)
    ports = [svc_port(15021, 15021, 31021, name="status-port", app_protocol="tcp"),
             svc_port(port, port, 30280, name="http", app_protocol="http")]
    s = service(ns, f"{gw}-{cls}", ports, {"gateway.networking.k8s.io/gateway-name": gw}, "LoadBalancer",
                "10.0.70.10", ann, address, etp, hcnp,
                labels={"gateway.istio.io/managed": "istio.io-gateway-controller",
                        "gateway.networking.k8s.io/gateway-class-name": cls,
                        "gateway.networking.k8s.io/gateway-name": gw})
    s["metadata"]["ownerReferences"] = [{"apiVersion": GWAPI, "controller": True, "kind": "Gateway", "name": gw,
                                         "uid": uid("gw", ns, gw)}]
    s["spec"]["ipFamilyPolicy"] = "PreferDualStack"
    return s


class G:
    """One gateway scenario: the mini cluster (kubenet, two nodes), an Istio Gateway `gateway/web`, backends."""

    def __init__(self, name, header):
        self.name = name
        self.header = header
        self.namespaces = ["default", "gateway"]
        self.nodes = [node(n, IP[n], CIDR[n]) for n in (N0, N1)]
        self.items = []
        self.scenario_extra = ""

    def backend(self, name, ip, node_name=N1, labels=None):
        pname = name + "-7f9c6d5b8-" + uid("pod", name)[:5]
        self.items.append(service("default", name, [svc_port(8080, 8080, name="http")], {"app": name},
                                  cluster_ip="10.0.60." + str(10 + len(self.items))))
        self.items.append(pod("default", pname, node_name, IP[node_name], ip,
                              dict({"app": name, "pod-template-hash": "7f9c6d5b8"}, **(labels or {})),
                              [{"containerPort": 8080, "name": "http"}]))
        self.items.append(endpointslice("default", name, [eps_port(8080, "http")],
                                        [endpoint(ip, node_name, "default", pname)], suffix=uid("slice", name)[:5]))
        return pname

    def data_plane(self, svc=True, pod_annotations=None, cls="istio", **svc_kw):
        self.items.append(gateway_pod(annotations=pod_annotations, cls=cls))
        svc_kw["cls"] = cls
        if svc:
            s = gateway_service(**svc_kw)
            self.items.append(s)
            self.items.append(endpointslice("gateway", s["metadata"]["name"],
                                            [eps_port(15021, "status-port", "tcp"),
                                             eps_port(svc_kw.get("port", 80), "http", "http")],
                                            [endpoint(GW_IP, N0, "gateway", f"web-{cls}-6c8f9d7b5-x2k4p")],
                                            suffix="q7w2e"))

    def write(self):
        ns = [namespace(n) for n in self.namespaces]
        items = ns + self.nodes + self.items
        kinds = []
        for i in items:
            k = i["kind"].lower() + ("es" if i["kind"].endswith("s") else "s")
            if k not in kinds:
                kinds.append(k)
        comment = "kubectl get " + ",".join(kinds) + " -A -o yaml"
        subnets = [subnet("nodes", "10.10.1.0/24", route_table=True), subnet("clients", "10.10.9.0/24")]
        az = {"vnet.json": ("az network vnet show", vnet(["10.10.0.0/16"], subnets)),
              "nsgs.json": ("az network nsg list", [nsg(CLUSTER_NSG, [], rg=NRG)]),
              "routetables.json": ("az network route-table list", route_tables(
                  [(n["metadata"]["name"], n["spec"]["podCIDR"], n["status"]["addresses"][1]["address"])
                   for n in self.nodes], ["nodes"]))}
        sc = (hdr(self.header) + "cluster:\n  networkPlugin: kubenet\n  clusterNsg: " + CLUSTER_NSG
              + "\n  kubernetesVersion: \"1.31\"\n" + self.scenario_extra)
        for sub in ("k8s", "azure"):
            shutil.rmtree(os.path.join(ROOT, self.name, sub), ignore_errors=True)
        write_scenario(ROOT, self.name, items, comment, az, sc)


def hdr(text):
    return "".join("# " + l + "\n" for l in text.strip().splitlines())


def allow_clients(ns="gateway"):
    return authz("allow-clients", {"ipBlocks": ["10.10.9.0/24"]})


ETP_LOCAL_OVERLAY = ("metadata:\n  annotations:\n"
                     "    service.beta.kubernetes.io/port_80_health-probe_port: null\n"
                     "    service.beta.kubernetes.io/port_80_health-probe_protocol: null\n"
                     "    service.beta.kubernetes.io/port_80_health-probe_request-path: null\n"
                     "spec:\n  externalTrafficPolicy: Local\n")


def class_defaults(cls="istio"):
    return {"apiVersion": "v1", "kind": "ConfigMap", "data": {"service": ETP_LOCAL_OVERLAY},
            "metadata": {"creationTimestamp": TS, "labels": {"gateway.istio.io/defaults-for-class": cls},
                         "name": "istio-gateway-class-defaults", "namespace": "aks-istio-system",
                         "uid": uid("cm", "aks-istio-system", "defaults")}}


# ---------------------------------------------------------------------------------------------------------------

g = G("gateway-etp-cluster-ipblocks",
      "An Istio Gateway (class istio) whose generated Service keeps the default externalTrafficPolicy Cluster\n"
      "(DOMAIN-GATEWAY A4.6) with the health-probe annotations AKS adds (A4.11), and an AuthorizationPolicy ipBlocks\n"
      "allow-list of the client subnet 10.10.9.0/24: kube-proxy masquerades, so source.ip is a node address and\n"
      "every client gets 403 before routing (S5.2, S5.8, 5.2 table, S5.10a). Generated Service and pod dumped.")
g.items += [gateway_class(), gateway(), httproute("app", [rule("/", [("app", 8080, 1)])]), allow_clients()]
g.data_plane()
g.backend("app", "10.244.1.10")
g.write()

g = G("gateway-etp-local-overlay",
      "The same Gateway, allow-list and backend with the GatewayClass defaults ConfigMap overlay of A4.9-A4.11:\n"
      "externalTrafficPolicy Local and the AKS health-probe annotations unset. The dump holds the gateway pod but\n"
      "not the generated Service: it is derived (ETP Local, a healthCheckNodePort probe; nodePorts assumed). The\n"
      "gateway sees the client (A4.15), so the allow-list admits 10.10.9.0/24 and refuses the rest (S5.10c).")
g.namespaces.append("aks-istio-system")
g.items += [gateway_class(), gateway(), httproute("app", [rule("/", [("app", 8080, 1)])]), allow_clients(),
            class_defaults()]
g.data_plane(svc=False)
g.backend("app", "10.244.1.10")
g.write()

g = G("gateway-remote-ip-xff",
      "ETP Local (dumped Service) and numTrustedProxies 1 from the gateway pod's proxy.istio.io/config (S5.11), with\n"
      "an AuthorizationPolicy remoteIpBlocks allow-list of 10.10.9.0/24 and nothing in front of the load balancer:\n"
      "remote.ip is the rightmost X-Forwarded-For entry, which the client itself sends (A4.16, 5.2 table, S5.10b).")
g.items += [gateway_class(), gateway(), httproute("app", [rule("/", [("app", 8080, 1)])]),
            authz("allow-clients", {"remoteIpBlocks": ["10.10.9.0/24"]})]
g.data_plane(etp="Local", hcnp=32210, annotations={},
             pod_annotations={"proxy.istio.io/config": '{"gatewayTopology":{"numTrustedProxies":1}}'})
g.backend("app", "10.244.1.10")
g.write()

g = G("gateway-no-route-404",
      "HTTPRoute app serves app.example.com with PathPrefix /api only: another path on that host, or a host no\n"
      "listener accepts, gets the gateway's 404 (R2.19, G1.8 step 4); /api/v1 is routed (segment prefix, R2.13).")
g.items += [gateway_class(), gateway(), httproute("app", [rule("/api", [("app", 8080, 1)])])]
g.data_plane()
g.backend("app", "10.244.1.10")
g.write()

g = G("gateway-weighted-backends",
      "One rule with weighted backendRefs app 2, app-v2 1, app-missing 1 (no such Service), app-old 0: 2/4 and 1/4\n"
      "of the requests reach app and app-v2, 1/4 gets 500 from the gateway (R2.24, R2.26, R2.27), app-old none.")
g.items += [gateway_class(), gateway(),
            httproute("app", [rule("/", [("app", 8080, 2), ("app-v2", 8080, 1), ("app-missing", 8080, 1),
                                         ("app-old", 8080, 0)])])]
g.data_plane()
g.backend("app", "10.244.1.10")
g.backend("app-v2", "10.244.1.11")
g.backend("app-old", "10.244.1.12")
g.write()

g = G("gateway-redirect",
      "A rule with RequestRedirect (301, ReplaceFullPath /api) for Exact /old: the gateway answers the redirect\n"
      "itself and the backend is never contacted (R2.32); /api is routed to app.")
g.items += [gateway_class(), gateway(),
            httproute("app", [rule("/api", [("app", 8080, 1)]),
                              rule("/old", None, ptype="Exact",
                                   filters=[{"type": "RequestRedirect", "requestRedirect": {
                                       "path": {"type": "ReplaceFullPath", "replaceFullPath": "/api"},
                                       "statusCode": 301}}])])]
g.data_plane()
g.backend("app", "10.244.1.10")
g.write()

g = G("gateway-backend-netpol",
      "Backend NetworkPolicies after the migration (A4.19, R2.28): Envoy sends from the gateway pod 10.244.0.30.\n"
      "app still admits only the old ingress namespace app-routing-system: every request to /api is dropped at the\n"
      "backend; app-v2 admits pods labelled gateway.networking.k8s.io/gateway-name=web in namespace gateway.")
g.namespaces.append("app-routing-system")
g.items += [gateway_class(), gateway(),
            httproute("app", [rule("/api", [("app", 8080, 1)]), rule("/v2", [("app-v2", 8080, 1)])]),
            network_policy("default", "app-from-ingress", {"matchLabels": {"app": "app"}},
                           ingress=[{"from": [{"namespaceSelector": {"matchLabels": {
                               "kubernetes.io/metadata.name": "app-routing-system"}}}]}]),
            network_policy("default", "app-v2-from-gateway", {"matchLabels": {"app": "app-v2"}},
                           ingress=[{"from": [{"namespaceSelector": {"matchLabels": {
                               "kubernetes.io/metadata.name": "gateway"}},
                               "podSelector": {"matchLabels": {"gateway.networking.k8s.io/gateway-name": "web"}}}]}])]
g.data_plane()
g.backend("app", "10.244.1.10")
g.backend("app-v2", "10.244.1.11")
g.scenario_extra = "  networkPolicy: calico\n"
g.write()

g = G("gateway-status-port",
      "A public Gateway (Standard public frontend 20.50.60.70, no source ranges) with an ipBlocks allow-list: the\n"
      "status port 15021 is a Service port like any other, so cloud-provider-azure opens it to the Internet\n"
      "(A4.13) and /healthz/ready answers 200 to anyone; no AuthorizationPolicy applies to it. Port 80 refuses the\n"
      "same client with 403 (ETP Cluster).")
g.items += [gateway_class(), gateway(internal=False, address=GW_PUBLIC),
            httproute("app", [rule("/", [("app", 8080, 1)])]), allow_clients()]
g.data_plane(internal=False, address=GW_PUBLIC)
g.backend("app", "10.244.1.10")
g.write()

g = G("gateway-approuting-no-authz",
      "The app routing add-on's class approuting-istio supports no Istio CRDs (DOMAIN-GATEWAY A4.28): the same\n"
      "AuthorizationPolicy ipBlocks allow-list as gateway-etp-local-overlay is not enforced, every client is\n"
      "admitted (ETP Local, dumped Service).")
g.items += [gateway_class("approuting-istio"), gateway(cls="approuting-istio"),
            httproute("app", [rule("/", [("app", 8080, 1)])]), allow_clients()]
g.data_plane(cls="approuting-istio", etp="Local", hcnp=32210, annotations={})
g.backend("app", "10.244.1.10")
g.write()

g = G("gateway-probe-get-root",
      "A listener on port 8080, which AKS does not give health-probe annotations (DOMAIN-GATEWAY 8.1, option\n"
      "healthProbeListenerPorts {80, 443}): cloud-provider-azure probes it with HTTP GET / (appProtocol http), the\n"
      "gateway answers 404 (no listener hostname matches the probe's Host), every node is DOWN for that rule and the\n"
      "listener is unreachable: the outage of A4.11 / 4.3 table row 2 (Azure/AKS#3646, istio/istio#46769).")
g.items += [gateway_class(), gateway(listeners=[{"allowedRoutes": {"namespaces": {"from": "All"}},
                                                 "hostname": "app.example.com", "name": "http", "port": 8080,
                                                 "protocol": "HTTP"}]),
            httproute("app", [rule("/", [("app", 8080, 1)])])]
g.data_plane(annotations={}, port=8080)
g.backend("app", "10.244.1.10")
g.write()
