import sys, shutil, os
sys.path.insert(0, os.path.dirname(__file__))
from lib import *

ROOT = sys.argv[1]

N0, N1, N2, N3, N4 = ["aks-nodepool1-12345678-vmss00000%d" % i for i in range(5)]
IP = {N0: "10.10.1.4", N1: "10.10.1.5", N2: "10.10.1.6", N3: "10.10.1.7", N4: "10.10.1.8"}
CIDR = {n: "10.244.%d.0/24" % i for i, n in enumerate([N0, N1, N2, N3, N4])}
WEB_LABELS = {"app": "web", "pod-template-hash": "5d8f7c9b6"}
INTERNAL = {"service.beta.kubernetes.io/azure-load-balancer-internal": "true"}


class B:
    """One scenario under construction: the mini cluster (kubenet, two nodes, subnet `nodes`, subnet `clients`)."""

    def __init__(self, name, nodes=(N0, N1), plugin="kubenet", k8s_version="1.29"):
        self.name = name
        self.plugin = plugin
        self.k8s_version = k8s_version
        self.namespaces = ["default"]
        self.nodes = []
        for n in nodes:
            self.nodes.append(node(n, IP[n], CIDR[n] if plugin == "kubenet" else None))
        self.pods, self.services, self.slices, self.extra = [], [], [], []
        self.nodes_nsg = None          # rules of nsg-nodes (subnet nodes)
        self.clients_nsg = None        # rules of nsg-clients (subnet clients)
        self.cluster_rules = []        # custom rules already in the cluster NSG
        self.nics = []
        self.asgs = []
        self.extra_azure = {}
        self.peerings = []
        self.extra_subnets = []
        self.extra_nsgs = []
        self.scenario_extra = ""
        self.header = ""

    def node_named(self, n):
        return next(x for x in self.nodes if x["metadata"]["name"] == n)

    def web(self, etp="Cluster", annotations=None, lb_ip="10.10.1.100", internal=True, source_ranges=None,
            hcnp=32080, endpoints=((N0, "10.244.0.10", "web-5d8f7c9b6-x2x7q"),), ports=None, slice_ports=None,
            name="web", cluster_ip="10.0.12.34", extra_endpoints=(), node_port=30080, pod_ports=None):
        ann = dict(INTERNAL) if internal else {}
        ann.update(annotations or {})
        self.services.append(service("default", name, ports or [svc_port(80, 8080, node_port, name="http")],
                                     {"app": name}, "LoadBalancer", cluster_ip, ann or None, lb_ip, etp,
                                     hcnp if etp == "Local" else None, source_ranges))
        eps = []
        for spec in list(endpoints) + list(extra_endpoints):
            n, ip, pname = spec[:3]
            flags = spec[3] if len(spec) > 3 else {}
            ready = flags.get("ready", True)
            term = flags.get("terminating", False)
            serving = flags.get("serving", ready)
            self.pods.append(pod("default", pname, n, IP[n], ip, dict(WEB_LABELS, app=name),
                                 pod_ports or [{"containerPort": 8080, "name": "http"}], ready=ready,
                                 terminating=term))
            eps.append(endpoint(ip, n, "default", pname, ready, serving, term))
        self.slices.append(endpointslice("default", name, slice_ports or [eps_port(8080, "http")], eps,
                                         suffix=uid("slice", name)[:5]))

    def write(self):
        ns = [namespace(n) for n in self.namespaces]
        items = ns + self.nodes + self.pods + self.services + self.slices + self.extra
        kinds = []
        for i in items:
            k = i["kind"].lower() + ("es" if i["kind"].endswith("s") else "s")
            if k == "endpointslices" or k not in kinds:
                if k not in kinds:
                    kinds.append(k)
        comment = "kubectl get " + ",".join(kinds) + " -A -o yaml"
        subnets = [subnet("nodes", "10.10.1.0/24", "nsg-nodes" if self.nodes_nsg is not None else None,
                          route_table=self.plugin == "kubenet"),
                   subnet("clients", "10.10.9.0/24", "nsg-clients" if self.clients_nsg is not None else None)]
        subnets += self.extra_subnets
        az = {"vnet.json": ("az network vnet show -g rg-mini -n vnet-mini",
                            vnet(["10.10.0.0/16"], subnets, self.peerings))}
        nsgs = [nsg(CLUSTER_NSG, self.cluster_rules, rg=NRG, nics=[n["id"] for n in self.nics
                                                                  if n["name"].startswith("aks-")] or None)]
        if self.nodes_nsg is not None:
            nsgs.append(nsg("nsg-nodes", self.nodes_nsg, subnets=[subnet_id("nodes")]))
        if self.clients_nsg is not None:
            nsgs.append(nsg("nsg-clients", self.clients_nsg, subnets=[subnet_id("clients")]))
        nsgs += self.extra_nsgs
        az["nsgs.json"] = ("az network nsg list", nsgs)
        if self.plugin == "kubenet":
            az["routetables.json"] = ("az network route-table list", route_tables(
                [(n["metadata"]["name"], n["spec"]["podCIDR"], n["status"]["addresses"][1]["address"])
                 for n in self.nodes], ["nodes"]))
        if self.nics:
            az["nics.json"] = ("az vmss nic list + az network nic list", self.nics)
        if self.asgs:
            az["asgs.json"] = ("az network asg list", self.asgs)
        az.update(self.extra_azure)
        sc = (self.header + "cluster:\n  networkPlugin: " + self.plugin + "\n  clusterNsg: " + CLUSTER_NSG
              + "\n  kubernetesVersion: \"" + self.k8s_version + "\"\n" + self.scenario_extra)
        for sub in ("k8s", "azure"):
            shutil.rmtree(os.path.join(ROOT, self.name, sub), ignore_errors=True)
        write_scenario(ROOT, self.name, items, comment, az, sc)


def hdr(text):
    return "".join("# " + l + "\n" for l in text.strip().splitlines())


# ======================================================================================= kube-proxy, SNAT

b = B("etp-cluster-snat-kubenet")
b.header = hdr("externalTrafficPolicy Cluster under kubenet: kube-proxy masquerades. The pod sees the cbr0 address\n"
               "(first address of the node's pod CIDR) when the LB picked the endpoint's node, else the forwarding\n"
               "node's IP (DOMAIN.md 4.1, 4.4).")
b.web()
b.write()

b = B("etp-cluster-snat-azure-cni", plugin="azure")
b.header = hdr("externalTrafficPolicy Cluster under Azure CNI (pods in the node subnet): the forwarding node's IP\n"
               "across nodes; for a local endpoint the node's primary IP (UNVERIFIED in DOMAIN.md 4.4, the\n"
               "default of option sameNodeSnatIsNodeIpOnAzureCni).")
b.web(endpoints=((N0, "10.10.1.20", "web-5d8f7c9b6-x2x7q"),))
b.write()

b = B("etp-local-no-snat")
b.header = hdr("externalTrafficPolicy Local: no SNAT, the pod sees the client; the LB probes healthCheckNodePort\n"
               "/healthz, answered 200 only where a Ready endpoint runs (DOMAIN.md 3.2, 4.1, 4.3, 4.4).")
b.web(etp="Local")
b.write()

b = B("etp-local-terminating-allprobedup")
b.header = hdr("externalTrafficPolicy Local, the only endpoint is terminating (serving): every node's health check\n"
               "answers 503 (Ready endpoints only), so every backend is DOWN; with noHealthyBackendsBehavior\n"
               "AllProbedUp the LB sends to all nodes: the node with the serving-terminating endpoint delivers to it\n"
               "(ProxyTerminatingEndpoints), the node with no local endpoint drops (DOMAIN.md 2.1, 4.1, 4.2, 4.3).")
b.web(etp="Local", endpoints=((N0, "10.244.0.10", "web-5d8f7c9b6-x2x7q", {"ready": False, "serving": True,
                                                                         "terminating": True}),))
b.scenario_extra = "loadBalancer:\n  noHealthyBackendsBehavior: AllProbedUp\n"
b.write()

b = B("etp-local-terminating-allprobeddown")
b.header = hdr("Same cluster as etp-local-terminating-allprobedup with the default noHealthyBackendsBehavior\n"
               "AllProbedDown: every backend DOWN, no new flows (DOMAIN.md 2.1).")
b.web(etp="Local", endpoints=((N0, "10.244.0.10", "web-5d8f7c9b6-x2x7q", {"ready": False, "serving": True,
                                                                         "terminating": True}),))
b.write()

b = B("no-endpoints-reject")
b.header = hdr("A LoadBalancer Service whose only pod is not ready: no usable endpoint, kube-proxy REJECTs on the\n"
               "LB IP and the nodePort; the TCP probe on the nodePort fails, every backend is DOWN (DOMAIN.md 4.1).")
b.web(endpoints=((N0, "10.244.0.10", "web-5d8f7c9b6-x2x7q", {"ready": False}),))
b.write()

b = B("terminating-endpoint-fallback")
b.header = hdr("Cluster policy endpoint selection (DOMAIN.md 4.2): Service drain has only a serving-terminating\n"
               "endpoint (used, as no endpoint is Ready) and an unready non-serving one (never used); Service mixed\n"
               "has one Ready and one serving-terminating endpoint (only the Ready one is used).")
b.web(name="drain", lb_ip="10.10.1.101", cluster_ip="10.0.12.35", node_port=30081,
      endpoints=((N0, "10.244.0.11", "drain-7c9d5f8b4-k2p9q", {"ready": False, "serving": True, "terminating": True}),
                 (N1, "10.244.1.11", "drain-7c9d5f8b4-r7m3w", {"ready": False, "serving": False})))
b.web(name="mixed", lb_ip="10.10.1.102", cluster_ip="10.0.12.36", node_port=30082,
      endpoints=((N0, "10.244.0.12", "mixed-6b8c4d7f9-h5n2x", {"ready": False, "serving": True, "terminating": True}),
                 (N1, "10.244.1.12", "mixed-6b8c4d7f9-t8v4z")))
b.write()

b = B("probes-blocked-allprobeddown")
b.header = hdr("The node subnet's NSG denies the LB's probe source (AzureLoadBalancer) but admits clients: every\n"
               "backend is DOWN though traffic would flow; default noHealthyBackendsBehavior AllProbedDown: no new\n"
               "flows (DOMAIN.md 2.1, 1.3).")
b.nodes_nsg = [rule("DenyAzureLoadBalancer", 100, access="Deny", src="AzureLoadBalancer")]
b.web()
b.write()

b = B("probes-blocked-allprobedup")
b.header = hdr("As probes-blocked-allprobeddown, with noHealthyBackendsBehavior AllProbedUp: with every backend\n"
               "probed down, packets go to all of them (DOMAIN.md 2.1).")
b.nodes_nsg = [rule("DenyAzureLoadBalancer", 100, access="Deny", src="AzureLoadBalancer")]
b.web()
b.scenario_extra = "loadBalancer:\n  noHealthyBackendsBehavior: AllProbedUp\n"
b.write()

# ======================================================================================= firewall chain, managed rules

b = B("lb-source-ranges-firewall")
b.header = hdr("loadBalancerSourceRanges and kube-proxy's firewall chain (DOMAIN.md 4.1, 3.3): on the LB IP only\n"
               "sources in the ranges pass (others are dropped by KUBE-PROXY-FIREWALL, the NSG's AllowVnetInBound\n"
               "admits them), the nodePort path is not filtered; a range containing the node IP also accepts the LB\n"
               "IP as source. Service web: ranges 10.10.9.0/28; Service web-nodes: ranges 10.10.1.4/32 (node ...0000 only).")
b.web(source_ranges=["10.10.9.0/28"])
b.web(name="web-nodes", lb_ip="10.10.1.101", cluster_ip="10.0.12.35", node_port=30081, source_ranges=["10.10.1.4/32"],
      endpoints=((N0, "10.244.0.11", "web-nodes-8f6d5c7b9-q4w8e"),))
b.write()

b = B("managed-nsg-deny-all")
b.cluster_rules = [rule("AllowMonitoring", 4095, protocol="Tcp", src="192.0.2.0/24", dst_ports="9100")]
b.header = hdr("azure-deny-all-except-load-balancer-source-ranges: cloud-provider-azure adds k8s-azure-lb_deny-all\n"
               "(priority 4095 down, destination the frontend IP) to the cluster NSG, so VNet sources outside the\n"
               "ranges are denied by the NSG before kube-proxy's firewall (DOMAIN.md 3.3).")
b.web(source_ranges=["10.10.9.0/28"],
      annotations={"service.beta.kubernetes.io/azure-deny-all-except-load-balancer-source-ranges": "true"})
b.write()

b = B("managed-nsg-public-internet")
b.header = hdr("Public LB, no ranges: cloud-provider-azure allows the Internet tag to the frontend IP and Service\n"
               "port (floating IP) at priority 500 on the cluster NSG (DOMAIN.md 3.3, 1.6). VNet sources do not\n"
               "match Internet and the frontend is not in VirtualNetwork: DenyAllInBound.")
b.web(internal=False, lb_ip="20.90.1.10")
b.write()

b = B("managed-nsg-public-source-ranges")
b.header = hdr("Public LB with loadBalancerSourceRanges 203.0.113.0/24: the managed allow rule's source is the\n"
               "ranges, no Internet rule (DOMAIN.md 3.3); kube-proxy's firewall chain filters again (4.1).")
b.web(internal=False, lb_ip="20.90.1.10", source_ranges=["203.0.113.0/24"])
b.write()

b = B("floating-ip-disabled")
b.header = hdr("azure-disable-load-balancer-floating-ip: the LB rule's backend port is the nodePort and the NSG sees\n"
               "the node IP and nodePort; the managed rule's destinations are the node IPs and the nodePort\n"
               "(DOMAIN.md 1.6, 3.1, 3.3); kube-proxy takes the nodePort path (4.1), so for web-ranges (internal,\n"
               "loadBalancerSourceRanges 10.10.9.0/28) the firewall chain does not apply: only the NSG filters, and\n"
               "AllowVnetInBound admits every VNet source to the node IPs.")
b.web(internal=False, lb_ip="20.90.1.10",
      annotations={"service.beta.kubernetes.io/azure-disable-load-balancer-floating-ip": "true"})
b.web(name="web-ranges", lb_ip="10.10.1.101", cluster_ip="10.0.12.35", node_port=30081, source_ranges=["10.10.9.0/28"],
      annotations={"service.beta.kubernetes.io/azure-disable-load-balancer-floating-ip": "true"},
      endpoints=((N0, "10.244.0.11", "web-ranges-7a9c1e3f5-p8q2r"),))
b.write()

b = B("internal-lb-vnet-peered")
b.header = hdr("Internal LB without source ranges: no managed allow rule, the default AllowVnetInBound admits the\n"
               "whole VirtualNetwork tag, including the peered hub 172.16.0.0/16 (DOMAIN.md 3.3, 1.3); outside\n"
               "sources meet DenyAllInBound.")
b.peerings = [peering("peer-to-hub", "/subscriptions/%s/resourceGroups/rg-hub/providers/Microsoft.Network/"
                                     "virtualNetworks/vnet-hub" % SUB, ["172.16.0.0/16"])]
b.web()
b.write()

# ======================================================================================= backend pool, probes

b = B("backend-pool-exclusion", nodes=(N0, N1, N2, N3, N4))
b.header = hdr("Backend pool membership (DOMAIN.md 3.4): node ...0001 has the exclude-from-external-load-balancers\n"
               "label with value \"false\" (cloud-provider-azure excludes on presence, any value); node ...0002 has the\n"
               "ToBeDeletedByClusterAutoscaler taint; node ...0004 is unmanaged (kubernetes.azure.com/managed=false);\n"
               "node ...0003 is NotReady, which does not remove it. Backends: ...0000 and ...0003.")
b.node_named(N3)["status"]["conditions"][0].update(status="Unknown", reason="NodeStatusUnknown",
                                                   message="Kubelet stopped posting node status.")
b.node_named(N4)["metadata"]["labels"]["kubernetes.azure.com/managed"] = "false"
b.node_named(N1)["metadata"]["labels"]["node.kubernetes.io/exclude-from-external-load-balancers"] = "false"
b.node_named(N2)["spec"]["taints"] = [{"effect": "NoSchedule", "key": "ToBeDeletedByClusterAutoscaler",
                                       "value": "1754042400"}]
b.web()
b.write()


def ingress_cluster(b, etp="Local", svc_annotations=None, cm_data=None, ing_annotations=None, ing_rules=None,
                    app_protocol="http", extra_ingresses=()):
    """ingress-nginx on node ...0000 (10.244.0.20) behind internal LB 10.10.1.200, backend app on node ...0001."""
    b.namespaces.append("ingress-nginx")
    ann = dict(INTERNAL)
    ann.update(svc_annotations or {})
    ports = [svc_port(80, "http", 30180, name="http", app_protocol=app_protocol)]
    b.services.append(service("ingress-nginx", "ingress-nginx-controller", ports, NGINX_LABELS, "LoadBalancer",
                              "10.0.50.10", ann, "10.10.1.200", etp, 32180 if etp == "Local" else None,
                              labels=dict(NGINX_LABELS, **{"app.kubernetes.io/part-of": "ingress-nginx"})))
    npod = "ingress-nginx-controller-6d4f9b7c5-fz8kd"
    b.pods.append(nginx_pod(npod, N0, IP[N0], "10.244.0.20"))
    b.slices.append(endpointslice("ingress-nginx", "ingress-nginx-controller",
                                  [eps_port(80, "http", app_protocol)],
                                  [endpoint("10.244.0.20", N0, "ingress-nginx", npod)], suffix="m4k8z"))
    b.services.append(service("default", "app", [svc_port(8080, 8080, name="http")], {"app": "app"},
                              cluster_ip="10.0.60.10"))
    apod = "app-7f9c6d5b8-p3l6n"
    b.pods.append(pod("default", apod, N1, IP[N1], "10.244.1.10", {"app": "app", "pod-template-hash": "7f9c6d5b8"},
                      [{"containerPort": 8080, "name": "http"}]))
    b.slices.append(endpointslice("default", "app", [eps_port(8080, "http")],
                                  [endpoint("10.244.1.10", N1, "default", apod)], suffix="b9d2s"))
    b.extra.append(configmap("ingress-nginx", "ingress-nginx-controller", cm_data or {}))
    b.extra.append(ingress_class())
    b.extra.append(ingress("default", "app", ing_rules or [ingress_rule("app.example.com", [("/", "Prefix", "app",
                                                                                              8080)])],
                           ing_annotations, "10.10.1.200"))
    for (name, rules, anns) in extra_ingresses:
        b.extra.append(ingress("default", name, rules, anns, "10.10.1.200"))


b = B("probe-approtocol-http-k8s124")
b.header = hdr("ingress-nginx Service (Cluster) with appProtocol http, Kubernetes >= 1.24, no request-path\n"
               "annotation: cloud-provider-azure writes an Http probe on the nodePort at / ; NGINX's default server\n"
               "answers 404, every backend is DOWN (DOMAIN.md 3.2).")
ingress_cluster(b, etp="Cluster")
b.write()

b = B("probe-approtocol-http-healthz")
b.header = hdr("As probe-approtocol-http-k8s124 with azure-load-balancer-health-probe-request-path: /healthz: the\n"
               "probe reaches NGINX's /healthz (200), every backend is UP (DOMAIN.md 3.2).")
ingress_cluster(b, etp="Cluster",
                svc_annotations={"service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path": "/healthz"})
b.write()

b = B("probe-approtocol-http-k8s123", k8s_version="1.23")
b.header = hdr("As probe-approtocol-http-k8s124 on Kubernetes 1.23: appProtocol does not select the probe protocol,\n"
               "the probe is Tcp on the nodePort, every backend is UP (DOMAIN.md 3.2 version note).")
for n in b.nodes:
    n["status"]["nodeInfo"]["kubeletVersion"] = "v1.23.12"
    n["status"]["nodeInfo"]["kubeProxyVersion"] = "v1.23.12"
ingress_cluster(b, etp="Cluster")
b.write()

b = B("probe-shared-mode")
b.header = hdr("clusterServiceLoadBalancerHealthProbeMode shared (DOMAIN.md 3.2): ETP=Cluster Services share one\n"
               "Http probe on the AKS health-probe-proxy port 10356 /healthz (kube-proxy's health), so the appProtocol\n"
               "http probe on / that would fail is not used; ETP=Local Service web-local keeps its healthCheckNodePort\n"
               "probe.")
ingress_cluster(b, etp="Cluster")
b.web(name="web-local", etp="Local", lb_ip="10.10.1.101", cluster_ip="10.0.12.35", node_port=30081, hcnp=32081,
      endpoints=((N0, "10.244.0.11", "web-local-5b7d9c8f6-z6c2v"),))
b.scenario_extra = "  probeMode: shared\n"
b.write()

# ======================================================================================= NetworkPolicy

POLICY_ENGINE = "  networkPolicy: azure\n"

b = B("netpol-ingress-isolation")
b.header = hdr("A NetworkPolicy selects the web pods and admits only app=frontend pods (DOMAIN.md 6): the client's\n"
               "flow (ETP Local, client address preserved) is dropped at the pod; the health check node port is\n"
               "served by kube-proxy on the host, not governed by NetworkPolicy, so the node stays UP.")
b.web(etp="Local")
b.extra.append(network_policy("default", "web-from-frontend", {"matchLabels": {"app": "web"}},
                              ingress=[{"from": [{"podSelector": {"matchLabels": {"app": "frontend"}}}],
                                        "ports": [{"port": 8080, "protocol": "TCP"}]}]))
b.scenario_extra = POLICY_ENGINE
b.write()

b = B("netpol-engine-none")
b.header = hdr("The same NetworkPolicy as netpol-ingress-isolation, but the cluster has no policy engine\n"
               "(networkPolicy none): policies are loaded, not enforced (CONTRACTS.md 1).")
b.web(etp="Local")
b.extra.append(network_policy("default", "web-from-frontend", {"matchLabels": {"app": "web"}},
                              ingress=[{"from": [{"podSelector": {"matchLabels": {"app": "frontend"}}}],
                                        "ports": [{"port": 8080, "protocol": "TCP"}]}]))
b.scenario_extra = "  networkPolicy: none\n"
b.write()

b = B("netpol-ipblock-except")
b.header = hdr("ipBlock with except (DOMAIN.md 6): the policy admits 10.10.9.0/24 except 10.10.9.128/25 on port 8080;\n"
               "ETP Local keeps the client address.")
b.web(etp="Local")
b.extra.append(network_policy("default", "web-from-clients", {"matchLabels": {"app": "web"}},
                              ingress=[{"from": [{"ipBlock": {"cidr": "10.10.9.0/24", "except": ["10.10.9.128/25"]}}],
                                        "ports": [{"port": 8080, "protocol": "TCP"}]}]))
b.scenario_extra = POLICY_ENGINE
b.write()

b = B("netpol-named-port")
b.header = hdr("A named port in a NetworkPolicy resolves on the destination pod (DOMAIN.md 6): the policy admits\n"
               "everyone on port \"http\" (8080) only; the Service's second port 9090 (container port \"metrics\") is\n"
               "dropped at the pod.")
b.web(etp="Local", ports=[svc_port(80, 8080, 30080, name="http"), svc_port(9090, 9090, 30090, name="metrics")],
      slice_ports=[eps_port(8080, "http"), eps_port(9090, "metrics")],
      pod_ports=[{"containerPort": 8080, "name": "http"}, {"containerPort": 9090, "name": "metrics"}])
b.extra.append(network_policy("default", "web-http-only", {"matchLabels": {"app": "web"}},
                              ingress=[{"ports": [{"port": "http", "protocol": "TCP"}]}]))
b.scenario_extra = POLICY_ENGINE
b.write()

# ======================================================================================= ingress-nginx

ALLOW = "nginx.ingress.kubernetes.io/allowlist-source-range"
WHITE = "nginx.ingress.kubernetes.io/whitelist-source-range"
DENY = "nginx.ingress.kubernetes.io/denylist-source-range"

b = B("nginx-deny-beats-allow")
b.header = hdr("ingress-nginx renders the deny list before the allow list (DOMAIN.md 5.1): a client in both is\n"
               "refused 403; ETP Local, so NGINX checks the client address (5.2).")
ingress_cluster(b, ing_annotations={ALLOW: "10.10.9.0/24", DENY: "10.10.9.4/32"})
b.write()

b = B("nginx-annotation-replaces-global")
b.header = hdr("The ConfigMap's whitelist-source-range is the default for every location; an Ingress annotation\n"
               "replaces it, it does not add to it (DOMAIN.md 5.1). Ingress app (annotated 10.10.9.0/24), Ingress\n"
               "other (no annotation: global 10.10.8.0/24).")
ingress_cluster(b, cm_data={"whitelist-source-range": "10.10.8.0/24"}, ing_annotations={ALLOW: "10.10.9.0/24"},
                extra_ingresses=[("other", [ingress_rule("other.example.com", [("/", "Prefix", "app", 8080)])], None)])
b.write()

b = B("nginx-canonical-beats-alias")
b.header = hdr("Both allowlist-source-range (canonical, controller >= 1.9) and its alias whitelist-source-range are\n"
               "set: the canonical one wins, the alias is ignored (DOMAIN.md 5.1).")
ingress_cluster(b, ing_annotations={ALLOW: "10.10.9.0/24", WHITE: "10.10.8.0/24"})
b.write()

b = B("nginx-invalid-allowlist")
b.header = hdr("An allow-list annotation with no parsable address: the location returns 503 for everyone\n"
               "(DOMAIN.md 5.1).")
ingress_cluster(b, ing_annotations={ALLOW: "not-an-ip"})
b.write()

b = B("nginx-host-path-routing")
b.header = hdr("Host and path routing at NGINX: Ingress app serves app.example.com with /api (Prefix); any other\n"
               "host or path gets the default backend's 404 (DOMAIN.md 5.2, issue 4).")
ingress_cluster(b, ing_rules=[ingress_rule("app.example.com", [("/api", "Prefix", "app", 8080)])])
b.write()

b = B("nginx-proxy-protocol-plain-lb")
b.header = hdr("use-proxy-protocol: \"true\" behind a plain Azure LB, which never sends a PROXY header: NGINX rejects\n"
               "every connection (broken header); the HTTP request fails on every path (DOMAIN.md 5.2).")
ingress_cluster(b, cm_data={"use-proxy-protocol": "true"})
b.write()

# ======================================================================================= NSG semantics

b = B("nsg-subnet-then-nic-inbound")
b.header = hdr("Inbound, the subnet NSG is evaluated first, then the NIC NSG; each must allow (DOMAIN.md 1.2).\n"
               "nsg-nodes (subnet) admits 10.10.9.0/24 on TCP 80 and the probes, denies the rest at 4000; the cluster\n"
               "NSG on the NICs denies 10.10.9.5 at 100. ETP Local, endpoint on ...0000.")
b.nodes_nsg = [rule("AllowClientsHttp", 100, protocol="Tcp", src="10.10.9.0/24", dst_ports="80"),
               rule("AllowAzureLoadBalancer", 200, src="AzureLoadBalancer"),
               rule("DenyAllCustom", 4000, access="Deny")]
b.cluster_rules = [rule("DenyClientFive", 100, access="Deny", protocol="Tcp", src="10.10.9.5", dst_ports="80")]
b.web(etp="Local")
b.write()

b = B("nsg-client-outbound")
b.header = hdr("The client's own outbound NSGs: NIC first, then subnet (DOMAIN.md 1.2). vm-a (10.10.9.4) has NIC\n"
               "NSG nsg-vm-a denying TCP 80 to the frontend; vm-b (10.10.9.5) has a NIC NSG with defaults only;\n"
               "nsg-clients (subnet clients) denies TCP 80 from 10.10.9.0/29 to the frontend. 10.10.9.20 has no\n"
               "dumped NIC: only the subnet NSG applies.")
b.clients_nsg = [rule("DenyVmsToWeb", 100, direction="Outbound", access="Deny", protocol="Tcp", src="10.10.9.0/29",
                      dst="10.10.1.100", dst_ports="80")]
vm_a = f"/subscriptions/{SUB}/resourceGroups/{RG}/providers/Microsoft.Network/networkInterfaces/vm-a-nic"
vm_b = f"/subscriptions/{SUB}/resourceGroups/{RG}/providers/Microsoft.Network/networkInterfaces/vm-b-nic"
b.nics = [nic(vm_a, "vm-a-nic", "10.10.9.4", "clients", "nsg-vm-a", RG, rg=RG, ip_forwarding=False),
          nic(vm_b, "vm-b-nic", "10.10.9.5", "clients", "nsg-vm-b", RG, rg=RG, ip_forwarding=False)]
b.extra_nsgs = [nsg("nsg-vm-a", [rule("DenyWebOut", 100, direction="Outbound", access="Deny", protocol="Tcp",
                                      dst="10.10.1.100", dst_ports="80")], nics=[vm_a]),
                nsg("nsg-vm-b", [], nics=[vm_b])]
b.web(etp="Local")
b.write()

b = B("nsg-asg-destination")
b.header = hdr("An ASG as destination applies only to NICs that are members (DOMAIN.md 1.4): nsg-nodes admits\n"
               "10.10.9.0/24 to asg-web on TCP 30080 (the nodePort); only node ...0000's NIC is in asg-web.")
b.nodes_nsg = [rule("AllowClientsToWebAsg", 100, protocol="Tcp", src="10.10.9.0/24", dst_asgs=[asg_id("asg-web")],
                    dst_ports="30080"),
               rule("AllowAzureLoadBalancer", 200, src="AzureLoadBalancer"),
               rule("DenyAllCustom", 4000, access="Deny")]
b.asgs = [asg("asg-web")]
b.nics = [nic(vmss_nic_id(N0), N0[:-6], IP[N0], "nodes", CLUSTER_NSG, asgs=[asg_id("asg-web")]),
          nic(vmss_nic_id(N1), N1[:-6], IP[N1], "nodes", CLUSTER_NSG)]
b.web()
b.write()

b = B("nsg-service-tag")
b.header = hdr("A service tag from a Service Tags download as source (DOMAIN.md 1.3, 8.4): nsg-nodes admits\n"
               "AzureFrontDoor.Backend on TCP 80 and denies the rest; the public LB's managed rule admits Internet.")
b.nodes_nsg = [rule("AllowFrontDoor", 100, protocol="Tcp", src="AzureFrontDoor.Backend", dst_ports="80"),
               rule("AllowAzureLoadBalancer", 200, src="AzureLoadBalancer"),
               rule("DenyAllCustom", 4000, access="Deny")]
b.extra_azure["ServiceTags_Public_20260803.json"] = ("download", {
    "changeNumber": 342, "cloud": "Public",
    "values": [{"id": "AzureFrontDoor.Backend", "name": "AzureFrontDoor.Backend",
                "properties": {"addressPrefixes": ["147.243.0.0/16", "2a01:111:2050::/44"], "changeNumber": 12,
                               "networkFeatures": ["API", "NSG", "UDR", "FW"], "platform": "Azure", "region": "",
                               "regionId": 0, "systemService": "AzureFrontDoor"}},
               {"id": "AzureFrontDoor.Frontend", "name": "AzureFrontDoor.Frontend",
                "properties": {"addressPrefixes": ["13.107.246.0/24"], "changeNumber": 9,
                               "networkFeatures": ["API", "NSG", "UDR", "FW"], "platform": "Azure", "region": "",
                               "regionId": 0, "systemService": "AzureFrontDoor"}}]})
b.web(internal=False, lb_ip="20.90.1.10", etp="Local")
b.write()

b = B("nsg-default-rules")
b.header = hdr("Only the default rules (DOMAIN.md 1.2): AllowVnetInBound (65000) admits VNet sources to the internal\n"
               "frontend, DenyAllInBound (65500) refuses the rest; AllowAzureLoadBalancerInBound (65001) admits the\n"
               "probes; the client subnet's NSG has only defaults: AllowVnetOutBound.")
b.clients_nsg = []
b.web(etp="Local")
b.write()

b = B("nsg-intra-subnet")
b.header = hdr("The subnet NSG also filters traffic inside its subnet (DOMAIN.md 1.2): nsg-nodes admits 10.10.9.0/24 on\n"
               "TCP 80 and the probes only, so (a) a client in the nodes subnet is denied, and (b) kube-proxy's\n"
               "node-to-node forwarding (ETP Cluster, SNAT to the node IP) is denied: node ...0001's probe fails and\n"
               "it is DOWN (the article's step 3 in small).")
b.nodes_nsg = [rule("AllowClientsHttp", 100, protocol="Tcp", src="10.10.9.0/24", dst_ports="80"),
               rule("AllowAzureLoadBalancer", 200, src="AzureLoadBalancer"),
               rule("DenyAllCustom", 4000, access="Deny")]
b.web()
b.write()

b = B("no-route")
b.header = hdr("Destinations nothing serves (issue 5: NO_ROUTE): a port or protocol without an LB rule on the frontend,\n"
               "an address outside every modelled network.")
b.web()
b.write()

# ======================================================================================= added after the first pass

b = B("in-cluster-client-short-circuit")
b.header = hdr("Clients inside the cluster (a pod, a node) sending to the LB IP are short-circuited by kube-proxy on\n"
               "their own node and never reach the Azure LB or its health-based rotation (DOMAIN.md 4.1 API text,\n"
               "4.4): here every backend is probed DOWN (the subnet NSG denies AzureLoadBalancer) so external clients\n"
               "get nothing, while the client pod on ...0001 is served with Cluster semantics (masqueraded to its\n"
               "node's IP). Service web-ranges has loadBalancerSourceRanges without the pod CIDR, so kube-proxy's\n"
               "firewall chain drops the pod (AKS-DOC in DOMAIN.md 3.3: add the pod CIDR to the ranges). Service\n"
               "web-local (ETP Local, endpoint on ...0000 only): from a pod the cluster chain without masquerade, from\n"
               "a node the cluster chain with masquerade (DOMAIN.md 4.1 KUBE-EXT for Local).")
b.nodes_nsg = [rule("DenyAzureLoadBalancer", 100, access="Deny", src="AzureLoadBalancer")]
b.web()
b.web(name="web-ranges", lb_ip="10.10.1.101", cluster_ip="10.0.12.35", node_port=30081, source_ranges=["10.10.9.0/24"],
      endpoints=((N0, "10.244.0.11", "web-ranges-6c8d7f5b9-w3e5r"),))
b.web(name="web-local", etp="Local", lb_ip="10.10.1.102", cluster_ip="10.0.12.36", node_port=30082, hcnp=32082,
      endpoints=((N0, "10.244.0.12", "web-local-3e5f7a9c1-b2n4m"),))
b.pods.append(pod("default", "client-7b5d9f6c8-j4k6m", N1, IP[N1], "10.244.1.50",
                  {"app": "client", "pod-template-hash": "7b5d9f6c8"}, [], image="curlimages/curl:8.8.0"))
b.write()

b = B("kubenet-pod-ip-routing")
b.header = hdr("Under kubenet, pod IPs are routed only by the route table on the node subnet (one route per node\n"
               "pod CIDR, next hop the node): a VM in that subnet reaches a pod directly, a VM in another subnet (no\n"
               "route table) or an outside client does not (DOMAIN.md 4.5).")
b.web()
b.write()

b = B("public-lb-secure-by-default")
b.header = hdr("Standard SKU public frontend with no NSG on the node subnet nor on the NICs: Standard load balancers\n"
               "and public IPs are closed to inbound connections unless an NSG opens them (DOMAIN.md 2.6, CONFLICT\n"
               "with 1.2's no-NSG-allows; the model denies for Standard public frontends).")
b.web(internal=False, lb_ip="20.90.1.10")
b.write()
# no cluster NSG at all: drop it from the dump
import json as _json
p = os.path.join(ROOT, "public-lb-secure-by-default")
nsgs = _json.load(open(os.path.join(p, "azure", "nsgs.json")))
_json.dump([], open(os.path.join(p, "azure", "nsgs.json"), "w"))
os.remove(os.path.join(p, "azure", "nsgs.json"))
sc = open(os.path.join(p, "scenario.yaml")).read().replace("  clusterNsg: " + CLUSTER_NSG + "\n", "")
open(os.path.join(p, "scenario.yaml"), "w").write(sc)

b = B("managed-nsg-annotations")
b.header = hdr("cloud-provider-azure's NSG-only annotations (DOMAIN.md 3.3): azure-allowed-ip-ranges and\n"
               "azure-allowed-service-tags become the managed allow rule's sources (no Internet rule), and kube-proxy\n"
               "does not filter them (AKS-DOC: they skip host-level kube-proxy rules). Service web-ranges: public\n"
               "20.90.1.10, allowed ranges 203.0.113.0/24; web-tags: public 20.90.1.11, allowed tag\n"
               "AzureFrontDoor.Backend; web-internal: internal 10.10.1.100, allowed ranges 10.10.9.0/28; web-invalid:\n"
               "public 20.90.1.12, one invalid range among the allowed ones forces the deny-all rule.")
b.web(name="web-ranges", internal=False, lb_ip="20.90.1.10", cluster_ip="10.0.12.34", node_port=30080,
      annotations={"service.beta.kubernetes.io/azure-allowed-ip-ranges": "203.0.113.0/24"})
b.web(name="web-tags", internal=False, lb_ip="20.90.1.11", cluster_ip="10.0.12.35", node_port=30081,
      annotations={"service.beta.kubernetes.io/azure-allowed-service-tags": "AzureFrontDoor.Backend"},
      endpoints=((N0, "10.244.0.11", "web-tags-9d7c5b8f6-s5d7f"),))
b.web(name="web-internal", lb_ip="10.10.1.100", cluster_ip="10.0.12.36", node_port=30082,
      annotations={"service.beta.kubernetes.io/azure-allowed-ip-ranges": "10.10.9.0/28"},
      endpoints=((N0, "10.244.0.12", "web-internal-4f6b8d9c7-g6h8j"),))
b.web(name="web-invalid", internal=False, lb_ip="20.90.1.12", cluster_ip="10.0.12.37", node_port=30083,
      annotations={"service.beta.kubernetes.io/azure-allowed-ip-ranges": "203.0.113.0/24,203.0.113.300/32"},
      endpoints=((N0, "10.244.0.13", "web-invalid-2a4c6e8f0-k9l1m"),))
b.extra_azure["ServiceTags_Public_20260803.json"] = ("download", {
    "changeNumber": 342, "cloud": "Public",
    "values": [{"id": "AzureFrontDoor.Backend", "name": "AzureFrontDoor.Backend",
                "properties": {"addressPrefixes": ["147.243.0.0/16", "2a01:111:2050::/44"], "changeNumber": 12,
                               "networkFeatures": ["API", "NSG", "UDR", "FW"], "platform": "Azure", "region": "",
                               "regionId": 0, "systemService": "AzureFrontDoor"}}]})
b.write()

b = B("probe-flapping")
b.header = hdr("A probe forwarded by kube-proxy (ETP Cluster) is spread over the endpoints like any flow: each node\n"
               "has one local endpoint (reached over cbr0) and one remote one, and nsg-nodes denies node-to-pod traffic\n"
               "from node IPs inside the subnet; half of each node's probes fail: FLAPPING (issue 5; DOMAIN.md 4.1,\n"
               "4.4, 1.2). A FLAPPING backend stays in rotation by default (option flappingCarriesTraffic).")
b.nodes_nsg = [rule("AllowClientsHttp", 100, protocol="Tcp", src="10.10.9.0/24", dst_ports="80"),
               rule("AllowAzureLoadBalancer", 200, src="AzureLoadBalancer"),
               rule("AllowPodTraffic", 300, src="10.244.0.0/16"),
               rule("DenyAllCustom", 4000, access="Deny")]
b.web(endpoints=((N0, "10.244.0.10", "web-5d8f7c9b6-x2x7q"), (N1, "10.244.1.10", "web-5d8f7c9b6-c4v6b")))
b.write()

for mode in ("pre-snat", "post-snat"):
    b = B("netpol-snat-source-" + mode)
    b.header = hdr("Which source a NetworkPolicy sees for kube-proxy's masqueraded traffic is undefined (DOMAIN.md 6,\n"
                   "UNVERIFIED): option networkPolicySeesSource, here " + mode + ". The policy admits only the node subnet\n"
                   "10.10.1.0/24 (ipBlock). ETP Cluster: through ...0001 the pod receives ...0001's IP on the wire (admitted\n"
                   "either way); through ...0000 (the endpoint's node) the packet is masqueraded to cbr0 after the filter:\n"
                   + ("pre-snat: the policy sees the client (or the probe source 168.63.129.16) and drops it."
                      if mode == "pre-snat" else
                      "post-snat: the policy sees cbr0, the pod's own node, always allowed."))
    b.web()
    b.extra.append(network_policy("default", "web-from-nodes", {"matchLabels": {"app": "web"}},
                                  ingress=[{"from": [{"ipBlock": {"cidr": "10.10.1.0/24"}}]}]))
    b.scenario_extra = POLICY_ENGINE + "assumptions:\n  networkPolicySeesSource: " + mode + "\n"
    b.write()

b = B("nsg-floating-ip-destination")
b.header = hdr("With floating IP (the default) the NSG sees the frontend IP as destination: a subnet rule written for\n"
               "the node subnet (destination 10.10.1.0/24) does not match public LB traffic (DOMAIN.md 1.6, Azure/AKS#674);\n"
               "AllowInternetToFrontend (destination the frontend IP) on port 8080's Service does.")
b.nodes_nsg = [rule("AllowInternetToNodeSubnet", 100, protocol="Tcp", src="Internet", dst="10.10.1.0/24",
                    dst_ports="80"),
               rule("AllowInternetToFrontend", 110, protocol="Tcp", src="Internet", dst="20.90.1.11", dst_ports="80"),
               rule("AllowAzureLoadBalancer", 200, src="AzureLoadBalancer"),
               rule("DenyAllCustom", 4000, access="Deny")]
b.web(internal=False, lb_ip="20.90.1.10", etp="Local")
b.web(name="web2", internal=False, lb_ip="20.90.1.11", etp="Local", cluster_ip="10.0.12.35", node_port=30081,
      hcnp=32081, endpoints=((N0, "10.244.0.11", "web2-8b6c4d9f7-l7z9x"),))
b.write()

b = B("probe-port-annotations")
b.header = hdr("Per-port Azure annotations (DOMAIN.md 3.1, 3.2): on ingress-nginx-controller, port_80_health-probe_request-path\n"
               "/healthz beats the Service-wide request-path / (probe UP), and port_443_no_lb_rule leaves 443 without an LB\n"
               "rule (NO_ROUTE). Service web (no ready endpoint) has port_80_no_probe_rule: a rule without probe, every\n"
               "backend eligible (UNVERIFIED in 2.1), so flows reach kube-proxy, which rejects them.")
ingress_cluster(b, etp="Cluster", svc_annotations={
    "service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path": "/",
    "service.beta.kubernetes.io/port_80_health-probe_request-path": "/healthz",
    "service.beta.kubernetes.io/port_443_no_lb_rule": "true"})
svc = next(s for s in b.services if s["metadata"]["name"] == "ingress-nginx-controller")
svc["spec"]["ports"].append(svc_port(443, "https", 30443, name="https", app_protocol="https"))
b.slices[0]["ports"].append(eps_port(443, "https", "https"))
b.web(annotations={"service.beta.kubernetes.io/port_80_no_probe_rule": "true"},
      endpoints=((N0, "10.244.0.10", "web-5d8f7c9b6-x2x7q", {"ready": False}),))
b.write()

b = B("nsg-rule-fields")
b.header = hdr("NSG rule fields (DOMAIN.md 1.1): augmented rules (sourceAddressPrefixes, destinationPortRanges with a\n"
               "range), protocol \"TCP\" in another casing, and an inbound and an outbound rule sharing priority 100\n"
               "(uniqueness is per direction). nsg-nodes admits 10.10.9.0/28 and 10.10.9.64/28 on 80 and 8000-8100,\n"
               "denies the rest.")
b.nodes_nsg = [rule("AllowTwoRanges", 100, protocol="TCP", srcs=["10.10.9.0/28", "10.10.9.64/28"],
                    dst_port_list=["80", "8000-8100"]),
               rule("AllowAzureLoadBalancer", 110, src="AzureLoadBalancer"),
               rule("DenyAllCustom", 4000, access="Deny"),
               rule("AllowOutSamePriority", 100, direction="Outbound", protocol="Tcp", dst_ports="443")]
b.web(etp="Local")
b.write()

b = B("nsg-duplicate-priority")
b.header = hdr("Two inbound rules of one NSG with the same priority: Azure refuses it (DOMAIN.md 1.1), the loader\n"
               "reports it with the file and JSON path and the CLI exits 2 (CONTRACTS.md 2).")
b.nodes_nsg = [rule("AllowClients", 100, protocol="Tcp", src="10.10.9.0/24", dst_ports="80"),
               rule("AllowOthers", 100, protocol="Tcp", src="10.10.8.0/24", dst_ports="80")]
b.web(etp="Local")
b.write()

b = B("netpol-nginx-egress")
b.header = hdr("Egress isolation of the ingress-nginx pod (DOMAIN.md 6: a connection needs the source pod's egress\n"
               "and the destination's ingress): a policy lets the controller talk only to DNS, so NGINX cannot reach\n"
               "its upstream; ETP Local.")
ingress_cluster(b)
b.extra.append(network_policy("ingress-nginx", "controller-egress-dns-only",
                              {"matchLabels": {"app.kubernetes.io/name": "ingress-nginx"}},
                              egress=[{"ports": [{"port": 53, "protocol": "UDP"}, {"port": 53, "protocol": "TCP"}]}],
                              policy_types=["Egress"]))
b.scenario_extra = POLICY_ENGINE
b.write()

# ======================================================================================= dumped load balancers (issue 10)

WEB_PREFIX = ("a" + uid("svc", "default", "web").replace("-", ""))[:32]   # cloud-provider-azure's rule prefix
HA_PORTS = {"service.beta.kubernetes.io/azure-load-balancer-enable-high-availability-ports": "true"}


def pool_nics(b, nsg_name=CLUSTER_NSG, lb="kubernetes-internal"):
    """The node NICs (az vmss nic list), members of the load balancer's backend pool `kubernetes`."""
    b.nics = []
    for n in (N0, N1):
        x = nic(vmss_nic_id(n), n[:-6], IP[n], "nodes", nsg_name)
        x["ipConfigurations"][0]["loadBalancerBackendAddressPools"] = [
            {"id": lb_id(lb, "backendAddressPools", "kubernetes"), "resourceGroup": NRG}]
        b.nics.append(x)


def web_tcp_udp(b, annotations):
    """Service web with TCP 80 -> 8080 and UDP 53 -> 5353 (pod web on ...0000 listens on both)."""
    b.web(annotations=annotations,
          ports=[svc_port(80, 8080, 30080, name="http"), svc_port(53, 5353, 30053, name="dns", protocol="UDP")],
          pod_ports=[{"containerPort": 8080, "name": "http"}, {"containerPort": 5353, "name": "dns", "protocol": "UDP"}],
          slice_ports=[eps_port(8080, "http"), dict(eps_port(5353, "dns"), protocol="UDP")])


def ha_ports_lb(no_healthy_backends=None):
    rule_name = WEB_PREFIX + "-TCP-80"
    return load_balancer("kubernetes-internal", [(WEB_PREFIX, "10.10.1.100")],
                         [lb_rule("kubernetes-internal", rule_name, WEB_PREFIX, "All", 0, 0, probe=rule_name)],
                         [lb_probe("kubernetes-internal", rule_name, "Tcp", 30080, rules=[rule_name],
                                   no_healthy_backends=no_healthy_backends)], [N0, N1])


b = B("lb-ha-ports-dumped")
b.header = hdr("az network lb show output of the internal LB: one HA-ports rule (protocol All, frontend and backend\n"
               "port 0, floating IP), as cloud-provider-azure writes it for an internal Standard LB with\n"
               "azure-load-balancer-enable-high-availability-ports (DOMAIN.md 3.1, 2.3): it forwards every TCP and UDP\n"
               "port of 10.10.1.100. Service web: TCP 80 -> 8080 and UDP 53 -> 5353.")
web_tcp_udp(b, HA_PORTS)
pool_nics(b)
b.extra_azure["lb.json"] = ("az network lb show -g " + NRG + " -n kubernetes-internal", ha_ports_lb())
b.write()

b = B("lb-ha-ports-derived")
b.header = hdr("The same Service without a load-balancer dump: cloud-provider-azure's derivation gives the same\n"
               "HA-ports rule (internal, Standard SKU, azure-load-balancer-enable-high-availability-ports: one rule,\n"
               "protocol All, ports 0, named after the first port, probed like it; DOMAIN.md 3.1).")
web_tcp_udp(b, HA_PORTS)
b.write()

def probes_blocked_dump(name, header, scenario_extra=""):
    """Probes denied by the node subnet's NSG; the dumped HA-ports rule's probe says AllProbedUp."""
    b = B(name)
    b.header = hdr(header)
    b.nodes_nsg = [rule("DenyAzureLoadBalancer", 100, access="Deny", src="AzureLoadBalancer")]
    web_tcp_udp(b, HA_PORTS)
    pool_nics(b)
    b.extra_azure["lb.json"] = ("az network lb show -g " + NRG + " -n kubernetes-internal", ha_ports_lb("AllProbedUp"))
    b.scenario_extra = scenario_extra
    b.write()


probes_blocked_dump("lb-dumped-probe-allprobedup",
                    "The node subnet's NSG denies the probes (AzureLoadBalancer), so every backend is DOWN; the dumped\n"
                    "probe says noHealthyBackendsBehavior AllProbedUp (API 2024-01-01), and scenario.yaml says nothing:\n"
                    "the dump decides, packets go to every backend and are delivered (DOMAIN.md 2.1, CONTRACTS.md 1).")
probes_blocked_dump("lb-dumped-probe-overridden",
                    "As lb-dumped-probe-allprobedup, with loadBalancer.noHealthyBackendsBehavior: AllProbedDown in\n"
                    "scenario.yaml, which overrides the dump (CONTRACTS.md 1): no new flows.",
                    "loadBalancer:\n  noHealthyBackendsBehavior: AllProbedDown\n")

b = B("lb-dumped-basic-sku")
b.header = hdr("az network lb show of a Basic SKU public LB (and its Basic public IP), no NSG on the node subnet nor\n"
               "on the NICs: Basic load balancers are open by default, so Internet clients reach the Service; the\n"
               "same cluster with a Standard LB is closed (public-lb-secure-by-default; DOMAIN.md 2.6).")
b.web(internal=False, lb_ip="20.90.1.10")
pool_nics(b, nsg_name=None, lb="kubernetes")
pip = rid(NRG, "publicIPAddresses", "kubernetes-" + WEB_PREFIX)
rule_name = WEB_PREFIX + "-TCP-80"
b.extra_azure["lb.json"] = ("az network lb show -g " + NRG + " -n kubernetes", load_balancer(
    "kubernetes", [(WEB_PREFIX, None, pip)],
    [lb_rule("kubernetes", rule_name, WEB_PREFIX, "Tcp", 80, 80, probe=rule_name, tcp_reset=False)],
    [lb_probe("kubernetes", rule_name, "Tcp", 30080, rules=[rule_name])], [N0, N1], sku="Basic"))
b.extra_azure["publicips.json"] = ("az network public-ip list -g " + NRG,
                                   [public_ip("kubernetes-" + WEB_PREFIX, "20.90.1.10", sku="Basic")])
b.write()
p = os.path.join(ROOT, "lb-dumped-basic-sku")
os.remove(os.path.join(p, "azure", "nsgs.json"))
sc = open(os.path.join(p, "scenario.yaml")).read().replace("  clusterNsg: " + CLUSTER_NSG + "\n", "")
open(os.path.join(p, "scenario.yaml"), "w").write(sc)

# ======================================================================================= issue 12: real inputs

N9 = "aks-nodepool1-12345678-vmss000009"   # a node the dumps lack
CLIENT_LABELS = {"app": "client", "pod-template-hash": "6c9d7f8b5"}


def allow_client_to_web(b):
    """NetworkPolicies that isolate both pods and allow client -> web on 8080, both ways."""
    b.extra.append(network_policy("default", "web-from-client", {"matchLabels": {"app": "web"}},
                                  ingress=[{"from": [{"podSelector": {"matchLabels": {"app": "client"}}}],
                                            "ports": [{"port": 8080, "protocol": "TCP"}]}]))
    b.extra.append(network_policy("default", "client-to-web", {"matchLabels": {"app": "client"}},
                                  egress=[{"to": [{"podSelector": {"matchLabels": {"app": "web"}}}],
                                           "ports": [{"port": 8080, "protocol": "TCP"}]}],
                                  policy_types=["Egress"]))


for plugin, web_ip, client_ip in (("azure", "10.10.1.40", "10.10.1.30"), ("kubenet", "10.244.9.10", "10.244.1.30")):
    b = B("pod-on-absent-node-" + ("azure-cni" if plugin == "azure" else plugin), plugin=plugin)
    b.header = hdr("Issue 12: pod web runs on " + N9 + ", which `kubectl get nodes` did not return\n"
                   "(a dump taken at two times). NetworkPolicies isolate both pods and allow client -> web on 8080.\n"
                   + ("Azure CNI: the pod address is a VNet address, routed to its node whatever the node; checked\n"
                      "through the subnet NSG and the cluster NSG (assumed on the node's NIC) and the policies."
                      if plugin == "azure" else
                      "kubenet: the route to the pod is its node's route-table entry, which cannot be derived: NO_ROUTE\n"
                      "naming the node.") + "\nEvery command warns on stderr, naming the pod and the node.")
    b.pods.append(pod("default", "web-5d8f7c9b6-x2x7q", N9, "10.10.1.13", web_ip, WEB_LABELS,
                      [{"containerPort": 8080, "name": "http"}]))
    b.pods.append(pod("default", "client-6c9d7f8b5-q8m2d", N1, IP[N1], client_ip, CLIENT_LABELS, []))
    allow_client_to_web(b)
    b.scenario_extra = POLICY_ENGINE
    b.write()

b = B("pod-undeclared-port", plugin="azure")
b.header = hdr("Issue 12: containerPort is informational. Pod web (Azure CNI, 10.10.1.20) declares 8080/TCP and\n"
               "3868/SCTP only: a flow to another port, or to 8080 over UDP, is delivered as far as the network goes\n"
               "(\"delivered; no container declares this port\"); the declared ports match number and protocol.")
b.web(endpoints=((N0, "10.10.1.20", "web-5d8f7c9b6-x2x7q"),),
      pod_ports=[{"containerPort": 8080, "name": "http"}, {"containerPort": 3868, "name": "diameter",
                                                           "protocol": "SCTP"}])
b.write()

b = B("hostnetwork-pod-port")
b.header = hdr("Issue 12: a hostNetwork pod (node-exporter, DaemonSet) serves its declared port 9100/TCP on its node's\n"
               "address: delivered to that pod, not dropped at kube-proxy. NetworkPolicy does not apply to it (a\n"
               "deny-all policy in its namespace selects it, DOMAIN.md 6). Undeclared ports of the node stay unserved.")
b.namespaces.append("monitoring")
ne = pod("monitoring", "node-exporter-7xk2p", N0, IP[N0], IP[N0], {"app": "node-exporter"},
         [{"containerPort": 9100, "name": "metrics", "hostPort": 9100}])
ne["spec"]["hostNetwork"] = True
b.pods.append(ne)
b.extra.append(network_policy("monitoring", "deny-all", {}, ingress=[]))
b.web()
b.scenario_extra = POLICY_ENGINE
b.write()

for engine in ("cilium", "azure"):
    b = B("netpol-ipblock-cluster-" + ("cilium" if engine == "cilium" else "azure-npm"), plugin="azure")
    b.header = hdr("Issue 12: an ipBlock 10.10.0.0/16 (the whole VNet) admits web's port 8080. Under " +
                   ("Cilium, CIDR rules do\nnot apply when both ends are cluster endpoints (Cilium docs, Layer 3 "
                    "policy): the client pod\n10.10.1.30 is refused, the VM 10.10.9.4 admitted."
                    if engine == "cilium" else
                    "Azure NPM (iptables),\nan ipBlock matches any address: the client pod 10.10.1.30 and the VM "
                    "10.10.9.4 are both admitted."))
    b.web(endpoints=((N0, "10.10.1.20", "web-5d8f7c9b6-x2x7q"),), etp="Local")
    b.pods.append(pod("default", "client-6c9d7f8b5-q8m2d", N1, IP[N1], "10.10.1.30", CLIENT_LABELS, []))
    b.extra.append(network_policy("default", "web-from-vnet", {"matchLabels": {"app": "web"}},
                                  ingress=[{"from": [{"ipBlock": {"cidr": "10.10.0.0/16"}}],
                                            "ports": [{"port": 8080, "protocol": "TCP"}]}]))
    b.scenario_extra = "  networkPolicy: " + engine + "\n"
    b.write()

b = B("internet-source-public-only")
b.header = hdr("Issue 12: a source on the Internet reaches only public frontends. web is public (20.90.1.10); the\n"
               "node, pod and internal addresses are not routed from the Internet. network.routedIntoVnet names the\n"
               "on-premises range 192.168.50.0/24 (VPN): it is routed in (and meets the NSGs); 192.168.60.0/24 is not.")
b.web(internal=False, lb_ip="20.90.1.10")
b.web(name="api", lb_ip="10.10.1.101", cluster_ip="10.0.12.35", node_port=30081,
      endpoints=((N1, "10.244.1.10", "api-5d8f7c9b6-k2p4z"),))
b.scenario_extra = "network:\n  routedIntoVnet: [192.168.50.0/24]\n"
b.write()

b = B("manifest-etp-local-no-health-port")
b.header = hdr("Issue 12: manifests, not dumps: a LoadBalancer Service with externalTrafficPolicy Local, an address,\n"
               "and neither nodePort nor healthCheckNodePort. They are derived as the API server allocates them (the\n"
               "lowest free ports of 30000-32767 here: nodePort 30000, healthCheckNodePort 30001), with a warning.")
b.web(etp="Local", hcnp=None, node_port=None)
b.write()

b = B("manifest-lb-no-address")
b.header = hdr("Issue 12: a LoadBalancer Service with no address yet (no status.loadBalancer.ingress, no\n"
               "spec.loadBalancerIP): no frontend is modelled, with a warning saying so; its ClusterIP and nodePort\n"
               "still work.")
b.web(lb_ip=None)
b.write()

b = B("manifest-kubernetes-only")
b.header = hdr("Issue 12: Kubernetes objects only (no azure/): a public LoadBalancer Service. No agent-pool NSG is\n"
               "known, so the Standard public frontend counts as secure by default (NEVER), and every command warns\n"
               "that a real AKS cluster has its agent-pool NSG and what its absence implies.")
b.web(internal=False, lb_ip="20.90.1.10")
b.write()
p = os.path.join(ROOT, "manifest-kubernetes-only")
shutil.rmtree(os.path.join(p, "azure"))
sc = open(os.path.join(p, "scenario.yaml")).read().replace("  clusterNsg: " + CLUSTER_NSG + "\n", "")
open(os.path.join(p, "scenario.yaml"), "w").write(sc)

# ======================================================================================= np-guard (Apache-2.0)

b = B("npguard-netpol-analysis-example-minimal", plugin="azure")
b.header = hdr("Adapted from np-guard/netpol-analyzer tests/netpol-analysis-example-minimal (Apache-2.0, commit\n"
               "e54a3343): its Deployments become running pods (Azure CNI, VNet addresses) and its Services and\n"
               "NetworkPolicies are kept. Its expected connectivity (connlist_output.txt): everyone => frontend TCP\n"
               "8080; frontend => backend TCP 9090; frontend => everyone UDP 53; nothing else. np-guard abstracts\n"
               "routing; here an Internet source reaches no pod address, and the LoadBalancer Service frontend-external\n"
               "has no address yet (a manifest): a warning says so.")
FRONT = {"app": "frontend", "pod-template-hash": "7c8d9f6b5"}
BACK = {"app": "backendservice", "pod-template-hash": "5b6c7d8e9"}


def np_guard_pod(name, node_name, ip, labels, port):
    return pod("default", name, node_name, IP[node_name], ip, labels, [],
               containers=[{"env": [{"name": "PORT", "value": str(port)}], "image": labels["app"],
                            "imagePullPolicy": "Always", "name": "server",
                            "ports": [{"containerPort": port, "protocol": "TCP"}],
                            "readinessProbe": {"httpGet": {"path": "/_healthz", "port": port, "scheme": "HTTP"},
                                               "initialDelaySeconds": 10}}])


b.pods.append(np_guard_pod("frontend-7c8d9f6b5-h2x9k", N0, "10.10.1.21", FRONT, 8080))
b.pods.append(np_guard_pod("backend-5b6c7d8e9-m4q7w", N1, "10.10.1.22", BACK, 9090))
b.services.append(service("default", "backendservice", [svc_port(9090, 9090, name="http")],
                          {"app": "backendservice"}, cluster_ip="10.0.20.90"))
b.services.append(service("default", "frontend", [svc_port(80, 8080, name="http")], {"app": "frontend"},
                          cluster_ip="10.0.20.80"))
b.services.append(service("default", "frontend-external", [svc_port(80, 8080, name="http")], {"app": "frontend"},
                          "LoadBalancer", cluster_ip="10.0.20.81"))
b.extra.append(network_policy("default", "backend-netpol", {"matchLabels": {"app": "backendservice"}},
                              ingress=[{"from": [{"podSelector": {"matchLabels": {"app": "frontend"}}}],
                                        "ports": [{"port": 9090, "protocol": "TCP"}]}],
                              policy_types=["Ingress", "Egress"]))
b.extra.append(network_policy("default", "frontend-netpol", {"matchLabels": {"app": "frontend"}},
                              ingress=[{"ports": [{"port": 8080, "protocol": "TCP"}]}],
                              egress=[{"ports": [{"port": 9090, "protocol": "TCP"}],
                                       "to": [{"podSelector": {"matchLabels": {"app": "backendservice"}}}]},
                                      {"ports": [{"port": 53, "protocol": "UDP"}]}],
                              policy_types=["Ingress", "Egress"]))
b.extra.append(network_policy("default", "default-deny-in-namespace", {}, policy_types=["Ingress", "Egress"]))
b.scenario_extra = POLICY_ENGINE
b.write()
