package io.github.aksreach.k8s.load;

import io.github.aksreach.core.model.Destination;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.aksreach.core.input.Documents;
import io.github.aksreach.core.input.InputFiles;
import io.github.aksreach.core.input.ReadLimits;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.k8s.model.AgcFrontend;
import io.github.aksreach.k8s.model.AgcNoHealthyBackends;
import io.github.aksreach.k8s.model.Intent;
import io.github.aksreach.nsg.model.ResourceId;
import io.github.aksreach.k8s.model.IntentTarget;
import io.github.aksreach.k8s.model.KubernetesVersion;
import io.github.aksreach.k8s.model.NetworkPlugin;
import io.github.aksreach.k8s.model.NetworkPolicyEngine;
import io.github.aksreach.k8s.model.NetworkPolicySource;
import io.github.aksreach.nsg.model.NoHealthyBackendsBehavior;
import io.github.aksreach.k8s.model.PortRef;
import io.github.aksreach.k8s.model.ProbeMode;
import io.github.aksreach.k8s.model.ScenarioConfig;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Loads {@code scenario.yaml} (CONTRACTS.md section 1) into a typed {@link ScenarioConfig}.
 *
 * <pre>{@code
 * Validation<Seq<ModelError>, Loaded<ScenarioConfig>> r = ScenarioConfigLoader.loadFromDirectory(Path.of("lab/step1"));
 * ScenarioConfig c = r.get().value();      // defaults when the directory has no scenario.yaml
 * ScenarioConfigLoader.parse("scenario.yaml", "cluster:\n  networkPlugin: kubnet\n").getError().head().toString();
 * // "scenario.yaml: cluster.networkPlugin: invalid network plugin 'kubnet': expected kubenet, azure or azure-overlay"
 * }</pre>
 *
 * <p>Every key is optional; unknown keys are errors (a misspelt key must not silently fall back to a default), and so
 * are wrong types. {@code kubernetesVersion} must be a quoted string: YAML reads {@code 1.30} as the number 1.3.
 * Intents: {@code to: ip:port[/tcp|/udp]} or {@code service: namespace/name} with {@code port} (number or name);
 * {@code allow}/{@code deny} are lists of CIDRs or addresses, where {@code "*"} in {@code deny} means every address not
 * allowed and {@code "*"} in {@code allow} means every address. An address both allowed and denied is an error.
 * {@code network.routedIntoVnet} (an extension of CONTRACTS.md's schema) is a list of CIDRs routed into the VNet from
 * outside it (on-premises, peerings the dump lacks); absent, the private ranges are
 * ({@link ScenarioConfig#DEFAULT_ROUTED_INTO_VNET}); {@code []} routes nothing but the VNets and their peerings.
 * {@code network.agcFrontends} (also an extension) lists Application Gateway for Containers frontends: each names its
 * Gateway ({@code namespace/name}) or its FQDN, the {@code addresses} DNS answers for it (required, non-empty), and for
 * a bring-your-own AGC its {@code association} subnet id ({@link io.github.aksreach.k8s.model.AgcFrontend}).
 */
public final class ScenarioConfigLoader {
  /** The file name looked for in a scenario directory. */
  public static final String FILE_NAME = "scenario.yaml";

  private ScenarioConfigLoader() {}

  /** Loads {@code dir/scenario.yaml}, or returns the defaults (with an INFO note) when there is none. */
  public static Validated<Loaded<ScenarioConfig>> loadFromDirectory(Path dir) {
    Path f = dir.resolve(FILE_NAME);
    if (!Files.exists(f)) {
      return Validated.valid(new Loaded<>(ScenarioConfig.defaults(),
          List.of(LoadNote.info(FILE_NAME, "", "no scenario.yaml: every setting takes its default"))));
    }
    return load(f);
  }

  /** Loads one file; messages name it by its file name. */
  public static Validated<Loaded<ScenarioConfig>> load(Path file) {
    return load(file, InputFiles.single(file, ReadLimits.defaults()));
  }

  /** Loads one file through {@code in} (the scenario's reader: its limits and symbolic-link rule). */
  public static Validated<Loaded<ScenarioConfig>> load(Path file, InputFiles in) {
    String name = file.getFileName().toString();
    Validation<ModelError, String> text = in.read(file, name);
    return text.isInvalid() ? Validated.invalid(Vector.of(text.getError())) : parse(name, text.get(), in.limits());
  }

  /** Parses the text of a {@code scenario.yaml}. */
  public static Validated<Loaded<ScenarioConfig>> parse(String name, String text) {
    return parse(name, text, ReadLimits.defaults());
  }

  /**
   * Parses the text of a {@code scenario.yaml} (held in memory) admitted through {@code texts}
   * ({@link InputFiles#texts}: the per-file and total caps, shared with the other texts of one scenario).
   */
  public static Validated<Loaded<ScenarioConfig>> parse(String name, String text, InputFiles texts) {
    Validation<ModelError, String> admitted = texts.admit(name, text);
    return admitted.isInvalid() ? Validated.invalid(Vector.of(admitted.getError()))
        : parse(name, text, texts.limits());
  }

  /** Parses the text of a {@code scenario.yaml} within {@code limits}' alias bound (its size is not checked). */
  public static Validated<Loaded<ScenarioConfig>> parse(String name, String text, ReadLimits limits) {
    Validation<Seq<ModelError>, List<Documents.Doc>> docs = Yaml.documents(name, text, limits);
    if (docs.isInvalid()) {
      return Validated.invalid(docs.getError());
    }
    List<Documents.Doc> nonEmpty = docs.get().stream().filter(d -> d.node() != null).toList();
    if (nonEmpty.size() > 1) {
      return Validated.invalid(Vector.of(new ModelError(name, "line " + nonEmpty.get(1).line(), "a second YAML"
          + " document (the first starts on line " + nonEmpty.get(0).line() + "): scenario.yaml holds one mapping")));
    }
    JsonNode root = nonEmpty.isEmpty() ? null : nonEmpty.get(0).node();
    ReadContext ctx = new ReadContext(name);
    Cursor top = new Cursor(ctx, "", root);
    ScenarioConfig.Builder b = ScenarioConfig.builder();
    if (top.isPresent() && !top.isObject()) {
      top.error("expected a mapping of cluster, loadBalancer, network, assumptions and intents, found "
          + top.describe());
    } else if (top.isPresent()) {
      keys(top, Set.of("cluster", "loadBalancer", "network", "assumptions", "intents"));
      Cursor cluster = top.field("cluster");
      if (mapping(cluster)) {
        keys(cluster, Set.of("networkPlugin", "clusterNsg", "probeMode", "kubernetesVersion", "networkPolicy"));
        value(cluster.field("networkPlugin"), NetworkPlugin::parse).ifPresent(b::networkPlugin);
        string(cluster.field("clusterNsg")).ifPresent(b::clusterNsg);
        value(cluster.field("probeMode"), ProbeMode::parse).ifPresent(b::probeMode);
        Cursor v = cluster.field("kubernetesVersion");
        if (v.isPresent() && !v.isTextual()) {
          v.error("'" + v.asText() + "' must be a quoted string such as \"1.29\" (YAML reads 1.30 as the "
              + "number 1.3)");
        } else {
          value(v, KubernetesVersion::parse).ifPresent(b::kubernetesVersion);
        }
        value(cluster.field("networkPolicy"), NetworkPolicyEngine::parse).ifPresent(b::networkPolicy);
      }
      Cursor lb = top.field("loadBalancer");
      if (mapping(lb)) {
        keys(lb, Set.of("noHealthyBackendsBehavior", "deriveFromServices"));
        value(lb.field("noHealthyBackendsBehavior"), NoHealthyBackendsBehavior::parse)
            .ifPresent(b::noHealthyBackendsBehavior);
        lb.field("deriveFromServices").bool().ifPresent(b::deriveFromServices);
      }
      Cursor network = top.field("network");
      if (mapping(network)) {
        keys(network, Set.of("routedIntoVnet", "agcFrontends"));
        for (Cursor f : network.items("agcFrontends")) {
          agcFrontend(f).ifPresent(b::addAgcFrontends);
        }
        Cursor routed = network.field("routedIntoVnet");
        List<IpPrefix> ranges = new ArrayList<>();
        if (routed.isPresent() && !routed.isArray()) {
          routed.error("expected a list of CIDRs (ranges routed into the VNet), found " + routed.describe());
        } else if (routed.isPresent()) {
          for (Cursor e : routed.items()) {
            string(e).ifPresent(x -> e.parse(IpPrefix::parse).ifPresent(ranges::add));
          }
          b.routedIntoVnet(ranges);
        }
      }
      Cursor assumptions = top.field("assumptions");
      if (mapping(assumptions)) {
        keys(assumptions, Set.of("networkPolicySeesSource", "hostPortServed", "hostPortKeepsClientSource",
            "agcNoHealthyBackends"));
        value(assumptions.field("agcNoHealthyBackends"), AgcNoHealthyBackends::parse)
            .ifPresent(b::agcNoHealthyBackends);
        value(assumptions.field("networkPolicySeesSource"), NetworkPolicySource::parse)
            .ifPresent(b::networkPolicySeesSource);
        assumptions.field("hostPortServed").bool().ifPresent(b::hostPortServed);
        assumptions.field("hostPortKeepsClientSource").bool().ifPresent(b::hostPortKeepsClientSource);
      }
      Map<String, String> names = new HashMap<>();
      for (Cursor i : top.items("intents")) {
        intent(i, names).ifPresent(b::addIntents);
      }
    }
    if (!ctx.errors.isEmpty()) {
      return Validated.invalid(Vector.ofAll(ctx.errors));
    }
    return Validated.valid(new Loaded<>(b.build(), ctx.notes));
  }

  /** One {@code network.agcFrontends} entry: {@code gateway} or {@code fqdn}, {@code addresses}, {@code association}.
   */
  private static Optional<AgcFrontend> agcFrontend(Cursor f) {
    if (!mapping(f)) {
      return Optional.empty();
    }
    int before = f.ctx.errorCount();
    keys(f, Set.of("gateway", "fqdn", "addresses", "association"));
    Optional<String> gateway = string(f.field("gateway"));
    Optional<String> fqdn = string(f.field("fqdn"));
    if (gateway.isPresent() == fqdn.isPresent()) {
      f.error("an AGC frontend names either its gateway (namespace/name) or its fqdn, exactly one of them");
    }
    gateway.filter(g -> g.split("/", -1).length != 2 || g.startsWith("/") || g.endsWith("/"))
        .ifPresent(g -> f.field("gateway").error("expected namespace/name, found '" + g + "'"));
    List<IpAddress> addresses = new ArrayList<>();
    Cursor a = f.field("addresses");
    if (a.isAbsent() || !a.isArray() || a.size() == 0) {
      a.error("expected a non-empty list of the addresses DNS answers for the frontend's FQDN");
    } else {
      for (Cursor e : a.items()) {
        string(e).ifPresent(x -> e.parse(IpAddress::parse).ifPresent(addresses::add));
      }
    }
    Optional<ResourceId> association = Optional.empty();
    Optional<String> assoc = string(f.field("association"));
    if (assoc.isPresent()) {
      association = SubnetIds.parse(assoc.get());
      if (association.isEmpty()) {
        f.field("association").error(SubnetIds.expected("'" + assoc.get() + "'"));
      }
    }
    if (f.ctx.errorCount() != before) {
      return Optional.empty();
    }
    return Optional.of(new AgcFrontend(gateway, fqdn, addresses, association));
  }

  private static boolean mapping(Cursor c) {
    if (c.isAbsent()) {
      return false;
    }
    if (!c.isObject()) {
      c.error("expected a mapping, found " + c.describe());
      return false;
    }
    return true;
  }

  private static void keys(Cursor c, Set<String> allowed) {
    for (Map.Entry<String, Cursor> e : c.entries()) {
      if (!allowed.contains(e.getKey())) {
        e.getValue().error("unknown key '" + e.getKey() + "': expected one of " + new java.util.TreeSet<>(allowed));
      }
    }
  }

  private static Optional<String> string(Cursor c) {
    if (c.isAbsent()) {
      return Optional.empty();
    }
    if (!c.isTextual()) {
      c.error("expected a string, found " + c.describe());
      return Optional.empty();
    }
    return Optional.of(c.asText());
  }

  private static <T> Optional<T> value(Cursor c, Function<String, Validation<ModelError, T>> parser) {
    Optional<String> s = string(c);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    Validation<ModelError, T> v = parser.apply(s.get());
    if (v.isInvalid()) {
      c.error(v.getError().message());
      return Optional.empty();
    }
    return Optional.of(v.get());
  }

  private static Optional<Intent> intent(Cursor i, Map<String, String> names) {
    if (!mapping(i)) {
      if (i.isAbsent()) {
        i.error("expected an intent, found nothing");
      }
      return Optional.empty();
    }
    int before = i.ctx.errorCount();
    keys(i, Set.of("name", "to", "service", "port", "host", "path", "allow", "deny"));
    Intent.Builder b = Intent.builder();
    Optional<String> name = string(i.field("name"));
    if (name.isEmpty() || name.get().isEmpty()) {
      if (i.field("name").isAbsent() || name.isPresent()) {
        i.field("name").error("missing intent name");
      }
    } else {
      String first = names.putIfAbsent(name.get(), i.field("name").path());
      if (first != null) {
        i.field("name").error("duplicate intent name '" + name.get() + "': also at " + first);
      }
      b.name(name.get());
    }
    Cursor to = i.field("to");
    Cursor service = i.field("service");
    Cursor port = i.field("port");
    if (to.isPresent() && service.isPresent()) {
      i.error("set either 'to' or 'service' (with 'port'), not both");
    } else if (to.isPresent()) {
      if (port.isPresent()) {
        port.error("'port' goes with 'service'; with 'to' write ip:port");
      }
      Optional<String> t = string(to);
      if (t.isPresent()) {
        io.vavr.control.Either<String, IntentTarget> x = target(t.get());
        if (x.isLeft()) {
          to.error(x.getLeft());
        } else {
          b.target(x.get());
        }
      }
    } else if (service.isPresent()) {
      Optional<String> svc = string(service);
      Optional<PortRef> p = port.portRef();
      if (port.isAbsent()) {
        port.error("missing port of service " + svc.orElse(""));
      }
      if (svc.isPresent()) {
        String[] parts = svc.get().split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
          service.error("service '" + svc.get() + "' must be namespace/name");
        } else if (p.isPresent()) {
          b.target(IntentTarget.service(parts[0], parts[1], p.get()));
        }
      }
    } else {
      i.error("missing target: set 'to' (ip:port/proto) or 'service' and 'port'");
    }
    string(i.field("host")).ifPresent(b::host);
    Optional<String> path = string(i.field("path"));
    if (path.isPresent() && !path.get().startsWith("/")) {
      i.field("path").error("path '" + path.get() + "' must start with '/'");
    }
    path.ifPresent(b::path);
    List<IpPrefix> allow = new ArrayList<>();
    boolean allowAll = sources(i.field("allow"), allow);
    List<IpPrefix> deny = new ArrayList<>();
    boolean denyRest = sources(i.field("deny"), deny);
    b.addAllAllow(allow).allowEveryone(allowAll).addAllDeny(deny).denyEveryoneElse(denyRest);
    if (allowAll && denyRest) {
      i.error("allow and deny are both \"*\"");
    }
    IpSet both = IpSet.ofPrefixes(allow).intersection(IpSet.ofPrefixes(deny));
    if (allowAll) {
      both = IpSet.ofPrefixes(deny);
    }
    if (!both.isEmpty()) {
      i.field("deny").error("addresses " + both + " are both allowed and denied");
    }
    if (i.ctx.errorCount() != before) {
      return Optional.empty();
    }
    return Optional.of(b.build());
  }

  private static boolean sources(Cursor c, List<IpPrefix> out) {
    boolean star = false;
    if (c.isAbsent()) {
      return false;
    }
    if (!c.isArray()) {
      c.error("expected a list of CIDRs or \"*\", found " + c.describe());
      return false;
    }
    for (Cursor e : c.items()) {
      Optional<String> s = string(e);
      if (s.isEmpty()) {
        continue;
      }
      if (s.get().trim().equals("*")) {
        star = true;
        continue;
      }
      e.parse(IpPrefix::parse).ifPresent(out::add);
    }
    return star;
  }

  /** Parses {@code ip:port}, {@code ip:port/tcp}, {@code [v6]:port/udp} ({@link Destination#parse}). */
  static io.vavr.control.Either<String, IntentTarget> target(String text) {
    Validation<ModelError, Destination> d = Destination.parse(text);
    if (d.isInvalid()) {
      return io.vavr.control.Either.left("invalid target '" + text.trim() + "': " + d.getError().message());
    }
    return io.vavr.control.Either.right(IntentTarget.address(d.get().address(), d.get().port(), d.get().protocol()));
  }

}
