#!/usr/bin/env python3
"""The issue-12 corpus scenarios (real Azure input shapes, nothing lost in silence).

Each is derived from a generated corpus scenario (copied, then changed the way the named `az` command or Azure
PowerShell would print it). Run from examples/src/test: python3 scenario-generator/issue12_scenarios.py
The expect.yaml files are hand-written.
"""
import copy
import json
import os
import shutil

ROOT = "resources/scenarios"
SUB = "/subscriptions/00000000-0000-0000-0000-000000000000"
MC = SUB + "/resourceGroups/MC_rg-mini_aks-mini_westeurope/providers/Microsoft.Network"
RG = SUB + "/resourceGroups/rg-mini/providers/Microsoft.Network"


def load(path):
    with open(path) as f:
        return json.load(f)


def dump(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


def base(name, src, header):
    d = os.path.join(ROOT, name)
    if os.path.isdir(d):
        keep = os.path.join(d, "expect.yaml")
        expect = open(keep).read() if os.path.exists(keep) else None
        shutil.rmtree(d)
    else:
        expect = None
    shutil.copytree(os.path.join(ROOT, src), d)
    for f in ("expect.yaml", "flows.txt"):
        if os.path.exists(os.path.join(d, f)):
            os.remove(os.path.join(d, f))
    if expect:
        open(os.path.join(d, "expect.yaml"), "w").write(expect)
    cfg = open(os.path.join(d, "scenario.yaml")).read().split("\n")
    body = "\n".join(l for l in cfg if not l.startswith("#"))
    open(os.path.join(d, "scenario.yaml"), "w").write("".join("# " + l + "\n" for l in header.split("\n")) + body)
    return d


def rule(nsg_id, name, prio, direction, access, src, dst, port="*", proto="*", default=False):
    kind = "defaultSecurityRules" if default else "securityRules"
    return {"access": access, "destinationAddressPrefix": dst, "destinationAddressPrefixes": [],
            "destinationApplicationSecurityGroups": None, "destinationPortRange": port, "destinationPortRanges": [],
            "direction": direction, "etag": "W/\"00000000-0000-0000-0000-000000000012\"",
            "id": nsg_id + "/" + kind + "/" + name, "name": name, "priority": prio, "protocol": proto,
            "provisioningState": "Succeeded", "resourceGroup": nsg_id.split("/")[4], "sourceAddressPrefix": src,
            "sourceAddressPrefixes": [], "sourceApplicationSecurityGroups": None, "sourcePortRange": "*",
            "sourcePortRanges": [], "type": "Microsoft.Network/networkSecurityGroups/" + kind}


def custom_rule_named_like_default():
    d = base("nsg-custom-rule-default-name", "nsg-default-rules",
             "Microsoft's AKS baseline writes custom rules named like default rules: a custom DenyAllInBound at\n"
             "4096 and a custom AllowAzureLoadBalancerInBound at 4000 on the cluster NSG (securityRules/X), next to\n"
             "the default rules of the same names (defaultSecurityRules/X). Azure accepts it: separate collections,\n"
             "both evaluated by priority (defaults at 65000+). Derived from nsg-default-rules.")
    nsgs = load(os.path.join(d, "azure/nsgs.json"))
    c = nsgs[0]
    c["securityRules"] = [
        rule(c["id"], "AllowClients", 1000, "Inbound", "Allow", "10.10.9.0/24", "*"),
        rule(c["id"], "AllowAzureLoadBalancerInBound", 4000, "Inbound", "Allow", "AzureLoadBalancer", "*"),
        rule(c["id"], "DenyAllInBound", 4096, "Inbound", "Deny", "*", "*"),
    ]
    dump(os.path.join(d, "azure/nsgs.json"), nsgs)


def service_tags_az_cli():
    d = base("service-tags-az-cli", "nsg-service-tag",
             "az network list-service-tags --location westeurope: type Microsoft.Network/serviceTags, changeNumber\n"
             "a string, values[] with serviceTagChangeNumber: read as service tags, not skipped. Derived from\n"
             "nsg-service-tag, whose Service Tags download it replaces.")
    src = [f for f in os.listdir(os.path.join(d, "azure")) if f.startswith("ServiceTags_")][0]
    tags = load(os.path.join(d, "azure", src))
    os.remove(os.path.join(d, "azure", src))
    values = []
    for v in tags["values"]:
        v = copy.deepcopy(v)
        v["properties"]["changeNumber"] = str(v["properties"]["changeNumber"])
        v["serviceTagChangeNumber"] = str(tags["changeNumber"])
        values.append(v)
    out = {"changeNumber": str(tags["changeNumber"]), "cloud": "Public",
           "id": SUB + "/providers/Microsoft.Network/serviceTags/Public", "name": "Public", "nextLink": None,
           "type": "Microsoft.Network/serviceTags", "values": values}
    dump(os.path.join(d, "azure/service-tags.json"), out)


def nic_prefix_stateless():
    d = base("nic-ip-prefix-stateless", "nsg-client-outbound",
             "A client NIC whose IP configuration holds a block (privateIPAddress 10.10.9.16/28 with\n"
             "privateIPAddressPrefixLength 28, as Azure CNI static block allocation writes it) and\n"
             "disableTcpStateTracking: true. Every address of the block is the NIC's, so its NSG nsg-vm-a (DenyWebOut)\n"
             "decides for them; the stateless NIC is reported as a note (lint: load-notes). Derived from\n"
             "nsg-client-outbound.")
    nics = load(os.path.join(d, "azure/nics.json"))
    a = nics[0]
    ipc = a["ipConfigurations"][0]
    ipc["privateIPAddress"] = "10.10.9.16/28"
    ipc["privateIPAddressPrefixLength"] = 28
    a["disableTcpStateTracking"] = True
    dump(os.path.join(d, "azure/nics.json"), nics)
    nsgs = load(os.path.join(d, "azure/nsgs.json"))
    for n in nsgs:
        if n["name"] == "nsg-clients":
            n["securityRules"] = []
    dump(os.path.join(d, "azure/nsgs.json"), nsgs)


def leading_zero():
    d = base("bad-input-leading-zero", "nsg-default-rules",
             "Leading-zero IPv4 octets (010.10.9.0/24 in az network vnet show, 10.244.000.10 as a pod IP): some\n"
             "tools read them as octal, Kubernetes refuses them; aksreach refuses them with file and path, and the\n"
             "CLI refuses them in --from too. Derived from nsg-default-rules.")
    v = load(os.path.join(d, "azure/vnet.json"))
    v["subnets"][1]["addressPrefix"] = "010.10.9.0/24"
    dump(os.path.join(d, "azure/vnet.json"), v)
    p = os.path.join(d, "k8s/cluster.yaml")
    t = open(p).read()
    assert "podIP: 10.244.0.10\n    podIPs:\n    - ip: 10.244.0.10" in t
    t = t.replace("podIP: 10.244.0.10\n    podIPs:\n    - ip: 10.244.0.10",
                  "podIP: 10.244.000.10\n    podIPs:\n    - ip: 10.244.000.10", 1)
    open(p, "w").write(t)


def skipped_objects():
    d = base("load-notes-skipped-objects", "nsg-client-outbound",
             "What is not modelled is never lost in silence: an az network nic create output ({\"NewNIC\": {...}})\n"
             "is unwrapped and read; az network application-gateway show, az network firewall show and\n"
             "az network nic list-effective-nsg are read as inventory with a note that they are not yet on the path;\n"
             "an Azure PowerShell Get-AzResource object (Properties/Type) of a kind outside the model is skipped\n"
             "with a note. Every command prints the notes on stderr; lint reports them (load-notes, info).\n"
             "Derived from nsg-client-outbound.")
    nics = load(os.path.join(d, "azure/nics.json"))
    dump(os.path.join(d, "azure/nics.json"), [nics[1]])
    dump(os.path.join(d, "azure/nic-create.json"), {"NewNIC": nics[0]})
    appgw = {"id": RG + "/applicationGateways/agw-mini", "name": "agw-mini", "location": "westeurope",
             "resourceGroup": "rg-mini", "type": "Microsoft.Network/applicationGateways",
             "sku": {"name": "WAF_v2", "tier": "WAF_v2", "capacity": 2}, "operationalState": "Running",
             "frontendIPConfigurations": [{"name": "appGwPrivateFrontendIp", "privateIPAddress": "10.10.9.200",
                                           "privateIPAllocationMethod": "Static",
                                           "subnet": {"id": RG + "/virtualNetworks/vnet-mini/subnets/clients"}}],
             "backendAddressPools": [{"name": "aks", "backendAddresses": [{"ipAddress": "10.10.1.100"}]}],
             "httpListeners": [], "requestRoutingRules": []}
    dump(os.path.join(d, "azure/appgw.json"), appgw)
    fw = {"id": RG + "/azureFirewalls/fw-mini", "name": "fw-mini", "location": "westeurope",
          "resourceGroup": "rg-mini", "type": "Microsoft.Network/azureFirewalls",
          "sku": {"name": "AZFW_VNet", "tier": "Standard"}, "threatIntelMode": "Alert",
          "ipConfigurations": [{"name": "fw-ipconfig", "privateIPAddress": "10.10.8.4",
                                "subnet": {"id": RG + "/virtualNetworks/vnet-hub/subnets/AzureFirewallSubnet"}}],
          "networkRuleCollections": [], "applicationRuleCollections": [], "natRuleCollections": []}
    dump(os.path.join(d, "azure/firewall.json"), fw)
    nsg_b = RG + "/networkSecurityGroups/nsg-vm-b"
    eff = {"value": [{"association": {"networkInterface": {"id": RG + "/networkInterfaces/vm-b-nic"}},
                      "networkSecurityGroup": {"id": nsg_b},
                      "effectiveSecurityRules": [
                          {"name": "defaultSecurityRules/AllowVnetInBound", "protocol": "All",
                           "sourcePortRange": "0-65535", "destinationPortRange": "0-65535",
                           "sourceAddressPrefix": "VirtualNetwork", "destinationAddressPrefix": "VirtualNetwork",
                           "expandedSourceAddressPrefix": ["10.10.0.0/16"],
                           "expandedDestinationAddressPrefix": ["10.10.0.0/16"], "access": "Allow",
                           "priority": 65000, "direction": "Inbound"},
                          {"name": "defaultSecurityRules/DenyAllInBound", "protocol": "All",
                           "sourcePortRange": "0-65535", "destinationPortRange": "0-65535",
                           "sourceAddressPrefix": "0.0.0.0/0", "destinationAddressPrefix": "0.0.0.0/0",
                           "access": "Deny", "priority": 65500, "direction": "Inbound"}],
                      "tagMap": "{}"}]}
    dump(os.path.join(d, "azure/effective-nsg.json"), eff)
    ps = {"Name": "stminiflowlogs", "ResourceId": SUB + "/resourceGroups/rg-mini/providers/Microsoft.Storage/"
          "storageAccounts/stminiflowlogs", "ResourceName": "stminiflowlogs",
          "ResourceType": "Microsoft.Storage/storageAccounts", "ResourceGroupName": "rg-mini",
          "Location": "westeurope", "SubscriptionId": "00000000-0000-0000-0000-000000000000",
          "Properties": {"accessTier": "Hot", "supportsHttpsTrafficOnly": True},
          "Type": "Microsoft.Storage/storageAccounts"}
    dump(os.path.join(d, "azure/powershell-storage.json"), ps)


def skip_invalid():
    d = base("skip-invalid-bad-rule", "nsg-client-outbound",
             "One bad object: nsg-vm-b has a rule at priority 5000 (custom rules are 100-4096). Without\n"
             "--skip-invalid the scenario is refused (exit 2, file and path); with it, the rule is left out, said so\n"
             "on stderr, and the rest answers. Derived from nsg-client-outbound.")
    nsgs = load(os.path.join(d, "azure/nsgs.json"))
    for n in nsgs:
        if n["name"] == "nsg-vm-b":
            n["securityRules"].append(rule(n["id"], "AllowLater", 5000, "Outbound", "Allow", "*", "*"))
    dump(os.path.join(d, "azure/nsgs.json"), nsgs)


def rule_list_include_default():
    d = base("nsg-rule-list-include-default", "nsg-client-outbound",
             "az network nsg rule list --include-default for nsg-clients instead of its az network nsg show: each\n"
             "rule carries its NSG's id, so the NSG is built from its rules (custom and default) and the subnet\n"
             "clients keeps it. Derived from nsg-client-outbound.")
    nsgs = load(os.path.join(d, "azure/nsgs.json"))
    clients = [n for n in nsgs if n["name"] == "nsg-clients"][0]
    dump(os.path.join(d, "azure/nsgs.json"), [n for n in nsgs if n["name"] != "nsg-clients"])
    dump(os.path.join(d, "azure/nsg-clients-rules.json"),
         clients["securityRules"] + clients["defaultSecurityRules"])


if __name__ == "__main__":
    custom_rule_named_like_default()
    service_tags_az_cli()
    nic_prefix_stateless()
    leading_zero()
    skipped_objects()
    skip_invalid()
    rule_list_include_default()
