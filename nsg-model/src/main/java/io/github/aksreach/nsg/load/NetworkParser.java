package io.github.aksreach.nsg.load;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.nsg.model.AddressSpec;
import io.github.aksreach.nsg.model.IpConfiguration;
import io.github.aksreach.nsg.model.NetworkInterface;
import io.github.aksreach.nsg.model.NextHopType;
import io.github.aksreach.nsg.model.Provenance;
import io.github.aksreach.nsg.model.ResourceId;
import io.github.aksreach.nsg.model.Route;
import io.github.aksreach.nsg.model.RouteTable;
import io.github.aksreach.nsg.model.Subnet;
import io.vavr.Tuple;
import io.vavr.control.Validation;
import java.util.List;
import java.util.Optional;

/** Virtual networks (and their subnets and peerings), NSGs, network interfaces and route tables. */
final class NetworkParser extends ParserBase {
  private final RuleParser rules;

  NetworkParser(Collected out, Problems problems, String file, RuleParser rules) {
    super(out, problems, file);
    this.rules = rules;
  }

  // ------------------------------------------------------------------ virtual networks

  void vnet(J r, Ident id, Provenance prov) {
    Collected.VnetDraft v = new Collected.VnetDraft();
    v.id = id.id;
    v.name = id.name;
    v.provenance = prov;
    J space = r.field("addressSpace");
    v.prefixes.addAll(prefixes(J.nothing(file, space.path()), space.field("addressPrefixes")));
    if (!space.present()) {
      problems.error(file, space.path(), "virtual network " + id.name + " has no addressSpace");
    }
    for (J s : problems.take1(r.field("subnets").arr()).orElse(List.of())) {
      Ident sid = ident(s, AzureKind.SUBNET, Optional.of(Tuple.of(AzureKind.VNET, id.id)));
      subnet(s, Optional.of(id.id), sid, s.provenance()).ifPresent(v.subnets::add);
    }
    for (J p : problems.take1(r.field("virtualNetworkPeerings").arr()).orElse(List.of())) {
      J remote = p.field("remoteAddressSpace");
      List<IpPrefix> ps = prefixes(J.nothing(file, remote.path()), remote.field("addressPrefixes"));
      J remoteVnet = p.field("remoteVirtualNetworkAddressSpace");
      for (IpPrefix x : prefixes(J.nothing(file, remoteVnet.path()), remoteVnet.field("addressPrefixes"))) {
        if (!ps.contains(x)) {
          ps.add(x);
        }
      }
      Optional<String> state = problems.take1(p.field("peeringState").str()).orElse(Optional.empty());
      if (state.isPresent() && !state.get().equalsIgnoreCase("Connected")) {
        problems.note(file, p.path(), "peering in state " + state.get() + ": its address space still counts in the"
            + " VirtualNetwork tag");
      }
      if (ps.isEmpty()) {
        problems.note(file, p.path(), "peering without remoteAddressSpace: its address space is missing from the"
            + " VirtualNetwork tag");
      }
      v.peered.addAll(ps);
    }
    out.vnets.add(v);
  }

  Optional<Subnet> subnet(J s, Optional<ResourceId> vnetId, Ident id, Provenance prov) {
    if (!s.isObject()) {
      problems.error(file, s.path(), "expected a subnet object, found " + s.kind());
      return Optional.empty();
    }
    List<IpPrefix> ps = prefixes(s.field("addressPrefix"), s.field("addressPrefixes"));
    if (ps.isEmpty() && !s.field("addressPrefix").present() && !s.field("addressPrefixes").present()) {
      problems.error(file, s.path(), "subnet " + id.name + " has neither addressPrefix nor addressPrefixes");
    }
    Subnet.Builder b = Subnet.builder().id(id.id).name(id.name).addAllPrefixes(ps).provenance(prov);
    ref(s, "networkSecurityGroup").ifPresent(b::nsgId);
    ref(s, "routeTable").ifPresent(b::routeTableId);
    return Optional.of(b.build());
  }

  // ------------------------------------------------------------------ NSGs

  void nsg(J r, Ident id, Provenance prov) {
    Collected.NsgDraft d = new Collected.NsgDraft();
    d.id = id.id;
    d.name = id.name;
    d.provenance = prov;
    for (J rule : problems.take1(r.field("securityRules").arr()).orElse(List.of())) {
      problems.take(rules.rule(rule, false, Optional.empty())).ifPresent(d.custom::add);
    }
    for (J rule : problems.take1(r.field("defaultSecurityRules").arr()).orElse(List.of())) {
      problems.take(rules.rule(rule, true, Optional.empty())).ifPresent(d.defaults::add);
    }
    d.subnetIds.addAll(refs(r, "subnets"));
    d.nicIds.addAll(refs(r, "networkInterfaces"));
    d.flush = problems.take1(r.field("flushConnection").bool()).orElse(Optional.empty());
    out.nsgs.add(d);
  }

  // ------------------------------------------------------------------ NICs

  /**
   * A NIC, in plain code without capturing lambdas: each node's NIC passes here, and under the launcher's C1 compiler a
   * capturing lambda is made through a method handle and the runtime's allocateInstance.
   */
  void nic(J r, Ident id, Provenance prov) {
    NetworkInterface.Builder b = NetworkInterface.builder().id(id.id).name(id.name).provenance(prov);
    List<J> ipcs = problems.take1(r.field("ipConfigurations").arr()).orElse(List.of());
    if (ipcs.isEmpty()) {
      problems.note(file, r.path(), "network interface " + id.name + " has no IP configuration");
    }
    for (J c : ipcs) {
      IpConfiguration.Builder cb = IpConfiguration.builder()
          .name(problems.take1(c.field("name").reqStr()).orElse("<unnamed>"));
      Optional<String> ipcId = problems.take1(c.field("id").str()).orElse(Optional.empty());
      if (ipcId.isPresent()) {
        cb.id(ResourceId.of(ipcId.get()));
      }
      Optional<IpPrefix> block = privateBlock(c);
      if (block.isPresent()) {
        IpPrefix x = block.get();
        cb.privateIp(x.network());
        if (x.length() < x.family().bits() || c.field("privateIPAddressPrefixLength").present()) {
          cb.privateIpPrefixLength(x.length());
        }
      } else if (!c.field("privateIPAddress").present()) {
        problems.note(file, c.path(), "IP configuration without privateIPAddress (dynamic allocation not yet done?):"
            + " flows to it cannot be matched");
      }
      Optional<ResourceId> subnet = ref(c, "subnet");
      if (subnet.isPresent()) {
        cb.subnetId(subnet.get());
      }
      cb.addAllAsgIds(refs(c, "applicationSecurityGroups"));
      cb.addAllBackendPoolIds(refs(c, "loadBalancerBackendAddressPools"));
      cb.primary(flag(c.field("primary"), ipcs.size() == 1));
      b.addIpConfigurations(cb.build());
    }
    Optional<ResourceId> nsg = ref(r, "networkSecurityGroup");
    if (nsg.isPresent()) {
      b.nsgId(nsg.get());
    }
    b.enableIpForwarding(flag(r.field("enableIPForwarding"), false));
    Optional<ResourceId> vm = ref(r, "virtualMachine");
    if (vm.isPresent()) {
      b.virtualMachineId(vm.get());
    }
    boolean stateless = flag(r.field("disableTcpStateTracking"), false);
    b.disableTcpStateTracking(stateless);
    if (stateless) {
      problems.note(file, r.field("disableTcpStateTracking").path(), "network interface " + id.name
          + ": TCP state tracking is disabled, so its NSGs evaluate TCP statelessly and the return traffic of every"
          + " flow must be allowed by rules of the opposite direction too; aksreach answers for the forward flow");
    }
    out.nics.add(b.build());
  }

  /**
   * {@code privateIPAddress}, one address or a CIDR block ({@code 10.224.0.16/28}), with the optional
   * {@code privateIPAddressPrefixLength}: the block the IP configuration holds (a single address: its full-length
   * prefix). A length that contradicts the written block is an error; a block with host bits set is read as its
   * network, with a note.
   */
  private Optional<IpPrefix> privateBlock(J c) {
    J addr = c.field("privateIPAddress");
    J lenNode = c.field("privateIPAddressPrefixLength");
    Optional<String> text = problems.take1(addr.str()).orElse(Optional.empty());
    Optional<Integer> len = optInt(lenNode);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String t = text.get();
    Optional<IpPrefix> p;
    Optional<IpAddress> address = Optional.empty();
    if (t.indexOf('/') >= 0) {
      p = problems.take1(located(IpPrefix.parse(t), addr));
      if (p.isPresent() && len.isPresent() && len.get() != p.get().length()) {
        problems.error(file, lenNode.path(), "privateIPAddressPrefixLength " + len.get() + " contradicts"
            + " privateIPAddress " + t);
        return Optional.empty();
      }
    } else {
      Optional<IpAddress> ip = problems.take1(located(IpAddress.parse(t), addr));
      if (ip.isPresent() && len.isPresent() && (len.get() < 0 || len.get() > ip.get().family().bits())) {
        problems.error(file, lenNode.path(), "privateIPAddressPrefixLength " + len.get() + " is out of range 0-"
            + ip.get().family().bits());
        return Optional.empty();
      }
      p = ip.isPresent() ? Optional.of(IpPrefix.of(ip.get(), len.isPresent() ? len.get() : ip.get().family().bits()))
          : Optional.empty();
      address = ip;     // the address written, parsed once
    }
    boolean hostBits = p.isPresent() && (address.isPresent() ? !address.get().equals(p.get().network())
        : IpPrefix.hasHostBits(t));
    if (hostBits) {
      problems.note(file, addr.path(), "privateIPAddress " + t + " has host bits set: read as the block " + p.get());
    }
    return p;
  }

  // ------------------------------------------------------------------ route tables

  void routeTable(J r, Ident id, Provenance prov) {
    RouteTable.Builder b = RouteTable.builder().id(id.id).name(id.name).provenance(prov);
    for (J route : problems.take1(r.field("routes").arr()).orElse(List.of())) {
      Optional<String> name = problems.take1(route.field("name").reqStr());
      J prefixNode = route.field("addressPrefix");
      Optional<AddressSpec> dest = problems.take1(prefixNode.reqStr()).flatMap(t -> {
        if (tagLike(t) && IpAddress.parse(t).isInvalid()) {
          return Optional.of(AddressSpec.tag(t));
        }
        Validation<ModelError, IpPrefix> p = IpPrefix.parse(t);
        if (p.isInvalid()) {
          problems.error(file, prefixNode.path(), p.getError().message());
          return Optional.empty();
        }
        return Optional.of(AddressSpec.prefixes(p.get()));
      });
      J hopNode = route.field("nextHopType");
      Optional<NextHopType> hop = problems.take1(hopNode.reqStr())
          .flatMap(t -> problems.take1(located(NextHopType.parse(t), hopNode)));
      Optional<IpAddress> hopIp = optional(route.field("nextHopIpAddress"), IpAddress::parse);
      if (name.isPresent() && dest.isPresent() && hop.isPresent()) {
        b.addRoutes(Route.builder().name(name.get()).destination(dest.get()).nextHopType(hop.get())
            .nextHopIp(hopIp).provenance(route.provenance()).build());
      }
    }
    b.addAllSubnetIds(refs(r, "subnets"));
    b.disableBgpRoutePropagation(flag(r.field("disableBgpRoutePropagation"), false));
    out.routeTables.add(b.build());
  }
}
