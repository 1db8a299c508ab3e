#!/usr/bin/env python3
"""Writes k8s-model/src/test/resources/checks/<check-id>/{violating,fixed}/ from the bundled lab.

Each scenario is a lab step, trimmed of what no check reads (managed fields, volumes, capacity, etags...), with the
one change that makes the check fire (violating) or stay quiet (fixed). Run from the repository root:
    python3 k8s-model/src/test/scripts/make_check_scenarios.py
The output is committed; CheckCatalogTest loads it.
"""
import copy, json, os, shutil, sys
import yaml

ROOT = os.path.dirname(os.path.abspath(__file__)) + "/../../../.."
LAB = ROOT + "/examples/src/main/resources/lab"
OUT = ROOT + "/k8s-model/src/test/resources/checks"

NODE_LABELS = {"agentpool", "kubernetes.azure.com/agentpool", "kubernetes.io/hostname", "kubernetes.io/os",
               "topology.kubernetes.io/zone"}
DROP_META = {"managedFields", "resourceVersion", "generation", "selfLink"}
DROP_CONTAINER = {"env", "resources", "securityContext", "livenessProbe", "readinessProbe", "lifecycle",
                  "volumeMounts", "terminationMessagePath", "terminationMessagePolicy", "imagePullPolicy"}
DROP_POD_SPEC = {"volumes", "tolerations", "dnsPolicy", "enableServiceLinks", "preemptionPolicy", "priority",
                 "restartPolicy", "schedulerName", "securityContext", "serviceAccount", "serviceAccountName",
                 "terminationGracePeriodSeconds"}


def trim_k8s(obj):
    meta = obj.get("metadata", {})
    for k in DROP_META:
        meta.pop(k, None)
    kind = obj.get("kind")
    if kind == "Node":
        meta.pop("annotations", None)
        meta["labels"] = {k: v for k, v in meta.get("labels", {}).items() if k in NODE_LABELS}
        st = obj["status"]
        for k in ("allocatable", "capacity", "daemonEndpoints"):
            st.pop(k, None)
        st["conditions"] = [c for c in st.get("conditions", []) if c["type"] == "Ready"]
        for c in st["conditions"]:
            for k in ("lastHeartbeatTime", "lastTransitionTime"):
                c.pop(k, None)
        st["nodeInfo"] = {"kubeletVersion": st["nodeInfo"]["kubeletVersion"],
                          "kubeProxyVersion": st["nodeInfo"]["kubeProxyVersion"]}
    if kind == "Pod":
        spec = obj["spec"]
        for k in DROP_POD_SPEC:
            spec.pop(k, None)
        for c in spec.get("containers", []):
            for k in DROP_CONTAINER:
                c.pop(k, None)
        st = obj["status"]
        st.pop("containerStatuses", None)
        st["conditions"] = [{"type": c["type"], "status": c["status"]} for c in st.get("conditions", [])
                            if c["type"] == "Ready"]
        st.pop("qosClass", None)
    return obj


def trim_azure(x):
    if isinstance(x, dict):
        return {k: trim_azure(v) for k, v in x.items() if k not in ("etag", "resourceGuid")}
    if isinstance(x, list):
        return [trim_azure(v) for v in x]
    return x


class Scenario:
    def __init__(self, step):
        d = LAB + "/" + step
        self.k8s = {}
        for f in sorted(os.listdir(d + "/k8s")):
            doc = yaml.safe_load(open(d + "/k8s/" + f))
            doc["items"] = [trim_k8s(o) for o in doc["items"]]
            self.k8s[f] = doc
        self.azure = {f: trim_azure(json.load(open(d + "/azure/" + f))) for f in sorted(os.listdir(d + "/azure"))}
        aks = self.azure["aks.json"]
        keep = ("id", "name", "location", "resourceGroup", "nodeResourceGroup", "kubernetesVersion",
                "currentKubernetesVersion", "networkProfile", "agentPoolProfiles", "type")
        self.azure["aks.json"] = {k: aks[k] for k in keep if k in aks}
        self.azure["aks.json"]["agentPoolProfiles"] = [
            {k: p[k] for k in ("name", "count", "mode", "orchestratorVersion", "vnetSubnetId", "type")}
            for p in aks["agentPoolProfiles"]]
        cfg = yaml.safe_load(open(d + "/scenario.yaml"))
        self.config = cfg

    # -- lookups
    def items(self, kind):
        for doc in self.k8s.values():
            for o in doc["items"]:
                if o.get("kind") == kind:
                    yield o

    def obj(self, kind, name):
        for o in self.items(kind):
            if o["metadata"]["name"] == name:
                return o
        raise KeyError(kind + " " + name)

    def ingress_svc(self):
        return self.obj("Service", "ingress-nginx-controller")

    def nsg(self, name):
        for n in self.azure["nsgs.json"]:
            if n["name"] == name:
                return n
        raise KeyError(name)

    def controller_pods(self):
        return [p for p in self.items("Pod") if p["metadata"]["name"].startswith("ingress-nginx-controller")]

    def write(self, path, header):
        if os.path.exists(path):
            shutil.rmtree(path)
        os.makedirs(path + "/k8s")
        os.makedirs(path + "/azure")
        for f, doc in self.k8s.items():
            with open(path + "/k8s/" + f, "w") as out:
                yaml.safe_dump(doc, out, sort_keys=False, default_flow_style=False)
        for f, doc in self.azure.items():
            with open(path + "/azure/" + f, "w") as out:
                json.dump(doc, out, indent=2)
                out.write("\n")
        with open(path + "/scenario.yaml", "w") as out:
            for line in header.strip().splitlines():
                out.write("# " + line + "\n")
            yaml.safe_dump(self.config, out, sort_keys=False, default_flow_style=None)


def rule(name, priority, access="Allow", proto="Tcp", src="*", srcs=None, dst="*", port="*", nsg_id=""):
    return {"access": access, "description": None, "destinationAddressPrefix": dst,
            "destinationAddressPrefixes": [], "destinationPortRange": port, "destinationPortRanges": [],
            "direction": "Inbound", "id": nsg_id + "/securityRules/" + name, "name": name, "priority": priority,
            "protocol": proto, "provisioningState": "Succeeded", "resourceGroup": "rg-aks",
            "sourceAddressPrefix": None if srcs else src, "sourceAddressPrefixes": srcs or [],
            "sourcePortRange": "*", "sourcePortRanges": [],
            "type": "Microsoft.Network/networkSecurityGroups/securityRules"}


def annotate(o, key, value):
    o["metadata"].setdefault("annotations", {})[key] = value


def unannotate(o, key):
    o["metadata"].get("annotations", {}).pop(key, None)


def add_controller_pod(s, name, ip, node, host_ip):
    pods = s.k8s["pods.yaml"]["items"]
    p = copy.deepcopy(s.controller_pods()[0])
    p["metadata"]["name"] = name
    p["metadata"]["uid"] = "0000-" + name
    p["spec"]["nodeName"] = node
    p["status"]["podIP"] = ip
    p["status"]["podIPs"] = [{"ip": ip}]
    p["status"]["hostIP"] = host_ip
    pods.append(p)
    for sl in s.items("EndpointSlice"):
        if sl["metadata"]["name"].startswith("ingress-nginx-controller"):
            e = copy.deepcopy(sl["endpoints"][0])
            e["addresses"] = [ip]
            e["nodeName"] = node
            e["targetRef"]["name"] = name
            e["targetRef"]["uid"] = "0000-" + name
            sl["endpoints"].append(e)


SYSTEM, INGRESS, USER = "aks-nodepool1-41831646-vmss000001", "aks-ingress-41831646-vmss000000", \
    "aks-user-28786594-vmss000001"
WL = "nginx.ingress.kubernetes.io/whitelist-source-range"
A = "service.beta.kubernetes.io/"


def scenarios():
    """(check id, violating, fixed, why violating, why fixed)"""
    out = []

    def add(cid, v, f, wv, wf):
        out.append((cid, v, f, wv, wf))

    add("allowlist-under-cluster-policy", Scenario("step2-cluster-allowlist"), Scenario("step6-local-pinned"),
        "whitelist-source-range 192.168.1.4 behind externalTrafficPolicy Cluster: NGINX sees SNAT addresses, 403",
        "externalTrafficPolicy Local, controller pinned to the ingress pool: NGINX sees 192.168.1.4")

    v = Scenario("step2-cluster-allowlist")
    annotate(v.obj("Ingress", "weather"), WL, "192.168.1.4/32,192.168.0.0/24,10.244.0.0/16")
    add("allowlist-admits-snat-addresses", v, Scenario("step6-local-pinned"),
        "the allow-list holds the node subnet and pod CIDR: under Cluster everyone passes NGINX",
        "only 192.168.1.4, under externalTrafficPolicy Local")

    v, f = Scenario("step1-cluster-open"), Scenario("step1-cluster-open")
    annotate(v.obj("Ingress", "weather"), WL, "192.168.1.4/33")
    annotate(f.obj("Ingress", "weather"), WL, "192.168.1.4/32")
    add("allowlist-invalid-value", v, f, "whitelist-source-range 192.168.1.4/33 does not parse: 503 for everyone",
        "a valid CIDR")

    v = Scenario("step6-local-pinned")
    v.obj("ConfigMap", "ingress-nginx-controller")["data"]["use-forwarded-headers"] = "true"
    add("forwarded-headers-spoofable", v, Scenario("step6-local-pinned"),
        "use-forwarded-headers true with the default proxy-real-ip-cidr 0.0.0.0/0 and an allow-list",
        "the chart default: forwarded headers not used")

    v, f = Scenario("step1-cluster-open"), Scenario("step1-cluster-open")
    v.obj("ConfigMap", "ingress-nginx-controller")["data"]["use-proxy-protocol"] = "true"
    f.obj("ConfigMap", "ingress-nginx-controller")["data"]["use-proxy-protocol"] = "true"
    annotate(f.ingress_svc(), A + "azure-pls-create", "true")
    annotate(f.ingress_svc(), A + "azure-pls-proxy-protocol", "true")
    add("proxy-protocol-without-private-link", v, f, "use-proxy-protocol true behind a plain internal LB",
        "a Private Link Service with azure-pls-proxy-protocol sends the PROXY header")

    v = Scenario("step1-cluster-open")
    unannotate(v.ingress_svc(), A + "azure-load-balancer-health-probe-request-path")
    add("ingress-nginx-probe-on-root", v, Scenario("step1-cluster-open"),
        "appProtocol http on Kubernetes 1.24 and no request-path annotation: Http probe on /, NGINX answers 404",
        "azure-load-balancer-health-probe-request-path: /healthz")

    add("backend-down-by-policy", Scenario("step3-cluster-nsgs"), Scenario("step4-cluster-nsgs-nodes"),
        "nsg-ingress denies the probes the system and user nodes forward (Cluster): those nodes are DOWN",
        "AllowNodesToIngress 110 admits them: every node UP")
    add("custom-deny-blocks-probes", Scenario("step3-cluster-nsgs"), Scenario("step4-cluster-nsgs-nodes"),
        "DenyAllCustom 4000 of nsg-ingress denies the forwarded probes (VirtualNetwork sources)",
        "AllowNodesToIngress 110 precedes it")
    add("intent-allowed-not-always", Scenario("step4-cluster-nsgs-nodes"), Scenario("step6-local-pinned"),
        "192.168.1.4 is denied behind 2 of 3 backends: SOMETIMES", "Local, pinned: ALWAYS")
    add("intent-denied-reaches", Scenario("step1-cluster-open"), Scenario("step6-local-pinned"),
        "no NSG and no allow-list: everyone reaches the weather API",
        "nsg-ingress and the allow-list admit only 192.168.1.4")
    add("client-admitted-in-some-subnets", Scenario("step4-cluster-nsgs-nodes"), Scenario("step6-local-pinned"),
        "nsg-ingress admits 192.168.1.4, nsg-system and nsg-user deny it, all nodes UP",
        "only the ingress node is a backend")
    add("cluster-policy-lateral-openings", Scenario("step4-cluster-nsgs-nodes"), Scenario("step6-local-pinned"),
        "externalTrafficPolicy Cluster: node-to-node openings to the ingress pod", "externalTrafficPolicy Local")
    add("ingress-pods-not-pinned", Scenario("step7-local-spread"), Scenario("step6-local-pinned"),
        "three replicas over three pools, no nodeSelector, Local", "nodeSelector agentpool: ingress")
    add("ingress-single-node-or-zone", Scenario("step6-local-pinned"), Scenario("step7-local-spread"),
        "one replica on one node", "three replicas on three nodes")

    v = Scenario("step7-local-spread")
    add_controller_pod(v, "ingress-nginx-controller-7b8c6d5f9b-x4q9z", "10.244.1.9", USER, "192.168.0.36")
    v.nsg("nsg-system")["securityRules"].insert(0, rule("AllowClient", 100, src="192.168.1.4",
                                                        nsg_id=v.nsg("nsg-system")["id"], port="80"))
    v.nsg("nsg-user")["securityRules"].insert(0, rule("AllowClient", 100, src="192.168.1.4",
                                                      nsg_id=v.nsg("nsg-user")["id"], port="80"))
    add("ingress-traffic-imbalance", v, Scenario("step7-local-spread"),
        "Local, two replicas on the user node and one on each other node: 16.67%, 16.67%, 33.33%, 33.33%",
        "one replica per node: 33.33% each")

    v, f = Scenario("step1-cluster-open"), Scenario("step1-cluster-open")
    v.ingress_svc()["spec"]["loadBalancerSourceRanges"] = ["192.168.1.0/24"]
    annotate(v.ingress_svc(), A + "azure-allowed-service-tags", "AzureFrontDoor.Backend")
    f.ingress_svc()["spec"]["loadBalancerSourceRanges"] = ["192.168.1.0/24"]
    add("source-ranges-with-service-tags", v, f, "loadBalancerSourceRanges and azure-allowed-service-tags",
        "loadBalancerSourceRanges only")

    f = Scenario("step1-cluster-open")
    f.ingress_svc()["spec"]["loadBalancerSourceRanges"] = ["192.168.1.4/32"]
    add("internal-lb-without-source-ranges", Scenario("step1-cluster-open"), f,
        "internal LB, no source ranges", "loadBalancerSourceRanges: [192.168.1.4/32]")

    v, f = Scenario("step1-cluster-open"), Scenario("step6-local-pinned")
    v.ingress_svc()["spec"]["loadBalancerSourceRanges"] = ["192.168.1.4/32"]
    fs = f.ingress_svc()["spec"]
    fs["loadBalancerSourceRanges"] = ["192.168.1.4/32"]
    fs["allocateLoadBalancerNodePorts"] = False
    for p in fs["ports"]:
        p.pop("nodePort", None)
    add("nodeport-bypasses-source-ranges", v, f,
        "loadBalancerSourceRanges 192.168.1.4/32, nodePort 31880 open to the VNet (no NSG)",
        "allocateLoadBalancerNodePorts false under Local: no nodePort")

    v, f = Scenario("step3-cluster-nsgs"), Scenario("step3-cluster-nsgs")
    for s, prio in ((v, 4010), (f, 150)):
        n = s.nsg("nsg-ingress")
        n["securityRules"].append(rule("AllowHttps", prio, src="192.168.1.0/24", port="443", nsg_id=n["id"]))
        n["securityRules"].sort(key=lambda r: r["priority"])
    add("nsg-rule-never-decides", v, f, "AllowHttps 4010 after DenyAllCustom 4000: never decides",
        "AllowHttps 150")

    v, f = Scenario("step1-cluster-open"), Scenario("step1-cluster-open")
    np = {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
          "metadata": {"name": "simpleapi-from-ingress", "namespace": "default"},
          "spec": {"podSelector": {"matchLabels": {"app": "simpleapi"}}, "policyTypes": ["Ingress"],
                   "ingress": [{"from": [{"namespaceSelector": {"matchLabels":
                                                                {"kubernetes.io/metadata.name": "ingress"}}}]}]}}
    for s in (v, f):
        s.k8s["networkpolicies.yaml"] = {"apiVersion": "v1", "kind": "List", "items": [copy.deepcopy(np)],
                                         "metadata": {"resourceVersion": ""}}
    f.config.setdefault("cluster", {})["networkPolicy"] = "calico"
    add("network-policies-not-enforced", v, f, "a NetworkPolicy and no policy engine",
        "cluster.networkPolicy: calico")

    v, f = Scenario("step6-local-pinned"), Scenario("step6-local-pinned")
    for s in (v, f):
        s.nsg("nsg-ingress")["securityRules"] = [r for r in s.nsg("nsg-ingress")["securityRules"]
                                                 if r["name"] != "AllowPodTraffic"]
        s.nsg("nsg-user")["securityRules"] = [r for r in s.nsg("nsg-user")["securityRules"]
                                              if r["name"] != "AllowAzureLoadBalancer"]
    n = v.nsg("nsg-ingress")
    n["securityRules"].insert(1, rule("AllowNodesToIngress", 110, srcs=["192.168.0.0/28", "192.168.0.32/28"],
                                      port="80", nsg_id=n["id"]))
    add("nsg-least-privilege", v, f, "Local, and nsg-ingress still allows every node to port 80 (AllowNodesToIngress)",
        "only the openings the weather-api intent needs under Local")
    return out


def main():
    for cid, v, f, wv, wf in scenarios():
        v.write(OUT + "/" + cid + "/violating", "check " + cid + ": violating\n" + wv)
        f.write(OUT + "/" + cid + "/fixed", "check " + cid + ": fixed\n" + wf)
        print(cid)


if __name__ == "__main__":
    main()
