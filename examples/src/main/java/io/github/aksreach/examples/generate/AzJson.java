package io.github.aksreach.examples.generate;

import static io.github.aksreach.examples.generate.KubectlJson.refuse;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.PortRange;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.nsg.model.AddressSpec;
import io.github.aksreach.nsg.model.IpConfiguration;
import io.github.aksreach.nsg.model.NetworkInterface;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.ResourceId;
import io.github.aksreach.nsg.model.SecurityRule;
import io.github.aksreach.nsg.model.ServiceTagCatalog;
import io.github.aksreach.nsg.model.ServiceTagEntry;
import io.github.aksreach.nsg.model.Subnet;
import io.github.aksreach.nsg.model.VirtualNetwork;
import java.io.IOException;
import java.util.List;

/**
 * Writes Azure model objects as the az CLI prints them ({@code az network vnet show}, {@code nsg list}, {@code nic
 * list}, {@code list-service-tags}), with the fields the readers read and the ones az always prints beside them.
 * A feature this writer does not write (route tables, NIC address prefixes, stateless NICs) is refused with
 * {@link IllegalArgumentException} rather than written without it.
 */
final class AzJson {
  private static final String LOCATION = "westeurope";
  private final JsonGenerator g;

  AzJson(JsonGenerator g) {
    this.g = g;
  }

  void vnet(VirtualNetwork v) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("addressSpace");
    prefixes("addressPrefixes", v.addressPrefixes());
    g.writeEndObject();
    g.writeBooleanField("enableDdosProtection", false);
    g.writeStringField("id", v.id().value());
    g.writeStringField("location", LOCATION);
    g.writeStringField("name", v.name());
    g.writeStringField("provisioningState", "Succeeded");
    g.writeArrayFieldStart("subnets");
    for (Subnet s : v.subnets()) {
      refuse(s.routeTableId().isPresent(), "subnet " + s.name() + ": route tables are not written");
      g.writeStartObject();
      if (s.prefixes().size() == 1) {
        g.writeStringField("addressPrefix", s.prefixes().get(0).toString());
      } else {
        prefixes("addressPrefixes", s.prefixes());
      }
      g.writeStringField("id", s.id().value());
      g.writeStringField("name", s.name());
      if (s.nsgId().isPresent()) {
        ref("networkSecurityGroup", s.nsgId().get());
      } else {
        g.writeNullField("networkSecurityGroup");
      }
      g.writeStringField("provisioningState", "Succeeded");
      g.writeNullField("routeTable");
      g.writeStringField("type", "Microsoft.Network/virtualNetworks/subnets");
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringField("type", "Microsoft.Network/virtualNetworks");
    g.writeArrayFieldStart("virtualNetworkPeerings");
    if (!v.peeredPrefixes().isEmpty()) {
      g.writeStartObject();
      g.writeBooleanField("allowForwardedTraffic", true);
      g.writeBooleanField("allowVirtualNetworkAccess", true);
      g.writeStringField("id", v.id().value() + "/virtualNetworkPeerings/peer-hub");
      g.writeStringField("name", "peer-hub");
      g.writeStringField("peeringState", "Connected");
      g.writeObjectFieldStart("remoteAddressSpace");
      prefixes("addressPrefixes", v.peeredPrefixes());
      g.writeEndObject();
      g.writeStringField("type", "Microsoft.Network/virtualNetworks/virtualNetworkPeerings");
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  void nsg(NetworkSecurityGroup n) throws IOException {
    g.writeStartObject();
    g.writeArrayFieldStart("defaultSecurityRules");
    for (SecurityRule r : n.defaultRules()) {
      rule(n, r, "defaultSecurityRules");
    }
    g.writeEndArray();
    if (n.flushConnection().isPresent()) {
      g.writeBooleanField("flushConnection", n.flushConnection().get());
    }
    g.writeStringField("id", n.id().value());
    g.writeStringField("location", LOCATION);
    g.writeStringField("name", n.name());
    refs("networkInterfaces", n.nicIds());
    g.writeStringField("provisioningState", "Succeeded");
    g.writeArrayFieldStart("securityRules");
    for (SecurityRule r : n.customRules()) {
      rule(n, r, "securityRules");
    }
    g.writeEndArray();
    refs("subnets", n.subnetIds());
    g.writeStringField("type", "Microsoft.Network/networkSecurityGroups");
    g.writeEndObject();
  }

  private void rule(NetworkSecurityGroup n, SecurityRule r, String kind) throws IOException {
    g.writeStartObject();
    g.writeStringField("access", r.access().azureName());
    if (r.description().isPresent()) {
      g.writeStringField("description", r.description().get());
    }
    address("destination", r.destination());
    ports("destination", r.destinationPorts());
    g.writeStringField("direction", r.direction().azureName());
    g.writeStringField("id", r.id().map(ResourceId::value).orElse(n.id().value() + "/" + kind + "/" + r.name()));
    g.writeStringField("name", r.name());
    g.writeNumberField("priority", r.priority().value());
    g.writeStringField("protocol", r.protocol().azureName());
    g.writeStringField("provisioningState", "Succeeded");
    address("source", r.source());
    ports("source", r.sourcePorts());
    g.writeStringField("type", "Microsoft.Network/networkSecurityGroups/" + kind);
    g.writeEndObject();
  }

  private void address(String side, AddressSpec a) throws IOException {
    if (a instanceof AddressSpec.Prefixes p && p.prefixes().size() > 1) {
      prefixes(side + "AddressPrefixes", p.prefixes());
    } else if (a instanceof AddressSpec.Asgs asgs) {
      refs(side + "ApplicationSecurityGroups", asgs.ids());
    } else {
      String one = a instanceof AddressSpec.Prefixes p ? p.prefixes().get(0).toString()
          : a instanceof AddressSpec.ServiceTag t ? t.name() : "*";
      g.writeStringField(side + "AddressPrefix", one);
      g.writeArrayFieldStart(side + "AddressPrefixes");
      g.writeEndArray();
    }
  }

  private void ports(String side, PortSet ports) throws IOException {
    List<PortRange> ranges = ports.ranges();
    if (ports.equals(PortSet.all()) || ranges.size() == 1) {
      g.writeStringField(side + "PortRange", ports.equals(PortSet.all()) ? "*" : ranges.get(0).toString());
      g.writeArrayFieldStart(side + "PortRanges");
      g.writeEndArray();
      return;
    }
    g.writeArrayFieldStart(side + "PortRanges");
    for (PortRange r : ranges) {
      g.writeString(r.toString());
    }
    g.writeEndArray();
  }

  void nic(NetworkInterface n) throws IOException {
    refuse(n.disableTcpStateTracking(), "nic " + n.name() + ": disableTcpStateTracking is not written");
    g.writeStartObject();
    g.writeBooleanField("enableAcceleratedNetworking", false);
    g.writeBooleanField("enableIPForwarding", n.enableIpForwarding());
    g.writeStringField("id", n.id().value());
    g.writeArrayFieldStart("ipConfigurations");
    for (IpConfiguration c : n.ipConfigurations()) {
      refuse(c.privateIpPrefixLength().isPresent(), "nic " + n.name() + ": address prefixes are not written");
      g.writeStartObject();
      refs("applicationSecurityGroups", c.asgIds());
      g.writeStringField("id", c.id().map(ResourceId::value).orElse(n.id().value() + "/ipConfigurations/"
          + c.name()));
      refs("loadBalancerBackendAddressPools", c.backendPoolIds());
      g.writeStringField("name", c.name());
      g.writeBooleanField("primary", c.primary());
      if (c.privateIp().isPresent()) {
        g.writeStringField("privateIPAddress", c.privateIp().get().toString());
        g.writeStringField("privateIPAddressVersion", c.privateIp().get().family()
            == io.github.aksreach.core.model.IpFamily.V4 ? "IPv4" : "IPv6");
      }
      g.writeStringField("privateIPAllocationMethod", "Dynamic");
      g.writeStringField("provisioningState", "Succeeded");
      if (c.subnetId().isPresent()) {
        ref("subnet", c.subnetId().get());
      }
      g.writeStringField("type", "Microsoft.Network/networkInterfaces/ipConfigurations");
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringField("location", LOCATION);
    g.writeStringField("macAddress", mac(n.id().value()));
    g.writeStringField("name", n.name());
    if (n.nsgId().isPresent()) {
      ref("networkSecurityGroup", n.nsgId().get());
    }
    g.writeBooleanField("primary", true);
    g.writeStringField("provisioningState", "Succeeded");
    g.writeStringField("type", "Microsoft.Network/networkInterfaces");
    if (n.virtualMachineId().isPresent()) {
      ref("virtualMachine", n.virtualMachineId().get());
    }
    g.writeEndObject();
  }

  void serviceTags(ServiceTagCatalog c) throws IOException {
    g.writeStartObject();
    g.writeNumberField("changeNumber", c.changeNumber().orElse(1L));
    g.writeStringField("cloud", c.cloud().orElse("Public"));
    g.writeArrayFieldStart("values");
    for (ServiceTagEntry e : c.entries()) {
      g.writeStartObject();
      g.writeStringField("id", e.name());
      g.writeStringField("name", e.name());
      g.writeObjectFieldStart("properties");
      prefixes("addressPrefixes", e.prefixes());
      if (e.changeNumber().isPresent()) {
        g.writeNumberField("changeNumber", e.changeNumber().get());
      }
      g.writeStringField("platform", "Azure");
      g.writeStringField("region", e.region());
      if (e.systemService().isPresent()) {
        g.writeStringField("systemService", e.systemService().get());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private void prefixes(String field, List<IpPrefix> ps) throws IOException {
    g.writeArrayFieldStart(field);
    for (IpPrefix p : ps) {
      g.writeString(p.toString());
    }
    g.writeEndArray();
  }

  private void ref(String field, ResourceId id) throws IOException {
    g.writeObjectFieldStart(field);
    g.writeStringField("id", id.value());
    g.writeEndObject();
  }

  private void refs(String field, List<ResourceId> ids) throws IOException {
    g.writeArrayFieldStart(field);
    for (ResourceId id : ids) {
      g.writeStartObject();
      g.writeStringField("id", id.value());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static String mac(String key) {
    int h = key.hashCode();
    return String.format(java.util.Locale.ROOT, "00-0D-3A-%02X-%02X-%02X", (h >>> 16) & 0xFF, (h >>> 8) & 0xFF,
        h & 0xFF);
  }
}
