package io.github.aksreach.nsg.load;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.nsg.model.Access;
import io.github.aksreach.nsg.model.AddressSpec;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NsgProtocol;
import io.github.aksreach.nsg.model.Priority;
import io.github.aksreach.nsg.model.Provenance;
import io.github.aksreach.nsg.model.ResourceId;
import io.github.aksreach.nsg.model.SecurityRule;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Security rules: every field of one rule validated, all problems reported together. */
final class RuleParser extends ParserBase {
  RuleParser(Collected out, Problems problems, String file) {
    super(out, problems, file);
  }

  private static <T> Validation<Seq<ModelError>, T> one(Validation<ModelError, T> v) {
    return v.mapError(Vector::of);
  }

  private static <T> Validation<Seq<ModelError>, T> flat(Validation<Seq<Seq<ModelError>>, T> v) {
    return v.mapError(ss -> ss.flatMap(Function.identity()));
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
    Provenance prov = r.provenance();
    return flat(Validation.combine(one(name), one(priority), one(direction), one(access), one(protocol), source,
        destination).ap((n, p, d, a, pr, src, dst) -> SecurityRule.builder().name(n).id(ruleId).priority(p)
        .direction(d).access(a).protocol(pr).source(src._1).sourcePorts(src._2).destination(dst._1)
        .destinationPorts(dst._2).description(description).provenance(prov).build()));
  }

  /**
   * The values of the singular field {@code name} and of its plural {@code name + "es"/"s"}, added to {@code items}:
   * the problems. Azure PowerShell writes the singular field as an array ({@code "SourcePortRange": ["*"]}); it is
   * read like the plural.
   */
  private static Seq<ModelError> values(J r, String name, List<J> items) {
    Seq<ModelError> errors = Vector.empty();
    J singular = r.field(name);
    if (singular.isArray()) {
      Validation<Seq<ModelError>, List<J>> a = singular.strings();
      if (a.isInvalid()) {
        errors = errors.appendAll(a.getError());
      } else {
        items.addAll(a.get());
      }
    } else {
      Validation<ModelError, Optional<String>> s = singular.str();
      if (s.isInvalid()) {
        errors = errors.append(s.getError());
      } else if (s.get().isPresent()) {
        items.add(singular);
      }
    }
    Validation<Seq<ModelError>, List<J>> p = r.field(name.endsWith("Prefix") ? name + "es" : name + "s").strings();
    if (p.isInvalid()) {
      errors = errors.appendAll(p.getError());
    } else {
      items.addAll(p.get());
    }
    return errors;
  }

  /** {@code <side>AddressPrefix}, {@code <side>AddressPrefixes} and {@code <side>ApplicationSecurityGroups}. */
  private Validation<Seq<ModelError>, AddressSpec> address(J r, String side) {
    List<J> items = new ArrayList<>();
    Seq<ModelError> errors = values(r, side + "AddressPrefix", items);
    J asgNode = r.field(side + "ApplicationSecurityGroups");
    List<ResourceId> asgs = new ArrayList<>();
    Validation<ModelError, List<J>> asgItems = asgNode.arr();
    if (asgItems.isInvalid()) {
      errors = errors.append(asgItems.getError());
    } else {
      for (J a : asgItems.get()) {
        J idNode = a.present() && a.isTextual() ? a : a.field("id");
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
      // a tag-like text starts with a letter and has no ':', so it is never an IP address (nor parsed as one here)
      if (tagLike(t)) {
        tags.add(i);
        continue;
      }
      Validation<ModelError, IpPrefix> px = IpPrefix.parse(t);
      if (px.isInvalid()) {
        errors = errors.append(new ModelError(file, i.path(), px.getError().message()));
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
    List<J> items = new ArrayList<>();
    Seq<ModelError> errors = values(r, side + "PortRange", items);
    PortSet set = PortSet.empty();
    for (J i : items) {
      Validation<ModelError, PortSet> ps = PortSet.parse(i.text());
      if (ps.isInvalid()) {
        errors = errors.append(new ModelError(file, i.path(), ps.getError().message()));
      } else {
        set = set.union(ps.get());
      }
    }
    if (errors.isEmpty() && items.isEmpty()) {
      errors = errors.append(r.err("no %s port: expected %sPortRange or %sPortRanges", side, side, side));
    }
    return errors.isEmpty() ? Validation.valid(set) : Validation.invalid(errors);
  }
}
