package io.github.aksreach.nsg.load;

/** The Azure resource kinds the parser reads, by their ARM {@code type}. */
enum AzureKind {
  VNET("Microsoft.Network/virtualNetworks"),
  SUBNET("Microsoft.Network/virtualNetworks/subnets"),
  NSG("Microsoft.Network/networkSecurityGroups"),
  RULE("Microsoft.Network/networkSecurityGroups/securityRules"),
  DEFAULT_RULE("Microsoft.Network/networkSecurityGroups/defaultSecurityRules"),
  NIC("Microsoft.Network/networkInterfaces"),
  ROUTE_TABLE("Microsoft.Network/routeTables"),
  ROUTE("Microsoft.Network/routeTables/routes"),
  ASG("Microsoft.Network/applicationSecurityGroups"),
  LB("Microsoft.Network/loadBalancers"),
  PIP("Microsoft.Network/publicIPAddresses"),
  AKS("Microsoft.ContainerService/managedClusters"),
  TAGS("Microsoft.Network/serviceTags"),
  APP_GATEWAY("Microsoft.Network/applicationGateways"),
  FIREWALL("Microsoft.Network/azureFirewalls"),
  /** {@code az network nic list-effective-nsg}: one entry per NSG on a NIC's path, with its effective rules. */
  EFFECTIVE_NSG(""),
  UNKNOWN("");

  final String type;

  AzureKind(String type) {
    this.type = type;
  }

  static AzureKind ofType(String type) {
    for (AzureKind k : values()) {
      if (!k.type.isEmpty() && k.type.equalsIgnoreCase(type)) {
        return k;
      }
    }
    return UNKNOWN;
  }
}
