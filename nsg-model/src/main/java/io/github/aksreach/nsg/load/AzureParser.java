package io.github.aksreach.nsg.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.nsg.model.Access;
import io.github.aksreach.nsg.model.AddressSpec;
import io.github.aksreach.nsg.model.AgentPool;
import io.github.aksreach.nsg.model.AksCluster;
import io.github.aksreach.nsg.model.ApplicationSecurityGroup;
import io.github.aksreach.nsg.model.BackendPool;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.Frontend;
import io.github.aksreach.nsg.model.IpConfiguration;
import io.github.aksreach.nsg.model.LbProtocol;
import io.github.aksreach.nsg.model.LbRule;
import io.github.aksreach.nsg.model.LbSku;
import io.github.aksreach.nsg.model.LoadBalancer;
import io.github.aksreach.nsg.model.LoadDistribution;
import io.github.aksreach.nsg.model.NetworkInterface;
import io.github.aksreach.nsg.model.NextHopType;
import io.github.aksreach.nsg.model.NoHealthyBackendsBehavior;
import io.github.aksreach.nsg.model.NsgProtocol;
import io.github.aksreach.nsg.model.Priority;
import io.github.aksreach.nsg.model.Probe;
import io.github.aksreach.nsg.model.ProbeProtocol;
import io.github.aksreach.nsg.model.Provenance;
import io.github.aksreach.nsg.model.PublicIpAddress;
import io.github.aksreach.nsg.model.ResourceId;
import io.github.aksreach.nsg.model.Route;
import io.github.aksreach.nsg.model.RouteTable;
import io.github.aksreach.nsg.model.SecurityRule;
import io.github.aksreach.nsg.model.ServiceTagEntry;
import io.github.aksreach.nsg.model.Subnet;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Reads one JSON document of any supported shape into {@link Collected}, recording problems. */
final class AzureParser {
  private static final Pattern TAG_LIKE = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]*");

  enum Kind {
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
    TAGS("ServiceTags"),
    UNKNOWN("");

    final String type;

    Kind(String type) {
      this.type = type;
    }

    static Kind ofType(String type) {
      for (Kind k : values()) {
        if (!k.type.isEmpty() && k.type.equalsIgnoreCase(type)) {
          return k;
        }
      }
      return UNKNOWN;
    }
  }

  private final Collected out;
  private final Problems problems;
  private final String file;

  AzureParser(Collected out, Problems problems, String file) {
    this.out = out;
    this.problems = problems;
    this.file = file;
  }

  // ------------------------------------------------------------------ document shapes

  void document(JsonNode root, String rootPath) {
    J j = new J(root, file, rootPath);
    if (!j.isObject() && !j.isArray()) {
      problems.error(file, rootPath, "expected a JSON object or array, found " + j.kind());
      return;
    }
    container(j);
  }

  private void container(J j) {
    if (j.isArray()) {
      List<J> items = j.arr().getOrElse(List.of());
      if (items.isEmpty()) {
        problems.note(file, j.path, "empty list: nothing to load");
      }
      for (J item : items) {
        resource(item, Optional.empty());
      }
      return;
    }
    JsonNode n = j.node;
    if (n.has("responses") && n.get("responses").isObject()) {
      JsonNode responses = n.get("responses");
      java.util.Iterator<String> codes = responses.fieldNames();
      while (codes.hasNext()) {
        String code = codes.next();
        JsonNode body = responses.get(code).get("body");
        if (code.startsWith("2") && body != null && !body.isNull()) {
          container(new J(body, file, J.childPath(J.childPath(J.childPath(j.path, "responses"), code), "body")));
          return;
        }
      }
      problems.error(file, j.path + ".responses", "REST example without a 2xx response body");
      return;
    }
    if (n.has("resources") && n.get("resources").isArray() && (n.has("$schema") || n.has("contentVersion"))) {
      template(j);
      return;
    }
    if (n.has("value") && n.get("value").isArray() && !n.has("type")) {
      J value = j.field("value");
      container(value);
      return;
    }
    resource(j, Optional.empty());
  }

  private void template(J t) {
    for (J r : t.field("resources").arr().getOrElse(List.of())) {
      templateResource(r, Optional.empty());
    }
  }

  /** A resource of an ARM template; {@code parent} is set for nested child resources. */
  private void templateResource(J r, Optional<Tuple2<Kind, ResourceId>> parent) {
    if (!r.isObject()) {
      problems.error(file, r.path, "expected a resource object, found " + r.kind());
      return;
    }
    if (r.node.has("copy")) {
      problems.error(file, r.path + ".copy", "ARM copy loops are not supported: aksreach reads literal resources"
          + " only; deploy the template and load the az CLI output of the resources");
      countStructure(r, kindOf(r, parent));
      return;
    }
    if (r.node.has("condition")) {
      J c = new J(r.node.get("condition"), file, r.path + ".condition");
      Validation<ModelError, Optional<Boolean>> b = c.bool();
      if (b.isInvalid()) {
        problems.error(b.getError());
      } else if (b.get().isPresent() && !b.get().get()) {
        problems.note(file, c.path, "resource skipped: its condition is false");
        return;
      }
    }
    resource(r, parent);
  }

  private Kind kindOf(J r, Optional<Tuple2<Kind, ResourceId>> parent) {
    JsonNode typeNode = r.node.get("type");
    if (typeNode != null && typeNode.isTextual()) {
      String type = typeNode.textValue();
      if (parent.isPresent() && !type.contains(".")) {
        type = parent.get()._1.type + "/" + type;     // a nested template child: "securityRules", "subnets"
      }
      return Kind.ofType(type);
    }
    if (r.field("securityRules").present() || r.field("defaultSecurityRules").present()) {
      return Kind.NSG;
    }
    if (r.field("addressSpace").present()) {
      return Kind.VNET;
    }
    if (r.field("frontendIPConfigurations").present() || r.field("loadBalancingRules").present()) {
      return Kind.LB;
    }
    if (r.field("ipConfigurations").present() && (r.field("macAddress").present()
        || r.field("enableIPForwarding").present() || r.field("virtualMachine").present()
        || r.field("enableAcceleratedNetworking").present())) {
      return Kind.NIC;
    }
    if (r.field("routes").present()) {
      return Kind.ROUTE_TABLE;
    }
    if (r.field("agentPoolProfiles").present() || r.field("networkProfile").present()
        && r.field("kubernetesVersion").present()) {
      return Kind.AKS;
    }
    if (r.node.has("values") && r.node.get("values").isArray() && (r.node.has("cloud") || r.node.has("changeNumber"))) {
      return Kind.TAGS;
    }
    return Kind.UNKNOWN;
  }

  private void countStructure(J r, Kind k) {
    switch (k) {
      case VNET:
        out.vnetCount++;
        out.subnetCount += r.field("subnets").arr().getOrElse(List.of()).size();
        break;
      case SUBNET:
        out.subnetCount++;
        break;
      case NSG:
        out.nsgCount++;
        out.customRuleCount += r.field("securityRules").arr().getOrElse(List.of()).size();
        out.defaultRuleCount += r.field("defaultSecurityRules").arr().getOrElse(List.of()).size();
        break;
      case RULE:
        out.customRuleCount++;
        break;
      case DEFAULT_RULE:
        out.defaultRuleCount++;
        break;
      case NIC:
        out.nicCount++;
        break;
      case ROUTE_TABLE:
        out.routeTableCount++;
        out.routeCount += r.field("routes").arr().getOrElse(List.of()).size();
        break;
      case ROUTE:
        out.routeCount++;
        break;
      case ASG:
        out.asgCount++;
        break;
      case LB:
        out.lbCount++;
        break;
      case PIP:
        out.pipCount++;
        break;
      case AKS:
        out.clusterCount++;
        break;
      default:
        break;
    }
  }

  // ------------------------------------------------------------------ resources

  private void resource(J r, Optional<Tuple2<Kind, ResourceId>> parent) {
    if (!r.isObject()) {
      problems.error(file, r.path, "expected a resource object, found " + r.kind());
      return;
    }
    Kind k = kindOf(r, parent);
    countStructure(r, k);
    if (k == Kind.TAGS) {
      serviceTags(r);
      return;
    }
    if (k == Kind.UNKNOWN) {
      JsonNode type = r.node.get("type");
      out.skippedCount++;
      problems.note(file, r.path, type != null && type.isTextual()
          ? "skipped resource of type " + type.textValue() + ": not part of the network model"
          : "skipped an object that is no Azure resource aksreach knows (no 'type', unrecognised fields)");
      return;
    }
    Ident id = ident(r, k, parent);
    Provenance prov = new Provenance(file, r.path);
    switch (k) {
      case VNET:
        vnet(r, id, prov);
        break;
      case SUBNET:
        subnet(r, id.parent, id, prov).ifPresent(s -> out.orphanSubnets.add(
            new Collected.Orphan<>(id.parent.orElse(s.id().parent().orElse(s.id())), s, false, prov)));
        break;
      case NSG:
        nsg(r, id, prov);
        break;
      case RULE:
      case DEFAULT_RULE:
        problems.take(rule(r, k == Kind.DEFAULT_RULE, Optional.of(id))).ifPresent(rule -> out.orphanRules.add(
            new Collected.Orphan<>(id.parent.orElse(id.id), rule, k == Kind.DEFAULT_RULE, prov)));
        break;
      case NIC:
        nic(r, id, prov);
        break;
      case ROUTE_TABLE:
        routeTable(r, id, prov);
        break;
      case ROUTE:
        out.skippedCount++;
        problems.note(file, r.path, "skipped a standalone route: load the route table (az network route-table"
            + " list) instead");
        break;
      case ASG:
        out.asgs.add(ApplicationSecurityGroup.builder().id(id.id).name(id.name).provenance(prov).build());
        break;
      case LB:
        loadBalancer(r, id, prov);
        break;
      case PIP:
        publicIp(r, id, prov);
        break;
      case AKS:
        aks(r, id, prov);
        break;
      default:
        throw new IllegalStateException(k.toString());
    }
    if (r.node.has("resources") && r.node.get("resources").isArray()) {
      for (J child : r.field("resources").arr().getOrElse(List.of())) {
        templateResource(child, Optional.of(Tuple.of(k, id.id)));
      }
    }
  }

  /** A resource's name, id and parent id. */
  private static final class Ident {
    String name;
    ResourceId id;
    Optional<ResourceId> parent = Optional.empty();
  }

  private Ident ident(J r, Kind k, Optional<Tuple2<Kind, ResourceId>> parent) {
    Ident i = new Ident();
    Validation<ModelError, String> name = r.field("name").reqStr();
    i.name = problems.take1(name).orElseGet(() -> r.field("name").present() ? r.field("name").node.asText()
        : "<unnamed>");
    J idNode = new J(r.node.get("id"), file, r.path + ".id");
    Optional<ResourceId> explicit = problems.take1(idNode.str()).orElse(Optional.empty()).map(ResourceId::of);
    boolean child = k == Kind.SUBNET || k == Kind.RULE || k == Kind.DEFAULT_RULE || k == Kind.ROUTE;
    if (explicit.isPresent()) {
      i.id = explicit.get();
      if (child) {
        i.parent = i.id.parent();
      }
    } else if (parent.isPresent()) {
      i.parent = Optional.of(parent.get()._2);
      i.id = parent.get()._2.child(k.type.substring(k.type.lastIndexOf('/') + 1), i.name);
    } else if (child && i.name.contains("/")) {
      // a top-level template child resource: name "parent/child"
      String parentName = i.name.substring(0, i.name.indexOf('/'));
      String parentType = k.type.substring(0, k.type.lastIndexOf('/'));
      i.parent = Optional.of(ResourceId.synthetic(parentType, parentName));
      i.name = i.name.substring(i.name.indexOf('/') + 1);
      i.id = i.parent.get().child(k.type.substring(k.type.lastIndexOf('/') + 1), i.name);
    } else {
      i.id = ResourceId.synthetic(k.type, i.name);
      if (child) {
        problems.error(file, r.path, "child resource '" + i.name + "' of type " + k.type
            + " has neither an id nor a 'parent/child' name: cannot tell which resource it belongs to");
      }
    }
    if (!name.isInvalid() && name.get().contains("/") && !child) {
      i.name = i.id.name();
    }
    return i;
  }

  private Optional<ResourceId> ref(J parent, String field) {
    J f = parent.field(field);
    if (!f.present()) {
      return Optional.empty();
    }
    if (f.node.isTextual()) {
      return problems.take1(f.str()).orElse(Optional.empty()).map(ResourceId::of);
    }
    return problems.take1(f.field("id").str()).orElse(Optional.empty()).map(ResourceId::of);
  }

  private List<ResourceId> refs(J parent, String field) {
    List<ResourceId> ids = new ArrayList<>();
    for (J e : problems.take1(parent.field(field).arr()).orElse(List.of())) {
      if (e.present() && e.node.isTextual()) {
        problems.take1(e.str()).orElse(Optional.empty()).map(ResourceId::of).ifPresent(ids::add);
      } else {
        problems.take1(e.field("id").str()).orElse(Optional.empty()).map(ResourceId::of).ifPresent(ids::add);
      }
    }
    return ids;
  }

  private <T> Optional<T> optional(J j, Function<String, Validation<ModelError, T>> parse) {
    Optional<String> s = problems.take1(j.str()).orElse(Optional.empty());
    if (s.isEmpty()) {
      return Optional.empty();
    }
    Validation<ModelError, T> v = parse.apply(s.get());
    if (v.isInvalid()) {
      problems.error(file, j.path, v.getError().message());
      return Optional.empty();
    }
    return Optional.of(v.get());
  }

  private Optional<Integer> optInt(J j) {
    return problems.take1(j.integer()).orElse(Optional.empty()).map(Long::intValue);
  }

  private boolean flag(J j, boolean dflt) {
    return problems.take1(j.bool()).orElse(Optional.empty()).orElse(dflt);
  }

  private List<IpPrefix> prefixes(J singular, J plural) {
    List<IpPrefix> out = new ArrayList<>();
    optional(singular, IpPrefix::parse).ifPresent(out::add);
    for (J e : problems.take(plural.strings()).orElse(List.of())) {
      Validation<ModelError, IpPrefix> p = IpPrefix.parse(e.text());
      if (p.isInvalid()) {
        problems.error(file, e.path, p.getError().message());
      } else {
        out.add(p.get());
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ virtual networks

  private void vnet(J r, Ident id, Provenance prov) {
    Collected.VnetDraft v = new Collected.VnetDraft();
    v.id = id.id;
    v.name = id.name;
    v.provenance = prov;
    J space = r.field("addressSpace");
    v.prefixes.addAll(prefixes(new J(null, file, space.path), space.field("addressPrefixes")));
    if (!space.present()) {
      problems.error(file, space.path, "virtual network " + id.name + " has no addressSpace");
    }
    for (J s : problems.take1(r.field("subnets").arr()).orElse(List.of())) {
      Ident sid = ident(s, Kind.SUBNET, Optional.of(Tuple.of(Kind.VNET, id.id)));
      subnet(s, Optional.of(id.id), sid, new Provenance(file, s.path)).ifPresent(v.subnets::add);
    }
    for (J p : problems.take1(r.field("virtualNetworkPeerings").arr()).orElse(List.of())) {
      J remote = p.field("remoteAddressSpace");
      List<IpPrefix> ps = prefixes(new J(null, file, remote.path), remote.field("addressPrefixes"));
      J remoteVnet = p.field("remoteVirtualNetworkAddressSpace");
      for (IpPrefix x : prefixes(new J(null, file, remoteVnet.path), remoteVnet.field("addressPrefixes"))) {
        if (!ps.contains(x)) {
          ps.add(x);
        }
      }
      Optional<String> state = problems.take1(p.field("peeringState").str()).orElse(Optional.empty());
      if (state.isPresent() && !state.get().equalsIgnoreCase("Connected")) {
        problems.note(file, p.path, "peering in state " + state.get() + ": its address space still counts in the"
            + " VirtualNetwork tag");
      }
      if (ps.isEmpty()) {
        problems.note(file, p.path, "peering without remoteAddressSpace: its address space is missing from the"
            + " VirtualNetwork tag");
      }
      v.peered.addAll(ps);
    }
    out.vnets.add(v);
  }

  private Optional<Subnet> subnet(J s, Optional<ResourceId> vnetId, Ident id, Provenance prov) {
    if (!s.isObject()) {
      problems.error(file, s.path, "expected a subnet object, found " + s.kind());
      return Optional.empty();
    }
    List<IpPrefix> ps = prefixes(s.field("addressPrefix"), s.field("addressPrefixes"));
    if (ps.isEmpty() && !s.field("addressPrefix").present() && !s.field("addressPrefixes").present()) {
      problems.error(file, s.path, "subnet " + id.name + " has neither addressPrefix nor addressPrefixes");
    }
    Subnet.Builder b = Subnet.builder().id(id.id).name(id.name).addAllPrefixes(ps).provenance(prov);
    ref(s, "networkSecurityGroup").ifPresent(b::nsgId);
    ref(s, "routeTable").ifPresent(b::routeTableId);
    return Optional.of(b.build());
  }

  // ------------------------------------------------------------------ NSGs

  private void nsg(J r, Ident id, Provenance prov) {
    Collected.NsgDraft d = new Collected.NsgDraft();
    d.id = id.id;
    d.name = id.name;
    d.provenance = prov;
    for (J rule : problems.take1(r.field("securityRules").arr()).orElse(List.of())) {
      problems.take(rule(rule, false, Optional.empty())).ifPresent(d.custom::add);
    }
    for (J rule : problems.take1(r.field("defaultSecurityRules").arr()).orElse(List.of())) {
      problems.take(rule(rule, true, Optional.empty())).ifPresent(d.defaults::add);
    }
    d.subnetIds.addAll(refs(r, "subnets"));
    d.nicIds.addAll(refs(r, "networkInterfaces"));
    d.flush = problems.take1(r.field("flushConnection").bool()).orElse(Optional.empty());
    out.nsgs.add(d);
  }

  private static <T> Validation<Seq<ModelError>, T> one(Validation<ModelError, T> v) {
    return v.mapError(Vector::of);
  }

  private static <T> Validation<Seq<ModelError>, T> flat(Validation<Seq<Seq<ModelError>>, T> v) {
    return v.mapError(ss -> ss.flatMap(Function.identity()));
  }

  private static <T> Validation<ModelError, T> located(Validation<ModelError, T> v, J at) {
    return v.mapError(e -> new ModelError(at.file, at.path, e.message()));
  }

  /** One security rule, every field validated, all problems reported together. */
  Validation<Seq<ModelError>, SecurityRule> rule(J r, boolean isDefault, Optional<Ident> known) {
    if (!r.isObject()) {
      return Validation.invalid(Vector.of(r.err("expected a security rule object, found %s", r.kind())));
    }
    Validation<ModelError, String> name = known.isPresent() ? Validation.valid(known.get().name)
        : r.field("name").reqStr();
    J prioNode = r.field("priority");
    Validation<ModelError, Priority> priority = prioNode.integer().flatMap(p -> p.isEmpty()
        ? Validation.invalid(prioNode.err("missing required value"))
        : located(isDefault ? Priority.parseDefault(p.get()) : Priority.parse(p.get()), prioNode));
    J dirNode = r.field("direction");
    Validation<ModelError, Direction> direction = dirNode.reqStr().flatMap(s -> located(Direction.parse(s), dirNode));
    J accessNode = r.field("access");
    Validation<ModelError, Access> access = accessNode.reqStr().flatMap(s -> located(Access.parse(s), accessNode));
    J protoNode = r.field("protocol");
    Validation<ModelError, NsgProtocol> protocol = protoNode.reqStr()
        .flatMap(s -> located(NsgProtocol.parse(s), protoNode));
    Validation<Seq<ModelError>, Tuple2<AddressSpec, PortSet>> source = flat(
        Validation.combine(address(r, "source"), ports(r, "source")).ap(Tuple::of));
    Validation<Seq<ModelError>, Tuple2<AddressSpec, PortSet>> destination = flat(
        Validation.combine(address(r, "destination"), ports(r, "destination")).ap(Tuple::of));
    Optional<ResourceId> ruleId = known.map(k -> k.id)
        .or(() -> problems.take1(r.field("id").str()).orElse(Optional.empty()).map(ResourceId::of));
    Optional<String> description = r.field("description").str().getOrElse(Optional.empty());
    Provenance prov = new Provenance(file, r.path);
    return flat(Validation.combine(one(name), one(priority), one(direction), one(access), one(protocol), source,
        destination).ap((n, p, d, a, pr, src, dst) -> SecurityRule.builder().name(n).id(ruleId).priority(p)
        .direction(d).access(a).protocol(pr).source(src._1).sourcePorts(src._2).destination(dst._1)
        .destinationPorts(dst._2).description(description).provenance(prov).build()));
  }

  /** {@code <side>AddressPrefix}, {@code <side>AddressPrefixes} and {@code <side>ApplicationSecurityGroups}. */
  private Validation<Seq<ModelError>, AddressSpec> address(J r, String side) {
    Seq<ModelError> errors = Vector.empty();
    List<J> items = new ArrayList<>();
    J singular = r.field(side + "AddressPrefix");
    Validation<ModelError, Optional<String>> s = singular.str();
    if (s.isInvalid()) {
      errors = errors.append(s.getError());
    } else if (s.get().isPresent()) {
      items.add(singular);
    }
    J plural = r.field(side + "AddressPrefixes");
    Validation<Seq<ModelError>, List<J>> p = plural.strings();
    if (p.isInvalid()) {
      errors = errors.appendAll(p.getError());
    } else {
      items.addAll(p.get());
    }
    J asgNode = r.field(side + "ApplicationSecurityGroups");
    List<ResourceId> asgs = new ArrayList<>();
    Validation<ModelError, List<J>> asgItems = asgNode.arr();
    if (asgItems.isInvalid()) {
      errors = errors.append(asgItems.getError());
    } else {
      for (J a : asgItems.get()) {
        J idNode = a.present() && a.node.isTextual() ? a : a.field("id");
        Validation<ModelError, String> id = idNode.reqStr();
        if (id.isInvalid()) {
          errors = errors.append(id.getError());
        } else {
          asgs.add(ResourceId.of(id.get()));
        }
      }
    }
    if (!errors.isEmpty()) {
      return Validation.invalid(errors);
    }
    if (!asgs.isEmpty()) {
      if (!items.isEmpty()) {
        return Validation.invalid(Vector.of(asgNode.err(
            "%s address prefixes %s and application security groups in one rule: Azure allows one or the other",
            side, items.stream().map(J::text).collect(java.util.stream.Collectors.toList()))));
      }
      return Validation.valid(AddressSpec.asgs(asgs));
    }
    if (items.isEmpty()) {
      return Validation.invalid(Vector.of(r.err("no %s address: expected %sAddressPrefix, %sAddressPrefixes or"
          + " %sApplicationSecurityGroups", side, side, side, side)));
    }
    if (items.stream().anyMatch(i -> i.text().equals("*"))) {
      return Validation.valid(AddressSpec.any());
    }
    List<J> tags = new ArrayList<>();
    List<IpPrefix> prefixes = new ArrayList<>();
    for (J i : items) {
      String t = i.text();
      if (TAG_LIKE.matcher(t).matches() && IpAddress.parse(t).isInvalid()) {
        tags.add(i);
        continue;
      }
      Validation<ModelError, IpPrefix> px = IpPrefix.parse(t);
      if (px.isInvalid()) {
        errors = errors.append(new ModelError(file, i.path, px.getError().message()));
      } else {
        prefixes.add(px.get());
      }
    }
    if (!tags.isEmpty() && items.size() > 1) {
      errors = errors.append(tags.get(0).err("service tag '%s' combined with other %s addresses in one rule: Azure"
          + " allows a single service tag and no mix with prefixes", tags.get(0).text(), side));
    }
    if (!errors.isEmpty()) {
      return Validation.invalid(errors);
    }
    return Validation.valid(tags.isEmpty() ? AddressSpec.prefixes(prefixes) : AddressSpec.tag(tags.get(0).text()));
  }

  /** {@code <side>PortRange} and {@code <side>PortRanges}. */
  private Validation<Seq<ModelError>, PortSet> ports(J r, String side) {
    Seq<ModelError> errors = Vector.empty();
    List<J> items = new ArrayList<>();
    J singular = r.field(side + "PortRange");
    Validation<ModelError, Optional<String>> s = singular.str();
    if (s.isInvalid()) {
      errors = errors.append(s.getError());
    } else if (s.get().isPresent()) {
      items.add(singular);
    }
    Validation<Seq<ModelError>, List<J>> p = r.field(side + "PortRanges").strings();
    if (p.isInvalid()) {
      errors = errors.appendAll(p.getError());
    } else {
      items.addAll(p.get());
    }
    PortSet set = PortSet.empty();
    for (J i : items) {
      Validation<ModelError, PortSet> ps = PortSet.parse(i.text());
      if (ps.isInvalid()) {
        errors = errors.append(new ModelError(file, i.path, ps.getError().message()));
      } else {
        set = set.union(ps.get());
      }
    }
    if (errors.isEmpty() && items.isEmpty()) {
      errors = errors.append(r.err("no %s port: expected %sPortRange or %sPortRanges", side, side, side));
    }
    return errors.isEmpty() ? Validation.valid(set) : Validation.invalid(errors);
  }

  // ------------------------------------------------------------------ NICs

  private void nic(J r, Ident id, Provenance prov) {
    NetworkInterface.Builder b = NetworkInterface.builder().id(id.id).name(id.name).provenance(prov);
    List<J> ipcs = problems.take1(r.field("ipConfigurations").arr()).orElse(List.of());
    if (ipcs.isEmpty()) {
      problems.note(file, r.path, "network interface " + id.name + " has no IP configuration");
    }
    for (J c : ipcs) {
      IpConfiguration.Builder cb = IpConfiguration.builder()
          .name(problems.take1(c.field("name").reqStr()).orElse("<unnamed>"));
      problems.take1(c.field("id").str()).orElse(Optional.empty()).map(ResourceId::of).ifPresent(cb::id);
      Optional<IpAddress> ip = optional(c.field("privateIPAddress"), IpAddress::parse);
      ip.ifPresent(cb::privateIp);
      if (ip.isEmpty()) {
        problems.note(file, c.path, "IP configuration without privateIPAddress (dynamic allocation not yet done?):"
            + " flows to it cannot be matched");
      }
      ref(c, "subnet").ifPresent(cb::subnetId);
      cb.addAllAsgIds(refs(c, "applicationSecurityGroups"));
      cb.addAllBackendPoolIds(refs(c, "loadBalancerBackendAddressPools"));
      cb.primary(flag(c.field("primary"), ipcs.size() == 1));
      b.addIpConfigurations(cb.build());
    }
    ref(r, "networkSecurityGroup").ifPresent(b::nsgId);
    b.enableIpForwarding(flag(r.field("enableIPForwarding"), false));
    ref(r, "virtualMachine").ifPresent(b::virtualMachineId);
    out.nics.add(b.build());
  }

  // ------------------------------------------------------------------ route tables

  private void routeTable(J r, Ident id, Provenance prov) {
    RouteTable.Builder b = RouteTable.builder().id(id.id).name(id.name).provenance(prov);
    for (J route : problems.take1(r.field("routes").arr()).orElse(List.of())) {
      Optional<String> name = problems.take1(route.field("name").reqStr());
      J prefixNode = route.field("addressPrefix");
      Optional<AddressSpec> dest = problems.take1(prefixNode.reqStr()).flatMap(t -> {
        if (TAG_LIKE.matcher(t).matches() && IpAddress.parse(t).isInvalid()) {
          return Optional.of(AddressSpec.tag(t));
        }
        Validation<ModelError, IpPrefix> p = IpPrefix.parse(t);
        if (p.isInvalid()) {
          problems.error(file, prefixNode.path, p.getError().message());
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
            .nextHopIp(hopIp).provenance(new Provenance(file, route.path)).build());
      }
    }
    b.addAllSubnetIds(refs(r, "subnets"));
    b.disableBgpRoutePropagation(flag(r.field("disableBgpRoutePropagation"), false));
    out.routeTables.add(b.build());
  }

  // ------------------------------------------------------------------ load balancers, public IPs

  private void loadBalancer(J r, Ident id, Provenance prov) {
    LoadBalancer.Builder b = LoadBalancer.builder().id(id.id).name(id.name).provenance(prov);
    J skuNode = r.field("sku").field("name");
    optional(skuNode, LbSku::parse).ifPresent(b::sku);
    for (J f : problems.take1(r.field("frontendIPConfigurations").arr()).orElse(List.of())) {
      String name = problems.take1(f.field("name").reqStr()).orElse("<unnamed>");
      Frontend.Builder fb = Frontend.builder().name(name).id(childId(f, id.id, "frontendIPConfigurations", name));
      optional(f.field("privateIPAddress"), IpAddress::parse).ifPresent(fb::privateIp);
      ref(f, "subnet").ifPresent(fb::subnetId);
      ref(f, "publicIPAddress").ifPresent(fb::publicIpId);
      b.addFrontends(fb.build());
    }
    for (J p : problems.take1(r.field("backendAddressPools").arr()).orElse(List.of())) {
      String name = problems.take1(p.field("name").reqStr()).orElse("<unnamed>");
      BackendPool.Builder pb = BackendPool.builder().name(name).id(childId(p, id.id, "backendAddressPools", name));
      pb.addAllIpConfigurationIds(refs(p, "backendIPConfigurations"));
      for (J a : problems.take1(p.field("loadBalancerBackendAddresses").arr()).orElse(List.of())) {
        optional(a.field("ipAddress"), IpAddress::parse).ifPresent(pb::addAddresses);
      }
      b.addBackendPools(pb.build());
    }
    for (J p : problems.take1(r.field("probes").arr()).orElse(List.of())) {
      String name = problems.take1(p.field("name").reqStr()).orElse("<unnamed>");
      Optional<ProbeProtocol> proto = problems.take1(p.field("protocol").reqStr())
          .flatMap(t -> problems.take1(located(ProbeProtocol.parse(t), p.field("protocol"))));
      Optional<Integer> port = optInt(p.field("port"));
      if (port.isEmpty() && !p.field("port").present()) {
        problems.error(file, p.field("port").path, "missing required value");
      } else if (port.isPresent() && (port.get() < 1 || port.get() > 65535)) {
        problems.error(file, p.field("port").path, "probe port " + port.get() + " is out of range 1-65535");
        port = Optional.empty();
      }
      Optional<String> path = problems.take1(p.field("requestPath").str()).orElse(Optional.empty());
      if (proto.isPresent() && proto.get() != ProbeProtocol.TCP && path.isEmpty()) {
        problems.error(file, p.path, "probe " + name + ": requestPath is required for protocol "
            + proto.get().azureName());
      }
      Optional<Integer> interval = optInt(p.field("intervalInSeconds"));
      if (interval.isPresent() && interval.get() < 1) {
        problems.error(file, p.field("intervalInSeconds").path, "intervalInSeconds must be positive");
        interval = Optional.empty();
      }
      Optional<NoHealthyBackendsBehavior> nhb = optional(p.field("noHealthyBackendsBehavior"),
          NoHealthyBackendsBehavior::parse);
      if (proto.isPresent() && port.isPresent()) {
        Probe.Builder pb = Probe.builder().name(name).id(childId(p, id.id, "probes", name)).protocol(proto.get())
            .port(port.get()).requestPath(path).probeThreshold(optInt(p.field("probeThreshold")))
            .numberOfProbes(optInt(p.field("numberOfProbes")));
        interval.ifPresent(pb::intervalInSeconds);
        nhb.ifPresent(pb::noHealthyBackendsBehavior);
        b.addProbes(pb.build());
      }
    }
    for (J l : problems.take1(r.field("loadBalancingRules").arr()).orElse(List.of())) {
      String name = problems.take1(l.field("name").reqStr()).orElse("<unnamed>");
      Optional<ResourceId> fe = ref(l, "frontendIPConfiguration");
      if (fe.isEmpty() && !l.field("frontendIPConfiguration").present()) {
        problems.error(file, l.field("frontendIPConfiguration").path, "load-balancing rule " + name
            + " has no frontendIPConfiguration");
      }
      Optional<LbProtocol> proto = problems.take1(l.field("protocol").reqStr())
          .flatMap(t -> problems.take1(located(LbProtocol.parse(t), l.field("protocol"))));
      Optional<Integer> fport = lbPort(l.field("frontendPort"));
      Optional<Integer> bport = lbPort(l.field("backendPort"));
      List<ResourceId> pools = new ArrayList<>();
      ref(l, "backendAddressPool").ifPresent(pools::add);
      refs(l, "backendAddressPools").stream().filter(x -> !pools.contains(x)).forEach(pools::add);
      Optional<LoadDistribution> dist = optional(l.field("loadDistribution"), LoadDistribution::parse);
      if (fe.isPresent() && proto.isPresent() && fport.isPresent() && bport.isPresent()) {
        LbRule.Builder rb = LbRule.builder().name(name).id(childId(l, id.id, "loadBalancingRules", name))
            .frontendId(fe.get()).addAllBackendPoolIds(pools).protocol(proto.get()).frontendPort(fport.get())
            .backendPort(bport.get()).enableFloatingIp(flag(l.field("enableFloatingIP"), false))
            .probeId(ref(l, "probe")).idleTimeoutInMinutes(optInt(l.field("idleTimeoutInMinutes")))
            .enableTcpReset(flag(l.field("enableTcpReset"), false))
            .disableOutboundSnat(flag(l.field("disableOutboundSnat"), false));
        dist.ifPresent(rb::loadDistribution);
        b.addRules(rb.build());
      }
    }
    if (r.field("inboundNatRules").isArray() && r.field("inboundNatRules").node.size() > 0
        || r.field("inboundNatPools").isArray() && r.field("inboundNatPools").node.size() > 0) {
      problems.note(file, r.path, "load balancer " + id.name + ": inbound NAT rules and pools are not modelled");
    }
    out.loadBalancers.add(b.build());
  }

  private Optional<Integer> lbPort(J j) {
    Optional<Integer> p = optInt(j);
    if (p.isEmpty() && !j.present()) {
      problems.error(file, j.path, "missing required value");
    } else if (p.isPresent() && (p.get() < 0 || p.get() > 65535)) {
      problems.error(file, j.path, "port " + p.get() + " is out of range 0-65535");
      return Optional.empty();
    }
    return p;
  }

  private Optional<ResourceId> childId(J j, ResourceId parent, String type, String name) {
    Optional<ResourceId> explicit = problems.take1(j.field("id").str()).orElse(Optional.empty()).map(ResourceId::of);
    return explicit.or(() -> Optional.of(parent.child(type, name)));
  }

  private void publicIp(J r, Ident id, Provenance prov) {
    PublicIpAddress.Builder b = PublicIpAddress.builder().id(id.id).name(id.name).provenance(prov);
    optional(r.field("ipAddress"), IpAddress::parse).ifPresent(b::ipAddress);
    problems.take1(r.field("sku").field("name").str()).orElse(Optional.empty()).ifPresent(b::sku);
    out.publicIps.add(b.build());
  }

  // ------------------------------------------------------------------ AKS

  private void aks(J r, Ident id, Provenance prov) {
    AksCluster.Builder b = AksCluster.builder().name(id.name).id(id.id).provenance(prov);
    Optional<String> version = problems.take1(r.field("kubernetesVersion").str()).orElse(Optional.empty());
    b.kubernetesVersion(version.or(() -> problems.take1(r.field("currentKubernetesVersion").str())
        .orElse(Optional.empty())));
    J np = r.field("networkProfile");
    b.networkPlugin(problems.take1(np.field("networkPlugin").str()).orElse(Optional.empty()));
    b.networkPluginMode(problems.take1(np.field("networkPluginMode").str()).orElse(Optional.empty()));
    b.networkPolicy(problems.take1(np.field("networkPolicy").str()).orElse(Optional.empty()));
    b.loadBalancerSku(optional(np.field("loadBalancerSku"), LbSku::parse));
    b.outboundType(problems.take1(np.field("outboundType").str()).orElse(Optional.empty()));
    b.nodeResourceGroup(problems.take1(r.field("nodeResourceGroup").str()).orElse(Optional.empty()));
    b.addAllPodCidrs(dedupe(prefixes(np.field("podCidr"), np.field("podCidrs"))));
    b.addAllServiceCidrs(dedupe(prefixes(np.field("serviceCidr"), np.field("serviceCidrs"))));
    for (J p : problems.take1(r.field("agentPoolProfiles").arr()).orElse(List.of())) {
      AgentPool.Builder pb = AgentPool.builder().name(problems.take1(p.field("name").reqStr()).orElse("<unnamed>"));
      pb.mode(problems.take1(p.field("mode").str()).orElse(Optional.empty()));
      pb.count(optInt(p.field("count")));
      ref(p, "vnetSubnetID").ifPresent(pb::vnetSubnetId);
      ref(p, "podSubnetID").ifPresent(pb::podSubnetId);
      b.addAgentPools(pb.build());
    }
    out.clusters.add(b.build());
  }

  private static List<IpPrefix> dedupe(List<IpPrefix> all) {
    List<IpPrefix> out = new ArrayList<>();
    for (IpPrefix p : all) {
      if (!out.contains(p)) {
        out.add(p);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ service tags

  private void serviceTags(J r) {
    List<ServiceTagEntry> entries = new ArrayList<>();
    for (J v : problems.take1(r.field("values").arr()).orElse(List.of())) {
      Optional<String> name = problems.take1(v.field("name").reqStr());
      J props = v.field("properties");
      List<IpPrefix> ps = prefixes(new J(null, file, props.path), props.field("addressPrefixes"));
      out.tagCount++;
      out.tagPrefixCount += props.field("addressPrefixes").isArray() ? props.field("addressPrefixes").node.size() : 0;
      if (name.isEmpty()) {
        continue;
      }
      ServiceTagEntry.Builder b = ServiceTagEntry.builder().name(name.get()).addAllPrefixes(ps)
          .provenance(new Provenance(file, v.path));
      problems.take1(props.field("region").str()).orElse(Optional.empty()).ifPresent(b::region);
      b.systemService(problems.take1(props.field("systemService").str()).orElse(Optional.empty()));
      b.changeNumber(problems.take1(props.field("changeNumber").integer()).orElse(Optional.empty()));
      entries.add(b.build());
    }
    out.tagFiles.add(new Collected.TagFile(file,
        problems.take1(r.field("cloud").str()).orElse(Optional.empty()),
        problems.take1(r.field("changeNumber").integer()).orElse(Optional.empty()), entries));
  }
}
