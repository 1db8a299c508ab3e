package io.github.aksreach.nsg.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.nsg.model.ApplicationSecurityGroup;
import io.github.aksreach.nsg.model.Provenance;
import io.github.aksreach.nsg.model.ResourceId;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.control.Validation;
import java.util.List;
import java.util.Optional;

/** Reads one JSON document of any supported shape into {@link Collected}, recording problems. */
final class AzureParser extends ParserBase {
  private final RuleParser rules;
  private final NetworkParser network;
  private final BalancerParser balancers;
  private final PlatformParser platform;

  AzureParser(Collected out, Problems problems, String file) {
    super(out, problems, file);
    this.rules = new RuleParser(out, problems, file);
    this.network = new NetworkParser(out, problems, file, rules);
    this.balancers = new BalancerParser(out, problems, file);
    this.platform = new PlatformParser(out, problems, file);
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

  /** An element of a list read element by element ({@link AzureListStream}): as {@link #container} reads each. */
  void listItem(J item) {
    resource(item, Optional.empty());
  }

  private void container(J j) {
    if (j.isArray()) {
      List<J> items = j.arr().getOrElse(List.of());
      if (items.isEmpty()) {
        problems.note(file, j.path(), "empty list: nothing to load");
      }
      for (J item : items) {
        resource(item, Optional.empty());
      }
      return;
    }
    J responses = j.exact("responses");
    if (responses.isObject()) {
      for (J response : responses.members()) {
        J body = response.exact("body");
        if (response.name().startsWith("2") && body.present()) {
          container(body);
          return;
        }
      }
      problems.error(file, j.path() + ".responses", "REST example without a 2xx response body");
      return;
    }
    if (j.exact("resources").isArray() && (j.has("$schema") || j.has("contentVersion"))) {
      template(j);
      return;
    }
    if (j.exact("value").isArray() && !j.has("type")) {
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
  private void templateResource(J r, Optional<Tuple2<AzureKind, ResourceId>> parent) {
    if (!r.isObject()) {
      problems.error(file, r.path(), "expected a resource object, found " + r.kind());
      return;
    }
    if (r.has("copy")) {
      problems.error(file, r.path() + ".copy", "ARM copy loops are not supported: aksreach reads literal resources"
          + " only; deploy the template and load the az CLI output of the resources");
      countStructure(r, kindOf(r, parent));
      return;
    }
    if (r.has("condition")) {
      J c = r.exact("condition");
      Validation<ModelError, Optional<Boolean>> b = c.bool();
      if (b.isInvalid()) {
        problems.error(b.getError());
      } else if (b.get().isPresent() && !b.get().get()) {
        problems.note(file, c.path(), "resource skipped: its condition is false");
        return;
      }
    }
    resource(r, parent);
  }

  /** The resource's type: {@code type} (any case: Azure PowerShell writes {@code Type}), else {@code ResourceType}. */
  private static Optional<String> type(J r) {
    return r.topText("type").or(() -> r.topText("resourceType"));
  }

  private AzureKind kindOf(J r, Optional<Tuple2<AzureKind, ResourceId>> parent) {
    Optional<String> typeText = type(r);
    if (typeText.isPresent()) {
      String type = typeText.get();
      if (parent.isPresent() && !type.contains(".")) {
        type = parent.get()._1.type + "/" + type;     // a nested template child: "securityRules", "subnets"
      }
      return AzureKind.ofType(type);
    }
    if (r.field("securityRules").present() || r.field("defaultSecurityRules").present()) {
      return AzureKind.NSG;
    }
    if (r.field("addressSpace").present()) {
      return AzureKind.VNET;
    }
    if (r.field("frontendIPConfigurations").present() || r.field("loadBalancingRules").present()) {
      return AzureKind.LB;
    }
    if (r.field("ipConfigurations").present() && (r.field("macAddress").present()
        || r.field("enableIPForwarding").present() || r.field("virtualMachine").present()
        || r.field("enableAcceleratedNetworking").present())) {
      return AzureKind.NIC;
    }
    if (r.field("routes").present()) {
      return AzureKind.ROUTE_TABLE;
    }
    if (r.field("agentPoolProfiles").present() || r.field("networkProfile").present()
        && r.field("kubernetesVersion").present()) {
      return AzureKind.AKS;
    }
    if (r.field("values").isArray() && (r.field("cloud").present() || r.field("changeNumber").present())) {
      return AzureKind.TAGS;
    }
    if (r.field("effectiveSecurityRules").present()) {
      return AzureKind.EFFECTIVE_NSG;
    }
    if (r.field("priority").present() && r.field("direction").present() && r.field("access").present()) {
      return r.topText("id").filter(id -> id.toLowerCase(java.util.Locale.ROOT).contains("/defaultsecurityrules/"))
          .isPresent() ? AzureKind.DEFAULT_RULE : AzureKind.RULE;
    }
    return AzureKind.UNKNOWN;
  }

  private void countStructure(J r, AzureKind k) {
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
        out.lbRuleCount += r.field("loadBalancingRules").arr().getOrElse(List.of()).size();
        out.probeCount += r.field("probes").arr().getOrElse(List.of()).size();
        break;
      case PIP:
        out.pipCount++;
        break;
      case AKS:
        out.clusterCount++;
        break;
      case APP_GATEWAY:
        out.appGatewayCount++;
        break;
      case FIREWALL:
        out.firewallCount++;
        break;
      case EFFECTIVE_NSG:
        out.effectiveNsgCount++;
        out.effectiveRuleCount += r.field("effectiveSecurityRules").arr().getOrElse(List.of()).size();
        break;
      default:
        break;
    }
  }

  // ------------------------------------------------------------------ resources

  private void resource(J r, Optional<Tuple2<AzureKind, ResourceId>> parent) {
    if (!r.isObject()) {
      problems.error(file, r.path(), "expected a resource object, found " + r.kind());
      return;
    }
    AzureKind k = kindOf(r, parent);
    countStructure(r, k);
    if (k == AzureKind.TAGS) {
      platform.serviceTags(r);
      return;
    }
    if (k == AzureKind.UNKNOWN && wrapped(r).isPresent()) {
      J inner = wrapped(r).get();
      problems.note(file, inner.path(), "read the object under '" + inner.path().substring(r.path().length())
          .replaceFirst("^[.\\[']+", "").replaceFirst("'?]$", "") + "' (the wrapper an az ... create command prints)");
      resource(inner, parent);
      return;
    }
    if (k == AzureKind.APP_GATEWAY || k == AzureKind.FIREWALL || k == AzureKind.EFFECTIVE_NSG) {
      notOnPath(r, k);
      return;
    }
    if (k == AzureKind.UNKNOWN) {
      Optional<String> type = type(r);
      out.skippedCount++;
      problems.note(file, r.path(), type.isPresent()
          ? "skipped resource of type " + type.get() + ": not part of the network model"
          : "skipped an object that is no Azure resource aksreach knows (no 'type', unrecognised fields)");
      return;
    }
    Ident id = ident(r, k, parent);
    Provenance prov = r.provenance();
    switch (k) {
      case VNET:
        network.vnet(r, id, prov);
        break;
      case SUBNET:
        network.subnet(r, id.parent, id, prov).ifPresent(s -> out.orphanSubnets.add(
            new Collected.Orphan<>(id.parent.orElse(s.id().parent().orElse(s.id())), s, false, prov)));
        break;
      case NSG:
        network.nsg(r, id, prov);
        break;
      case RULE:
      case DEFAULT_RULE:
        problems.take(rules.rule(r, k == AzureKind.DEFAULT_RULE, Optional.of(id))).ifPresent(rule ->
            out.orphanRules.add(new Collected.Orphan<>(id.parent.orElse(id.id), rule, k == AzureKind.DEFAULT_RULE,
                prov)));
        break;
      case NIC:
        network.nic(r, id, prov);
        break;
      case ROUTE_TABLE:
        network.routeTable(r, id, prov);
        break;
      case ROUTE:
        out.skippedCount++;
        problems.note(file, r.path(), "skipped a standalone route: load the route table (az network route-table"
            + " list) instead");
        break;
      case ASG:
        out.asgs.add(ApplicationSecurityGroup.builder().id(id.id).name(id.name).provenance(prov).build());
        break;
      case LB:
        balancers.loadBalancer(r, id, prov);
        break;
      case PIP:
        balancers.publicIp(r, id, prov);
        break;
      case AKS:
        platform.aks(r, id, prov);
        break;
      default:
        throw new IllegalStateException(k.toString());
    }
    if (r.exact("resources").isArray()) {
      for (J child : r.field("resources").arr().getOrElse(List.of())) {
        templateResource(child, Optional.of(Tuple.of(k, id.id)));
      }
    }
  }


  /**
   * The object an {@code az ... create} command wraps its result in ({@code {"NewNIC": {...}}},
   * {@code {"newVNet": {...}}}): an object of exactly one field whose value is an object.
   */
  private Optional<J> wrapped(J r) {
    if (!r.isObject() || r.size() != 1) {
      return Optional.empty();
    }
    J v = r.members().get(0);
    return v.isObject() && !v.name().equalsIgnoreCase("properties") ? Optional.of(v) : Optional.empty();
  }

  /**
   * Application gateways, Azure Firewalls and the effective rules of {@code az network nic list-effective-nsg}: read
   * into the inventory, with a note that they are not yet on the path aksreach evaluates.
   */
  private void notOnPath(J r, AzureKind k) {
    if (k == AzureKind.EFFECTIVE_NSG) {
      J nsg = r.field("networkSecurityGroup").field("id");
      J assoc = r.field("association");
      String where = assoc.field("networkInterface").present() ? "network interface "
          + assoc.field("networkInterface").field("id").str().getOrElse(Optional.empty()).map(t -> ResourceId.of(t)
          .name()).orElse("?") : assoc.field("subnet").present() ? "subnet " + assoc.field("subnet").field("id")
          .str().getOrElse(Optional.empty()).map(t -> ResourceId.of(t).name()).orElse("?") : "its association";
      problems.note(file, r.path(), "effective rules of NSG " + nsg.str().getOrElse(Optional.empty())
          .map(t -> ResourceId.of(t).name()).orElse("?") + " on " + where + " (az network nic list-effective-nsg, "
          + r.field("effectiveSecurityRules").arr().getOrElse(List.of()).size() + " rules): read as inventory, not yet"
          + " on the path; aksreach evaluates the NSG definitions (az network nsg list)");
      return;
    }
    String name = r.field("name").str().getOrElse(Optional.empty()).orElse("<unnamed>");
    problems.note(file, r.path(), (k == AzureKind.APP_GATEWAY ? "application gateway " : "Azure Firewall ") + name
        + ": read as inventory, not yet on the path (flows are not evaluated through it)");
  }
}
