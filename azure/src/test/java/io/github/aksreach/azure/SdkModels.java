package io.github.aksreach.azure;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonSerializable;
import com.azure.json.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test stand-ins for the Azure SDK's resource-manager inner models, which this module keeps off its class path (it
 * depends on azure-json alone; {@code aksreach-azure-live} runs the real {@code azure-resourcemanager-network} and
 * {@code -containerservice} 2.53.0 models through the same path, against recorded ARM responses). Each {@link Model} writes, through azure-json, what its upstream class's
 * {@code toJson} writes for the lab's {@code az} objects: the same fields in the same order, {@code properties}
 * nested, every read-only field left out, a reference to another resource as the referenced inner model writes it
 * when only its id is set ({@code {"id": ...}}), and null fields not written (azure-json's field writers skip them).
 *
 * <p>Upstream classes mirrored (Azure/azure-sdk-for-java, {@code sdk/network/azure-resourcemanager-network}, the
 * sources of version 2.61.0, and {@code sdk/containerservice/azure-resourcemanager-containerservice}):
 * <ul>
 *   <li>{@link #nsg}: {@code NetworkSecurityGroupInner} (location, tags, properties, id) and
 *       {@code NetworkSecurityGroupPropertiesFormat} (flushConnection, securityRules; not defaultSecurityRules,
 *       networkInterfaces, subnets, flowLogs, resourceGuid, provisioningState);</li>
 *   <li>{@link #rule}: {@code SecurityRuleInner} (id, name, properties) and {@code SecurityRulePropertiesFormat}
 *       (protocol ... destinationPortRanges, in its order);</li>
 *   <li>{@link #nic}: {@code NetworkInterfaceInner} (location, tags, properties, extendedLocation, id) and
 *       {@code NetworkInterfacePropertiesFormatInner} (networkSecurityGroup, ipConfigurations, dnsSettings,
 *       enableAcceleratedNetworking, disableTcpStateTracking, enableIPForwarding, ...; not virtualMachine,
 *       macAddress, primary);</li>
 *   <li>{@link #ipConfiguration}: {@code NetworkInterfaceIpConfigurationInner} (id, name, properties) and
 *       {@code NetworkInterfaceIpConfigurationPropertiesFormatInner};</li>
 *   <li>{@link #vnet}: {@code VirtualNetworkInner} (location, tags, properties, extendedLocation, id) and
 *       {@code VirtualNetworkPropertiesFormat}; {@link #subnet}: {@code SubnetInner} (id, properties, name, type)
 *       and {@code SubnetPropertiesFormatInner} (not ipConfigurations, provisioningState, purpose);</li>
 *   <li>{@link #routeTable}: {@code RouteTableInner} (location, tags, properties, id),
 *       {@code RouteTablePropertiesFormat} (routes, disableBgpRoutePropagation, disablePeeringRoute; not subnets);
 *       {@link #route}: {@code RouteInner} (id, name, properties), {@code RoutePropertiesFormat} (nextHopType,
 *       addressPrefix, nextHopIpAddress; not hasBgpOverride);</li>
 *   <li>{@link #managedCluster}: {@code ManagedClusterInner} (location, tags, properties, sku, extendedLocation,
 *       identity, kind: no id, name or type; the lab's az objects give no extendedLocation or kind, and identity is
 *       not mirrored), with of {@code ManagedClusterProperties} only the fields the loader reads
 *       (kubernetesVersion, dnsPrefix, agentPoolProfiles, nodeResourceGroup, networkProfile), each writable there;
 *       the agent pools' and network profile's ARM names ({@code vnetSubnetID}, {@code dnsServiceIP}) where
 *       {@code az} writes others.</li>
 * </ul>
 */
final class SdkModels {
  private SdkModels() {}

  /** One model object: the JSON its upstream class writes, in order. */
  static final class Model implements JsonSerializable<Model> {
    final String upstream;
    final Map<String, Object> fields;

    Model(String upstream, Map<String, Object> fields) {
      this.upstream = upstream;
      this.fields = fields;
    }

    @Override
    public JsonWriter toJson(JsonWriter w) throws IOException {
      return w.writeUntyped(fields);
    }

    @Override
    public String toString() {
      return upstream;
    }
  }

  /** An ordered object that, as azure-json's field writers do, leaves out null fields. */
  private static final class Obj {
    final Map<String, Object> m = new LinkedHashMap<>();

    Obj put(String key, Object value) {
      if (value != null) {
        m.put(key, value instanceof Obj o ? o.m : value);
      }
      return this;
    }

    Obj copy(Map<String, Object> az, String... keys) {
      for (String k : keys) {
        put(k, az.get(k));
      }
      return this;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> obj(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return o == null ? null : (List<Object>) o;
  }

  /** A reference as the referenced inner model writes it with only its id set; null when absent. */
  private static Map<String, Object> ref(Object azRef) {
    return azRef == null ? null : new Obj().put("id", obj(azRef).get("id")).m;
  }

  private static List<Object> refs(Object azRefs) {
    List<Object> l = list(azRefs);
    return l == null ? null : l.stream().map(r -> (Object) ref(r)).toList();
  }

  private static List<Object> each(Object azList, java.util.function.Function<Map<String, Object>, Object> f) {
    List<Object> l = list(azList);
    return l == null ? null : l.stream().map(o -> f.apply(obj(o))).toList();
  }

  private static Object unsupportedIfAny(Object azList, String what) {
    List<Object> l = list(azList);
    if (l != null && !l.isEmpty()) {
      throw new IllegalArgumentException(what + " are not mirrored (the lab has none)");
    }
    return l;
  }

  static Model nsg(Map<String, Object> az) {
    Obj props = new Obj().put("flushConnection", az.get("flushConnection"))
        .put("securityRules", each(az.get("securityRules"), SdkModels::rule));
    return new Model("NetworkSecurityGroupInner", new Obj().put("location", az.get("location"))
        .put("tags", az.get("tags")).put("properties", props).put("id", az.get("id")).m);
  }

  static Map<String, Object> rule(Map<String, Object> az) {
    Obj p = new Obj().copy(az, "protocol", "access", "priority", "direction", "description", "sourcePortRange",
            "destinationPortRange", "sourceAddressPrefix", "sourceAddressPrefixes")
        .put("sourceApplicationSecurityGroups", refs(az.get("sourceApplicationSecurityGroups")))
        .copy(az, "destinationAddressPrefix", "destinationAddressPrefixes")
        .put("destinationApplicationSecurityGroups", refs(az.get("destinationApplicationSecurityGroups")))
        .copy(az, "sourcePortRanges", "destinationPortRanges");
    return new Obj().copy(az, "id", "name").put("properties", p).m;
  }

  static Model nic(Map<String, Object> az) {
    Map<String, Object> dns = az.get("dnsSettings") == null ? null : obj(az.get("dnsSettings"));
    Obj p = new Obj().put("networkSecurityGroup", ref(az.get("networkSecurityGroup")))
        .put("ipConfigurations", each(az.get("ipConfigurations"), SdkModels::ipConfiguration))
        .put("dnsSettings", dns == null ? null : new Obj().copy(dns, "dnsServers", "internalDnsNameLabel"))
        .copy(az, "enableAcceleratedNetworking", "disableTcpStateTracking", "enableIPForwarding", "workloadType",
            "nicType")
        .put("privateLinkService", ref(az.get("privateLinkService")))
        .copy(az, "migrationPhase", "auxiliaryMode", "auxiliarySku");
    return new Model("NetworkInterfaceInner", new Obj().put("location", az.get("location"))
        .put("tags", az.get("tags")).put("properties", p).put("extendedLocation", az.get("extendedLocation"))
        .put("id", az.get("id")).m);
  }

  static Map<String, Object> ipConfiguration(Map<String, Object> az) {
    Obj p = new Obj().put("gatewayLoadBalancer", ref(az.get("gatewayLoadBalancer")))
        .put("virtualNetworkTaps", refs(az.get("virtualNetworkTaps")))
        .put("applicationGatewayBackendAddressPools", refs(az.get("applicationGatewayBackendAddressPools")))
        .put("loadBalancerBackendAddressPools", refs(az.get("loadBalancerBackendAddressPools")))
        .put("loadBalancerInboundNatRules", refs(az.get("loadBalancerInboundNatRules")))
        .copy(az, "privateIPAddress", "privateIPAddressPrefixLength", "privateIPAllocationMethod",
            "privateIPAddressVersion")
        .put("subnet", ref(az.get("subnet"))).copy(az, "primary")
        .put("publicIPAddress", ref(az.get("publicIPAddress")))
        .put("applicationSecurityGroups", refs(az.get("applicationSecurityGroups")));
    return new Obj().copy(az, "id", "name").put("properties", p).m;
  }

  static Model vnet(Map<String, Object> az) {
    Map<String, Object> space = obj(az.get("addressSpace"));
    Map<String, Object> dhcp = az.get("dhcpOptions") == null ? null : obj(az.get("dhcpOptions"));
    Obj p = new Obj().put("addressSpace", space == null ? null : new Obj().copy(space, "addressPrefixes"))
        .put("dhcpOptions", dhcp == null ? null : new Obj().copy(dhcp, "dnsServers"))
        .copy(az, "flowTimeoutInMinutes")
        .put("subnets", each(az.get("subnets"), SdkModels::subnet))
        .put("virtualNetworkPeerings", unsupportedIfAny(az.get("virtualNetworkPeerings"), "peerings"))
        .copy(az, "enableDdosProtection", "enableVmProtection")
        .put("ddosProtectionPlan", ref(az.get("ddosProtectionPlan")))
        .put("ipAllocations", refs(az.get("ipAllocations")))
        .copy(az, "privateEndpointVNetPolicies");
    return new Model("VirtualNetworkInner", new Obj().put("location", az.get("location"))
        .put("tags", az.get("tags")).put("properties", p).put("extendedLocation", az.get("extendedLocation"))
        .put("id", az.get("id")).m);
  }

  static Map<String, Object> subnet(Map<String, Object> az) {
    Obj p = new Obj().copy(az, "addressPrefix", "addressPrefixes")
        .put("networkSecurityGroup", ref(az.get("networkSecurityGroup")))
        .put("routeTable", ref(az.get("routeTable"))).put("natGateway", ref(az.get("natGateway")))
        .put("serviceEndpoints", unsupportedIfAny(az.get("serviceEndpoints"), "service endpoints"))
        .put("serviceEndpointPolicies", refs(az.get("serviceEndpointPolicies")))
        .put("ipAllocations", refs(az.get("ipAllocations")))
        .put("delegations", unsupportedIfAny(az.get("delegations"), "delegations"))
        .copy(az, "privateEndpointNetworkPolicies", "privateLinkServiceNetworkPolicies", "sharingScope",
            "defaultOutboundAccess");
    return new Obj().copy(az, "id").put("properties", p).copy(az, "name", "type").m;
  }

  static Model routeTable(Map<String, Object> az) {
    Obj p = new Obj().put("routes", each(az.get("routes"), SdkModels::route))
        .copy(az, "disableBgpRoutePropagation", "disablePeeringRoute");
    return new Model("RouteTableInner", new Obj().put("location", az.get("location")).put("tags", az.get("tags"))
        .put("properties", p).put("id", az.get("id")).m);
  }

  static Map<String, Object> route(Map<String, Object> az) {
    return new Obj().copy(az, "id", "name")
        .put("properties", new Obj().copy(az, "nextHopType", "addressPrefix", "nextHopIpAddress")).m;
  }

  static Model managedCluster(Map<String, Object> az) {
    Map<String, Object> np = obj(az.get("networkProfile"));
    Obj network = np == null ? null : new Obj().copy(np, "networkPlugin", "networkPluginMode", "networkPolicy",
            "podCidr", "serviceCidr").put("dnsServiceIP", np.get("dnsServiceIp"))
        .copy(np, "outboundType", "loadBalancerSku", "podCidrs", "serviceCidrs", "ipFamilies");
    Obj p = new Obj().copy(az, "kubernetesVersion", "dnsPrefix")
        .put("agentPoolProfiles", each(az.get("agentPoolProfiles"), a -> new Obj().copy(a, "count", "vmSize",
                "osType").put("vnetSubnetID", a.get("vnetSubnetId")).put("podSubnetID", a.get("podSubnetId"))
            .copy(a, "maxPods", "type", "mode", "orchestratorVersion", "name").m))
        .copy(az, "nodeResourceGroup").put("networkProfile", network);
    return new Model("ManagedClusterInner", new Obj().put("location", az.get("location")).put("tags", az.get("tags"))
        .put("properties", p).put("sku", az.get("sku")).put("kind", az.get("kind")).m);
  }

  /** The {@code az} objects of one file: a list, or one object. */
  static List<Map<String, Object>> azObjects(Path file) {
    try (JsonReader r = JsonProviders.createReader(Files.readString(file))) {
      Object tree = r.readUntyped();
      List<Map<String, Object>> out = new ArrayList<>();
      if (tree instanceof List<?> l) {
        l.forEach(o -> out.add(obj(o)));
      } else {
        out.add(obj(tree));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
