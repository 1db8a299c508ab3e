"""Builders for kubectl/az shaped scenario files (generator for the scenario corpus; output is committed)."""
import json, os, uuid, copy
import yaml

SUB = "00000000-0000-0000-0000-000000000000"
RG = "rg-mini"
NRG = "MC_rg-mini_aks-mini_westeurope"
VNET = "vnet-mini"
CLUSTER_NSG = "aks-agentpool-12345678-nsg"
ROUTE_TABLE = "aks-agentpool-12345678-routetable"
TS = "2026-08-01T10:00:00Z"


def uid(*parts):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "aksreach-corpus/" + "/".join(parts)))


def rid(rg, kind, name, *rest):
    s = f"/subscriptions/{SUB}/resourceGroups/{rg}/providers/Microsoft.Network/{kind}/{name}"
    for r in rest:
        s += "/" + r
    return s


# ----------------------------------------------------------------------------------------------- Kubernetes

def namespace(name):
    return {"apiVersion": "v1", "kind": "Namespace",
            "metadata": {"creationTimestamp": TS, "labels": {"kubernetes.io/metadata.name": name}, "name": name,
                         "uid": uid("ns", name)},
            "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}}


def node(name, ip, pod_cidr=None, pool="nodepool1", labels=None, taints=None, ready=True, version="v1.29.4"):
    lab = {"agentpool": pool, "kubernetes.azure.com/agentpool": pool, "kubernetes.azure.com/cluster": NRG,
           "kubernetes.azure.com/mode": "system" if pool == "nodepool1" else "user",
           "kubernetes.azure.com/role": "agent", "kubernetes.io/hostname": name, "kubernetes.io/os": "linux",
           "kubernetes.io/arch": "amd64", "node.kubernetes.io/instance-type": "Standard_D2s_v3",
           "topology.kubernetes.io/region": "westeurope", "topology.kubernetes.io/zone": "0"}
    lab.update(labels or {})
    idx = int(name[-6:])
    spec = {"providerID": f"azure:///subscriptions/{SUB}/resourceGroups/{NRG.lower()}/providers/Microsoft.Compute/"
                          f"virtualMachineScaleSets/{name[:-6]}/virtualMachines/{idx}"}
    if pod_cidr:
        spec["podCIDR"] = pod_cidr
        spec["podCIDRs"] = [pod_cidr]
    if taints:
        spec["taints"] = taints
    return {"apiVersion": "v1", "kind": "Node",
            "metadata": {"creationTimestamp": TS, "labels": lab, "name": name, "uid": uid("node", name)},
            "spec": spec,
            "status": {"addresses": [{"address": name, "type": "Hostname"}, {"address": ip, "type": "InternalIP"}],
                       "conditions": [{"lastHeartbeatTime": TS, "lastTransitionTime": TS,
                                       "message": "kubelet is posting ready status",
                                       "reason": "KubeletReady" if ready else "KubeletNotReady",
                                       "status": "True" if ready else "False", "type": "Ready"}],
                       "nodeInfo": {"architecture": "amd64", "containerRuntimeVersion": "containerd://1.7.15-1",
                                    "kernelVersion": "5.15.0-1064-azure", "kubeProxyVersion": version,
                                    "kubeletVersion": version, "operatingSystem": "linux",
                                    "osImage": "Ubuntu 22.04.4 LTS"}}}


def pod(ns, name, node_name, node_ip, ip, labels, ports, ready=True, terminating=False, containers=None,
        image="mcr.microsoft.com/azuredocs/aks-helloworld:v1"):
    if containers is None:
        containers = [{"image": image, "imagePullPolicy": "IfNotPresent", "name": name.split("-")[0],
                       "ports": [dict(p, protocol=p.get("protocol", "TCP")) for p in ports]}]
    meta = {"creationTimestamp": TS, "labels": labels, "name": name, "namespace": ns, "uid": uid("pod", ns, name)}
    if terminating:
        meta["deletionTimestamp"] = "2026-08-01T10:05:00Z"
        meta["deletionGracePeriodSeconds"] = 30
    cond = "True" if ready else "False"
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta,
            "spec": {"containers": containers, "dnsPolicy": "ClusterFirst", "nodeName": node_name,
                     "restartPolicy": "Always", "schedulerName": "default-scheduler",
                     "terminationGracePeriodSeconds": 30},
            "status": {"conditions": [{"lastProbeTime": None, "lastTransitionTime": TS, "status": "True",
                                       "type": "Initialized"},
                                      {"lastProbeTime": None, "lastTransitionTime": TS, "status": cond,
                                       "type": "Ready"},
                                      {"lastProbeTime": None, "lastTransitionTime": TS, "status": cond,
                                       "type": "ContainersReady"},
                                      {"lastProbeTime": None, "lastTransitionTime": TS, "status": "True",
                                       "type": "PodScheduled"}],
                       "hostIP": node_ip, "phase": "Running", "podIP": ip, "podIPs": [{"ip": ip}],
                       "qosClass": "BestEffort", "startTime": TS}}


def service(ns, name, ports, selector, type_="ClusterIP", cluster_ip="10.0.0.10", annotations=None, lb_ip=None,
            etp=None, hcnp=None, source_ranges=None, labels=None):
    meta = {"creationTimestamp": TS, "name": name, "namespace": ns, "uid": uid("svc", ns, name)}
    if annotations:
        meta["annotations"] = annotations
    if labels:
        meta["labels"] = labels
    spec = {"clusterIP": cluster_ip, "clusterIPs": [cluster_ip], "internalTrafficPolicy": "Cluster",
            "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack", "ports": ports, "selector": selector,
            "sessionAffinity": "None", "type": type_}
    status = {"loadBalancer": {}}
    if type_ == "LoadBalancer":
        spec["allocateLoadBalancerNodePorts"] = True
        spec["externalTrafficPolicy"] = etp or "Cluster"
        if hcnp:
            spec["healthCheckNodePort"] = hcnp
        if source_ranges:
            spec["loadBalancerSourceRanges"] = source_ranges
        if lb_ip:
            status = {"loadBalancer": {"ingress": [{"ip": lb_ip, "ipMode": "VIP"}]}}
        meta.setdefault("finalizers", ["service.kubernetes.io/load-balancer-cleanup"])
    return {"apiVersion": "v1", "kind": "Service", "metadata": meta, "spec": spec, "status": status}


def svc_port(port, target, node_port=None, name=None, app_protocol=None, protocol="TCP"):
    p = {"port": port, "protocol": protocol, "targetPort": target}
    if name:
        p["name"] = name
    if node_port:
        p["nodePort"] = node_port
    if app_protocol:
        p["appProtocol"] = app_protocol
    return p


def endpoint(ip, node_name, pod_ns, pod_name, ready=True, serving=None, terminating=False):
    if serving is None:
        serving = ready
    return {"addresses": [ip], "conditions": {"ready": ready, "serving": serving, "terminating": terminating},
            "nodeName": node_name,
            "targetRef": {"kind": "Pod", "name": pod_name, "namespace": pod_ns, "uid": uid("pod", pod_ns, pod_name)},
            "zone": "0"}


def endpointslice(ns, svc_name, ports, endpoints, suffix="x7k2p"):
    return {"addressType": "IPv4", "apiVersion": "discovery.k8s.io/v1", "endpoints": endpoints,
            "kind": "EndpointSlice",
            "metadata": {"creationTimestamp": TS, "generateName": svc_name + "-", "generation": 1,
                         "labels": {"endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
                                    "kubernetes.io/service-name": svc_name},
                         "name": svc_name + "-" + suffix, "namespace": ns,
                         "ownerReferences": [{"apiVersion": "v1", "blockOwnerDeletion": True, "controller": True,
                                              "kind": "Service", "name": svc_name, "uid": uid("svc", ns, svc_name)}],
                         "uid": uid("eps", ns, svc_name)},
            "ports": ports}


def eps_port(port, name=None, app_protocol=None):
    p = {"port": port, "protocol": "TCP"}
    if name:
        p["name"] = name
    if app_protocol:
        p["appProtocol"] = app_protocol
    return p


def network_policy(ns, name, pod_selector, ingress=None, egress=None, policy_types=None):
    spec = {"podSelector": pod_selector, "policyTypes": policy_types or ["Ingress"]}
    if ingress is not None:
        spec["ingress"] = ingress
    if egress is not None:
        spec["egress"] = egress
    return {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
            "metadata": {"creationTimestamp": TS, "generation": 1, "name": name, "namespace": ns,
                         "uid": uid("netpol", ns, name)}, "spec": spec}


def configmap(ns, name, data):
    return {"apiVersion": "v1", "data": data, "kind": "ConfigMap",
            "metadata": {"creationTimestamp": TS, "labels": {"app.kubernetes.io/component": "controller",
                                                             "app.kubernetes.io/instance": "ingress-nginx",
                                                             "app.kubernetes.io/name": "ingress-nginx"},
                         "name": name, "namespace": ns, "uid": uid("cm", ns, name)}}


def ingress(ns, name, rules, annotations=None, lb_ip=None):
    meta = {"creationTimestamp": TS, "generation": 1, "name": name, "namespace": ns, "uid": uid("ing", ns, name)}
    if annotations:
        meta["annotations"] = annotations
    return {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": meta,
            "spec": {"ingressClassName": "nginx", "rules": rules},
            "status": {"loadBalancer": {"ingress": [{"ip": lb_ip}]} if lb_ip else {}}}


def ingress_rule(host, paths):
    return {"host": host, "http": {"paths": [
        {"backend": {"service": {"name": svc, "port": {"number": port}}}, "path": path, "pathType": ptype}
        for (path, ptype, svc, port) in paths]}}


def ingress_class():
    return {"apiVersion": "networking.k8s.io/v1", "kind": "IngressClass",
            "metadata": {"creationTimestamp": TS, "generation": 1,
                         "labels": {"app.kubernetes.io/component": "controller",
                                    "app.kubernetes.io/instance": "ingress-nginx",
                                    "app.kubernetes.io/name": "ingress-nginx"},
                         "name": "nginx", "uid": uid("ingressclass", "nginx")},
            "spec": {"controller": "k8s.io/ingress-nginx"}}


NGINX_LABELS = {"app.kubernetes.io/component": "controller", "app.kubernetes.io/instance": "ingress-nginx",
                "app.kubernetes.io/name": "ingress-nginx"}


def nginx_pod(name, node_name, node_ip, ip, version="v1.10.1"):
    c = [{"args": ["/nginx-ingress-controller", "--publish-service=$(POD_NAMESPACE)/ingress-nginx-controller",
                   "--election-id=ingress-nginx-leader", "--controller-class=k8s.io/ingress-nginx",
                   "--ingress-class=nginx", "--configmap=$(POD_NAMESPACE)/ingress-nginx-controller"],
          "env": [{"name": "POD_NAME", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}},
                  {"name": "POD_NAMESPACE",
                   "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}}],
          "image": f"registry.k8s.io/ingress-nginx/controller:{version}", "imagePullPolicy": "IfNotPresent",
          "name": "controller",
          "ports": [{"containerPort": 80, "name": "http", "protocol": "TCP"},
                    {"containerPort": 443, "name": "https", "protocol": "TCP"}]}]
    return pod("ingress-nginx", name, node_name, node_ip, ip, dict(NGINX_LABELS, **{"pod-template-hash": "6d4f9b7c5"}),
               [], containers=c)


def k8s_list(items, comment):
    return "# " + comment + "\n" + yaml.safe_dump({"apiVersion": "v1", "items": items, "kind": "List",
                                                    "metadata": {"resourceVersion": ""}},
                                                   sort_keys=True, default_flow_style=False, width=120)


# ----------------------------------------------------------------------------------------------- Azure

def nsg_rule(nsg_rg, nsg_name, name, priority, direction, access, protocol="*", src="*", dst="*", dst_ports="*",
             srcs=None, dsts=None, dst_port_list=None, dst_asgs=None, src_asgs=None, default=False, description=None):
    kind = "defaultSecurityRules" if default else "securityRules"
    r = {"access": access, "destinationAddressPrefix": None if dsts or dst_asgs else dst,
         "destinationAddressPrefixes": dsts or [],
         "destinationApplicationSecurityGroups": [{"id": a, "resourceGroup": RG} for a in dst_asgs] if dst_asgs else None,
         "destinationPortRange": None if dst_port_list else dst_ports, "destinationPortRanges": dst_port_list or [],
         "direction": direction, "etag": 'W/"' + uid("etag", nsg_name) + '"',
         "id": rid(nsg_rg, "networkSecurityGroups", nsg_name, kind, name), "name": name, "priority": priority,
         "protocol": protocol, "provisioningState": "Succeeded", "resourceGroup": nsg_rg,
         "sourceAddressPrefix": None if srcs or src_asgs else src, "sourceAddressPrefixes": srcs or [],
         "sourceApplicationSecurityGroups": [{"id": a, "resourceGroup": RG} for a in src_asgs] if src_asgs else None,
         "sourcePortRange": "*", "sourcePortRanges": [],
         "type": "Microsoft.Network/networkSecurityGroups/" + kind}
    if description:
        r["description"] = description
    return {k: v for k, v in r.items() if not (v is None and k in ("destinationAddressPrefix", "sourceAddressPrefix",
                                                                     "destinationPortRange"))}


def default_rules(rg, name):
    d = []
    for (n, p, di, acc, s, dst, desc) in [
        ("AllowVnetInBound", 65000, "Inbound", "Allow", "VirtualNetwork", "VirtualNetwork",
         "Allow inbound traffic from all VMs in VNET"),
        ("AllowAzureLoadBalancerInBound", 65001, "Inbound", "Allow", "AzureLoadBalancer", "*",
         "Allow inbound traffic from azure load balancer"),
        ("DenyAllInBound", 65500, "Inbound", "Deny", "*", "*", "Deny all inbound traffic"),
        ("AllowVnetOutBound", 65000, "Outbound", "Allow", "VirtualNetwork", "VirtualNetwork",
         "Allow outbound traffic from all VMs to all VMs in VNET"),
        ("AllowInternetOutBound", 65001, "Outbound", "Allow", "*", "Internet",
         "Allow outbound traffic from all VMs to Internet"),
        ("DenyAllOutBound", 65500, "Outbound", "Deny", "*", "*", "Deny all outbound traffic")]:
        d.append(nsg_rule(rg, name, n, p, di, acc, src=s, dst=dst, default=True, description=desc))
    return d


def nsg(name, rules, rg=RG, subnets=None, nics=None):
    """rules: list of dicts from rule(...) (without rg/nsg)."""
    return {"defaultSecurityRules": default_rules(rg, name), "etag": 'W/"' + uid("etag", name) + '"',
            "flushConnection": None,
            "id": rid(rg, "networkSecurityGroups", name), "location": "westeurope", "name": name,
            "networkInterfaces": [{"id": n, "resourceGroup": NRG} for n in nics] if nics else None,
            "provisioningState": "Succeeded", "resourceGroup": rg, "resourceGuid": uid("guid", name),
            "securityRules": [nsg_rule(rg, name, **r) for r in rules],
            "subnets": [{"id": s, "resourceGroup": RG} for s in subnets] if subnets else None,
            "tags": {}, "type": "Microsoft.Network/networkSecurityGroups"}


def rule(name, priority, direction="Inbound", access="Allow", **kw):
    return dict(name=name, priority=priority, direction=direction, access=access, **kw)


def subnet_id(name, vnet=VNET):
    return rid(RG, "virtualNetworks", vnet, "subnets", name)


def subnet(name, prefix, nsg_name=None, nsg_rg=RG, route_table=False, ip_configs=None, vnet=VNET):
    return {"addressPrefix": prefix, "delegations": [], "etag": 'W/"' + uid("etag", vnet) + '"',
            "id": subnet_id(name, vnet),
            "ipConfigurations": [{"id": c, "resourceGroup": NRG} for c in (ip_configs or [])],
            "name": name,
            "networkSecurityGroup": {"id": rid(nsg_rg, "networkSecurityGroups", nsg_name), "resourceGroup": nsg_rg}
            if nsg_name else None,
            "privateEndpointNetworkPolicies": "Disabled", "privateLinkServiceNetworkPolicies": "Enabled",
            "provisioningState": "Succeeded", "resourceGroup": RG,
            "routeTable": {"id": rid(NRG, "routeTables", ROUTE_TABLE), "resourceGroup": NRG} if route_table else None,
            "serviceEndpoints": [], "type": "Microsoft.Network/virtualNetworks/subnets"}


def vnet(prefixes, subnets, peerings=None, name=VNET):
    return {"addressSpace": {"addressPrefixes": prefixes}, "dhcpOptions": {"dnsServers": []},
            "enableDdosProtection": False, "etag": 'W/"' + uid("etag", name) + '"',
            "id": rid(RG, "virtualNetworks", name), "location": "westeurope", "name": name,
            "provisioningState": "Succeeded", "resourceGroup": RG, "resourceGuid": uid("guid", name),
            "subnets": subnets, "tags": {}, "type": "Microsoft.Network/virtualNetworks",
            "virtualNetworkPeerings": peerings or []}


def peering(name, remote_vnet_id, prefixes):
    return {"allowForwardedTraffic": True, "allowGatewayTransit": False, "allowVirtualNetworkAccess": True,
            "etag": 'W/"' + uid("etag", name) + '"',
            "id": rid(RG, "virtualNetworks", VNET, "virtualNetworkPeerings", name), "name": name,
            "peeringState": "Connected", "peeringSyncLevel": "FullyInSync", "provisioningState": "Succeeded",
            "remoteAddressSpace": {"addressPrefixes": prefixes},
            "remoteVirtualNetwork": {"id": remote_vnet_id, "resourceGroup": "rg-hub"},
            "remoteVirtualNetworkAddressSpace": {"addressPrefixes": prefixes},
            "resourceGroup": RG, "type": "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
            "useRemoteGateways": False}


def route_tables(routes, subnet_names):
    return [{"disableBgpRoutePropagation": False, "etag": 'W/"' + uid("etag", ROUTE_TABLE) + '"',
             "id": rid(NRG, "routeTables", ROUTE_TABLE), "location": "westeurope", "name": ROUTE_TABLE,
             "provisioningState": "Succeeded", "resourceGroup": NRG, "resourceGuid": uid("guid", ROUTE_TABLE),
             "routes": [{"addressPrefix": p, "etag": 'W/"' + uid("etag", ROUTE_TABLE) + '"', "hasBgpOverride": False,
                         "id": rid(NRG, "routeTables", ROUTE_TABLE, "routes", n), "name": n,
                         "nextHopIpAddress": hop, "nextHopType": "VirtualAppliance",
                         "provisioningState": "Succeeded", "resourceGroup": NRG,
                         "type": "Microsoft.Network/routeTables/routes"} for (n, p, hop) in routes],
             "subnets": [{"id": subnet_id(s), "resourceGroup": RG} for s in subnet_names],
             "tags": {"aks-managed-cluster-name": "aks-mini", "aks-managed-cluster-rg": RG},
             "type": "Microsoft.Network/routeTables"}]


def vmss_nic_id(node_name):
    vmss = node_name[:-6]
    idx = int(node_name[-6:])
    return (f"/subscriptions/{SUB}/resourceGroups/{NRG}/providers/Microsoft.Compute/virtualMachineScaleSets/{vmss}/"
            f"virtualMachines/{idx}/networkInterfaces/{vmss}")


def nic(nic_id, name, ip, subnet_name, nsg_name=None, nsg_rg=NRG, asgs=None, rg=NRG, ip_forwarding=True):
    return {"dnsSettings": {"appliedDnsServers": [], "dnsServers": []}, "enableAcceleratedNetworking": False,
            "enableIPForwarding": ip_forwarding, "etag": 'W/"' + uid("etag", nic_id) + '"', "id": nic_id,
            "ipConfigurations": [{
                "applicationSecurityGroups": [{"id": a, "resourceGroup": RG} for a in asgs] if asgs else None,
                "etag": 'W/"' + uid("etag", nic_id) + '"', "id": nic_id + "/ipConfigurations/ipconfig1",
                "name": "ipconfig1", "primary": True, "privateIPAddress": ip, "privateIPAddressVersion": "IPv4",
                "privateIPAllocationMethod": "Dynamic", "provisioningState": "Succeeded", "resourceGroup": rg,
                "subnet": {"id": subnet_id(subnet_name), "resourceGroup": RG},
                "type": "Microsoft.Network/networkInterfaces/ipConfigurations"}],
            "macAddress": "00-0D-3A-" + uid("mac", nic_id)[:8].upper().replace("-", "")[:2] + "-"
                          + uid("mac", nic_id)[2:4].upper() + "-" + uid("mac", nic_id)[4:6].upper(),
            "name": name,
            "networkSecurityGroup": {"id": rid(nsg_rg, "networkSecurityGroups", nsg_name), "resourceGroup": nsg_rg}
            if nsg_name else None,
            "primary": True, "provisioningState": "Succeeded", "resourceGroup": rg,
            "resourceGuid": uid("guid", nic_id), "tags": {}, "type": "Microsoft.Network/networkInterfaces"}


def asg_id(name):
    return rid(RG, "applicationSecurityGroups", name)


def asg(name):
    return {"etag": 'W/"' + uid("etag", name) + '"', "id": asg_id(name), "location": "westeurope", "name": name,
            "provisioningState": "Succeeded", "resourceGroup": RG, "resourceGuid": uid("guid", name), "tags": {},
            "type": "Microsoft.Network/applicationSecurityGroups"}


def lb_id(name, *rest):
    return rid(NRG, "loadBalancers", name, *rest)


def lb_rule(lb, name, frontend, protocol, frontend_port, backend_port, probe=None, floating_ip=True,
            tcp_reset=True, pool="kubernetes"):
    """One `loadBalancingRules[]` entry as `az network lb show` prints it (cloud-provider-azure's defaults)."""
    ref = lambda *rest: {"id": lb_id(lb, *rest), "resourceGroup": NRG}
    r = {"backendAddressPool": ref("backendAddressPools", pool), "backendAddressPools": [ref("backendAddressPools", pool)],
         "backendPort": backend_port, "disableOutboundSnat": True, "enableFloatingIP": floating_ip,
         "enableTcpReset": tcp_reset, "etag": 'W/"' + uid("etag", lb, name) + '"',
         "frontendIPConfiguration": ref("frontendIPConfigurations", frontend), "frontendPort": frontend_port,
         "id": lb_id(lb, "loadBalancingRules", name), "idleTimeoutInMinutes": 4, "loadDistribution": "Default",
         "name": name, "protocol": protocol, "provisioningState": "Succeeded", "resourceGroup": NRG,
         "type": "Microsoft.Network/loadBalancers/loadBalancingRules"}
    if probe:
        r["probe"] = ref("probes", probe)
    return r


def lb_probe(lb, name, protocol, port, path=None, no_healthy_backends=None, rules=()):
    """One `probes[]` entry as `az network lb show` prints it (API 2024-01-01 and later add noHealthyBackendsBehavior)."""
    p = {"etag": 'W/"' + uid("etag", lb, "probe", name) + '"', "id": lb_id(lb, "probes", name),
         "intervalInSeconds": 5, "loadBalancingRules": [{"id": lb_id(lb, "loadBalancingRules", r), "resourceGroup": NRG}
                                                        for r in rules],
         "name": name, "numberOfProbes": 2, "port": port, "probeThreshold": 2, "protocol": protocol,
         "provisioningState": "Succeeded", "resourceGroup": NRG, "type": "Microsoft.Network/loadBalancers/probes"}
    if path:
        p["requestPath"] = path
    if no_healthy_backends:
        p["noHealthyBackendsBehavior"] = no_healthy_backends
    return p


def load_balancer(name, frontends, rules, probes, nodes, sku="Standard", pool="kubernetes"):
    """`az network lb show` of an AKS load balancer. frontends: (name, private IP) for internal ones (subnet nodes),
    (name, None, public IP resource id) for public ones; nodes: the node names in the NIC-based backend pool."""
    fes = []
    for fe in frontends:
        f = {"etag": 'W/"' + uid("etag", name, fe[0]) + '"', "id": lb_id(name, "frontendIPConfigurations", fe[0]),
             "loadBalancingRules": [{"id": r["id"], "resourceGroup": NRG} for r in rules
                                    if r["frontendIPConfiguration"]["id"].endswith("/" + fe[0])],
             "name": fe[0], "provisioningState": "Succeeded", "resourceGroup": NRG,
             "type": "Microsoft.Network/loadBalancers/frontendIPConfigurations"}
        if fe[1]:
            f.update(privateIPAddress=fe[1], privateIPAddressVersion="IPv4", privateIPAllocationMethod="Static",
                     subnet={"id": subnet_id("nodes"), "resourceGroup": RG})
        else:
            f["publicIPAddress"] = {"id": fe[2], "resourceGroup": NRG}
        fes.append(f)
    pools = [{"backendIPConfigurations": [{"id": vmss_nic_id(n) + "/ipConfigurations/ipconfig1", "resourceGroup": NRG}
                                          for n in nodes],
              "etag": 'W/"' + uid("etag", name, pool) + '"', "id": lb_id(name, "backendAddressPools", pool),
              "loadBalancingRules": [{"id": r["id"], "resourceGroup": NRG} for r in rules], "name": pool,
              "provisioningState": "Succeeded", "resourceGroup": NRG,
              "type": "Microsoft.Network/loadBalancers/backendAddressPools"}]
    return {"backendAddressPools": pools, "etag": 'W/"' + uid("etag", name) + '"', "frontendIPConfigurations": fes,
            "id": lb_id(name), "inboundNatPools": [], "inboundNatRules": [], "loadBalancingRules": rules,
            "location": "westeurope", "name": name, "outboundRules": [], "probes": probes,
            "provisioningState": "Succeeded", "resourceGroup": NRG, "resourceGuid": uid("guid", name),
            "sku": {"name": sku, "tier": "Regional"},
            "tags": {"aks-managed-cluster-name": "aks-mini", "aks-managed-cluster-rg": RG},
            "type": "Microsoft.Network/loadBalancers"}


def public_ip(name, ip, sku="Standard"):
    """One entry of `az network public-ip list`."""
    return {"ddosSettings": {"protectionMode": "VirtualNetworkInherited"}, "etag": 'W/"' + uid("etag", name) + '"',
            "id": rid(NRG, "publicIPAddresses", name), "idleTimeoutInMinutes": 4, "ipAddress": ip, "ipTags": [],
            "location": "westeurope", "name": name, "provisioningState": "Succeeded",
            "publicIPAddressVersion": "IPv4", "publicIPAllocationMethod": "Static", "resourceGroup": NRG,
            "resourceGuid": uid("guid", name), "sku": {"name": sku, "tier": "Regional"},
            "tags": {"k8s-azure-cluster-name": "kubernetes", "k8s-azure-service": "default/web"},
            "type": "Microsoft.Network/publicIPAddresses"}


# ----------------------------------------------------------------------------------------------- writing

def write_scenario(root, name, k8s_items, k8s_comment, azure_files, scenario_yaml):
    d = os.path.join(root, name)
    os.makedirs(os.path.join(d, "k8s"), exist_ok=True)
    os.makedirs(os.path.join(d, "azure"), exist_ok=True)
    with open(os.path.join(d, "k8s", "cluster.yaml"), "w") as f:
        f.write(k8s_list(k8s_items, k8s_comment))
    for fname, (comment_cmd, obj) in azure_files.items():
        with open(os.path.join(d, "azure", fname), "w") as f:
            json.dump(obj, f, indent=2, sort_keys=True)
            f.write("\n")
    if scenario_yaml:
        with open(os.path.join(d, "scenario.yaml"), "w") as f:
            f.write(scenario_yaml)
