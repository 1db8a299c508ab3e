package io.github.aksreach.examples.generate;

import static io.github.aksreach.examples.generate.SyntheticAks.CLIENTS;
import static io.github.aksreach.examples.generate.SyntheticAks.CLUSTER_NSG;
import static io.github.aksreach.examples.generate.SyntheticAks.EXTERNAL;
import static io.github.aksreach.examples.generate.SyntheticAks.HUB;
import static io.github.aksreach.examples.generate.SyntheticAks.INGRESS_FRONTEND;
import static io.github.aksreach.examples.generate.SyntheticAks.lbFrontend;
import static io.github.aksreach.examples.generate.SyntheticAks.ILB_BASE;
import static io.github.aksreach.examples.generate.SyntheticAks.LOADED_TAGS;
import static io.github.aksreach.examples.generate.SyntheticAks.NODE_RG;
import static io.github.aksreach.examples.generate.SyntheticAks.PODS;
import static io.github.aksreach.examples.generate.SyntheticAks.RANGES;
import static io.github.aksreach.examples.generate.SyntheticAks.VNET;
import static io.github.aksreach.examples.generate.SyntheticAks.VNET_BASE;
import static io.github.aksreach.examples.generate.SyntheticAks.WELL_KNOWN;
import static io.github.aksreach.examples.generate.SyntheticAks.nodeName;
import static io.github.aksreach.examples.generate.SyntheticAks.poolName;
import static io.github.aksreach.examples.generate.SyntheticAks.prefix;
import static io.github.aksreach.examples.generate.SyntheticAks.v4;

import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.PortRange;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.nsg.model.Access;
import io.github.aksreach.nsg.model.AddressSpec;
import io.github.aksreach.nsg.model.AzureNetwork;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.IpConfiguration;
import io.github.aksreach.nsg.model.NetworkInterface;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.NsgProtocol;
import io.github.aksreach.nsg.model.Priority;
import io.github.aksreach.nsg.model.ResourceId;
import io.github.aksreach.nsg.model.SecurityRule;
import io.github.aksreach.nsg.model.ServiceTagCatalog;
import io.github.aksreach.nsg.model.ServiceTagEntry;
import io.github.aksreach.nsg.model.Subnet;
import io.github.aksreach.nsg.model.VirtualNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The Azure side of a {@link SyntheticAks} cluster: the VNet and its subnets, one NSG per pool with its seeded rule
 * mix, the cluster NSG on every node NIC, and the loaded service tags.
 */
final class SyntheticAzure {
  private final SyntheticAks.Spec spec;

  SyntheticAzure(SyntheticAks.Spec spec) {
    this.spec = spec;
  }

  AzureNetwork azure() {
    ResourceId clusterNsgId = ResourceId.of(NODE_RG + "/networkSecurityGroups/" + CLUSTER_NSG);
    List<Subnet> subnets = new ArrayList<>();
    List<NetworkSecurityGroup> nsgs = new ArrayList<>();
    for (int p = 0; p < spec.pools(); p++) {
      ResourceId nsgId = ResourceId.of(NODE_RG + "/networkSecurityGroups/nsg-" + poolName(p));
      ResourceId subnetId = VNET.child("subnets", "snet-" + poolName(p));
      subnets.add(Subnet.builder().id(subnetId).addPrefixes(spec.poolSubnet(p)).nsgId(nsgId).build());
      nsgs.add(NetworkSecurityGroup.builder().id(nsgId).addAllCustomRules(poolRules(p)).addSubnetIds(subnetId)
          .build());
    }
    subnets.add(Subnet.builder().id(VNET.child("subnets", "snet-ilb")).addPrefixes(prefix(ILB_BASE, 24)).build());
    subnets.add(Subnet.builder().id(VNET.child("subnets", "snet-clients")).addPrefixes(CLIENTS).build());
    subnets.add(Subnet.builder().id(VNET.child("subnets", "snet-pods")).addPrefixes(PODS).build());
    nsgs.add(NetworkSecurityGroup.builder().id(clusterNsgId).build());
    List<NetworkInterface> nics = new ArrayList<>();
    for (int p = 0; p < spec.pools(); p++) {
      ResourceId subnetId = VNET.child("subnets", "snet-" + poolName(p));
      for (int i = 0; i < spec.nodesPerPool(); i++) {
        String vm = nodeName(p, i);
        nics.add(NetworkInterface.builder()
            .id(ResourceId.of(NODE_RG + "/networkInterfaces/" + vm + "-nic"))
            .addIpConfigurations(IpConfiguration.builder().name("ipconfig1").privateIp(spec.nodeIp(p, i))
                .subnetId(subnetId).primary(true).build())
            .nsgId(clusterNsgId)
            .build());
      }
    }
    VirtualNetwork vnet = VirtualNetwork.builder().id(VNET).addAddressPrefixes(prefix(VNET_BASE, 12))
        .addAllSubnets(subnets).addPeeredPrefixes(HUB).build();
    return AzureNetwork.builder().addVnets(vnet).addAllNsgs(nsgs).addAllNics(nics).serviceTags(serviceTags())
        .build();
  }

  ServiceTagCatalog serviceTags() {
    return ServiceTagCatalog.builder()
        .addEntries(ServiceTagEntry.builder().name("AzureMonitor").addPrefixes(IpPrefix.of("20.38.128.0/21"),
            IpPrefix.of("20.40.200.0/22"), IpPrefix.of("40.64.132.0/22")).build())
        .addEntries(ServiceTagEntry.builder().name("Storage.WestEurope").region("westeurope")
            .addPrefixes(IpPrefix.of("20.38.108.0/23"), IpPrefix.of("20.60.0.0/16"), IpPrefix.of("52.239.136.0/22"))
            .build())
        .addEntries(ServiceTagEntry.builder().name("AzureFrontDoor.Backend")
            .addPrefixes(IpPrefix.of("147.243.0.0/16"), IpPrefix.of("20.41.4.88/29")).build())
        .addEntries(ServiceTagEntry.builder().name("AzureCloud.westeurope").region("westeurope")
            .addPrefixes(IpPrefix.of("13.69.0.0/17"), IpPrefix.of("20.50.0.0/18"), IpPrefix.of("40.68.0.0/16"),
                IpPrefix.of("52.136.0.0/13"))
            .build())
        .build();
  }

  /** The custom rules of pool {@code p}'s NSG: the rules traffic needs, then a seeded mix, then deny-all. */
  List<SecurityRule> poolRules(int p) {
    Random r = new Random(spec.seed() * 31 + p);
    List<SecurityRule> out = new ArrayList<>();
    IpPrefix nodes = spec.nodeRange();
    IpPrefix podCidr = PODS;
    IpPrefix ilb = prefix(ILB_BASE, 24);
    out.add(rule("AllowAzureLoadBalancerProbes", 100, Direction.INBOUND, Access.ALLOW, NsgProtocol.ANY,
        AddressSpec.tag("AzureLoadBalancer"), AddressSpec.any(), PortSet.all()));
    out.add(rule("AllowClusterNodes", 110, Direction.INBOUND, Access.ALLOW, NsgProtocol.ANY,
        AddressSpec.prefixes(nodes), AddressSpec.any(), PortSet.all()));
    out.add(rule("AllowPodCidr", 120, Direction.INBOUND, Access.ALLOW, NsgProtocol.ANY,
        AddressSpec.prefixes(podCidr), AddressSpec.any(), PortSet.all()));
    out.add(rule("AllowClientsToFrontends", 3000, Direction.INBOUND, Access.ALLOW, NsgProtocol.TCP,
        AddressSpec.prefixes(CLIENTS, HUB), AddressSpec.prefixes(ilb),
        PortSet.of(PortRange.single(80), PortRange.single(443))));
    out.add(rule("DenyAllInboundCustom", 4000, Direction.INBOUND, Access.DENY, NsgProtocol.ANY,
        AddressSpec.any(), AddressSpec.any(), PortSet.all()));
    out.add(rule("AllowClusterOutbound", 100, Direction.OUTBOUND, Access.ALLOW, NsgProtocol.ANY,
        AddressSpec.any(), AddressSpec.prefixes(nodes, podCidr, ilb), PortSet.all()));
    int random = spec.rulesPerNsg() - out.size();
    int outbound = random / 4;
    int inbound = random - outbound;
    for (int i = 0; i < inbound; i++) {
      out.add(randomInbound(r, p, i, 200 + 10 * i));
    }
    for (int i = 0; i < outbound; i++) {
      out.add(randomOutbound(r, i, 200 + 10 * i));
    }
    return out;
  }

  SecurityRule randomInbound(Random r, int p, int i, int priority) {
    Access access = r.nextDouble() < 0.55 ? Access.ALLOW : Access.DENY;
    NsgProtocol proto = protocol(r);
    double s = r.nextDouble();
    AddressSpec src;
    if (s < 0.30) {
      src = AddressSpec.prefixes(external(r));
    } else if (s < 0.45) {
      List<IpPrefix> ps = new ArrayList<>();
      int n = 2 + r.nextInt(4);
      for (int k = 0; k < n; k++) {
        ps.add(external(r));
      }
      src = AddressSpec.prefixes(ps);
    } else if (s < 0.55) {
      src = AddressSpec.tag("Internet");
    } else if (s < 0.60) {
      src = AddressSpec.tag("VirtualNetwork");
    } else if (s < 0.68) {
      src = AddressSpec.tag(LOADED_TAGS[r.nextInt(LOADED_TAGS.length)]);
    } else if (s < 0.80) {
      int len = 24 + r.nextInt(5);
      src = AddressSpec.prefixes(prefix(v4(HUB) + ((long) r.nextInt(1 << 16) & ~((1L << (32 - len)) - 1)),
          len));
    } else if (s < 0.92) {
      int len = 26 + r.nextInt(5);
      src = AddressSpec.prefixes(prefix(v4(CLIENTS) + r.nextInt(256), len));
    } else {
      src = AddressSpec.any();
    }
    double d = r.nextDouble();
    AddressSpec dst;
    if (d < 0.30) {
      dst = AddressSpec.any();
    } else if (d < 0.45) {
      dst = AddressSpec.prefixes(spec.poolSubnet(p));
    } else if (d < 0.60) {
      dst = AddressSpec.prefixes(prefix(ILB_BASE, 24));
    } else if (d < 0.75) {
      List<IpPrefix> fes = new ArrayList<>();
      int n = 1 + r.nextInt(3);
      for (int k = 0; k < n; k++) {
        int j = r.nextInt(spec.lbServices() + 1) - 1;
        fes.add(IpPrefix.of(j < 0 ? INGRESS_FRONTEND : lbFrontend(j), 32));
      }
      dst = AddressSpec.prefixes(fes);
    } else if (d < 0.85) {
      dst = AddressSpec.tag("VirtualNetwork");
    } else {
      dst = AddressSpec.prefixes(spec.poolSubnet(r.nextInt(spec.pools())));
    }
    return rule(String.format(Locale.ROOT, "%s-in-%03d", access == Access.ALLOW ? "Allow" : "Deny", i), priority,
        Direction.INBOUND, access, proto, src, dst, ports(r), r.nextDouble() < 0.95 ? PortSet.all()
            : PortSet.of(PortRange.of(1024, 65535)));
  }

  SecurityRule randomOutbound(Random r, int i, int priority) {
    Access access = r.nextDouble() < 0.5 ? Access.ALLOW : Access.DENY;
    double d = r.nextDouble();
    AddressSpec dst;
    if (d < 0.4) {
      dst = AddressSpec.prefixes(external(r));
    } else if (d < 0.55) {
      dst = AddressSpec.tag("Internet");
    } else if (d < 0.75) {
      dst = AddressSpec.tag(LOADED_TAGS[r.nextInt(LOADED_TAGS.length)]);
    } else {
      int len = 20 + r.nextInt(9);
      dst = AddressSpec.prefixes(prefix(v4(HUB) + ((long) r.nextInt(1 << 16) & ~((1L << (32 - len)) - 1)),
          len));
    }
    return rule(String.format(Locale.ROOT, "%s-out-%03d", access == Access.ALLOW ? "Allow" : "Deny", i), priority,
        Direction.OUTBOUND, access, protocol(r), AddressSpec.any(), dst, ports(r), PortSet.all());
  }

  NsgProtocol protocol(Random r) {
    double x = r.nextDouble();
    return x < 0.6 ? NsgProtocol.TCP : x < 0.75 ? NsgProtocol.UDP : x < 0.95 ? NsgProtocol.ANY : NsgProtocol.ICMP;
  }

  PortSet ports(Random r) {
    double x = r.nextDouble();
    if (x < 0.30) {
      return PortSet.of(WELL_KNOWN[r.nextInt(WELL_KNOWN.length)]);
    }
    if (x < 0.50) {
      List<PortRange> ps = new ArrayList<>();
      int n = 2 + r.nextInt(3);
      for (int k = 0; k < n; k++) {
        ps.add(PortRange.single(WELL_KNOWN[r.nextInt(WELL_KNOWN.length)]));
      }
      return PortSet.of(ps);
    }
    if (x < 0.65) {
      int[] range = RANGES[r.nextInt(RANGES.length)];
      return PortSet.of(PortRange.of(range[0], range[1]));
    }
    return PortSet.all();
  }

  IpPrefix external(Random r) {
    IpPrefix base = IpPrefix.of(EXTERNAL[r.nextInt(EXTERNAL.length)]);
    int len = Math.max(base.length(), 16 + r.nextInt(17));
    long span = 1L << (32 - base.length());
    return prefix(v4(base) + (r.nextLong() & (span - 1)), len);
  }

  static SecurityRule rule(String name, int priority, Direction d, Access a, NsgProtocol proto, AddressSpec src,
                           AddressSpec dst, PortSet dstPorts) {
    return rule(name, priority, d, a, proto, src, dst, dstPorts, PortSet.all());
  }

  static SecurityRule rule(String name, int priority, Direction d, Access a, NsgProtocol proto, AddressSpec src,
                           AddressSpec dst, PortSet dstPorts, PortSet srcPorts) {
    return SecurityRule.builder().name(name).priority(Priority.of(priority)).direction(d).access(a).protocol(proto)
        .source(src).sourcePorts(srcPorts).destination(dst).destinationPorts(dstPorts).build();
  }
}
