package io.github.aksreach.k8s.load;

import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.k8s.model.ApiNamed;
import io.github.aksreach.k8s.model.AuthorizationPolicy;
import io.github.aksreach.k8s.model.BackendRef;
import io.github.aksreach.k8s.model.Gateway;
import io.github.aksreach.k8s.model.GatewayClass;
import io.github.aksreach.k8s.model.GrpcRoute;
import io.github.aksreach.k8s.model.HttpRoute;
import io.github.aksreach.k8s.model.LabelSelector;
import io.github.aksreach.k8s.model.ParentRef;
import io.github.aksreach.nsg.model.Provenance;
import io.github.aksreach.k8s.model.ReferenceGrant;
import io.github.aksreach.k8s.model.ValueMatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Reads the Gateway API kinds ({@code gateway.networking.k8s.io}: GatewayClass, Gateway, HTTPRoute, GRPCRoute,
 * ReferenceGrant) and Istio's {@code security.istio.io} AuthorizationPolicy, with the validation the API server's CRD
 * schemas and CEL rules (and Istio's validating webhook) would apply, each failure an error naming file and path.
 * What the API server accepts but a controller refuses (a route to a missing parent, a listener the
 * implementation does not support) is not an error here: {@code io.github.aksreach.k8s.gateway} reports it as a
 * status condition.
 */
final class GatewayApiReader {
  static final String GATEWAY_GROUP = ParentRef.GATEWAY_GROUP;
  static final String ISTIO_SECURITY_GROUP = "security.istio.io";
  /** G1.7: lower-case DNS names, optionally with a leading {@code *.} label. */
  private static final Pattern HOSTNAME = Pattern.compile(
      "^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS",
      "TRACE", "PATCH");
  private static final Set<Integer> REDIRECT_CODES = Set.of(301, 302, 303, 307, 308);
  private static final Map<String, Set<String>> VERSIONS = Map.of(
      "GatewayClass", Set.of("v1", "v1beta1"),
      "Gateway", Set.of("v1", "v1beta1"),
      "HTTPRoute", Set.of("v1", "v1beta1"),
      "GRPCRoute", Set.of("v1", "v1alpha2"),
      "ReferenceGrant", Set.of("v1", "v1beta1", "v1alpha2"),
      "AuthorizationPolicy", Set.of("v1", "v1beta1"));

  private final ClusterAccumulator out;

  GatewayApiReader(ClusterAccumulator out) {
    this.out = out;
  }

  /**
   * Reads one object of a Gateway API or Istio security kind. Returns false, reading nothing, when the object's
   * group is another one (an Istio {@code networking.istio.io} Gateway, say), which the caller then skips with a note.
   * A known group with a version this reader does not know is an error.
   */
  boolean read(Cursor o, String kind, String apiVersion, Provenance prov, int before) {
    String expectedGroup = kind.equals("AuthorizationPolicy") ? ISTIO_SECURITY_GROUP : GATEWAY_GROUP;
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    if (!group.equals(expectedGroup)) {
      return false;
    }
    Set<String> known = VERSIONS.get(kind);
    if (!known.contains(version)) {
      o.field("apiVersion").error("unknown apiVersion '" + apiVersion + "' for " + kind + ": aksreach reads "
          + expectedGroup + "/" + String.join(", ", known.stream().sorted().toList()));
      return true;
    }
    switch (kind) {
      case "GatewayClass":
        gatewayClass(o, prov, before);
        break;
      case "Gateway":
        gateway(o, prov, before);
        break;
      case "HTTPRoute":
        httpRoute(o, prov, before);
        break;
      case "GRPCRoute":
        grpcRoute(o, prov, before);
        break;
      case "ReferenceGrant":
        referenceGrant(o, prov, before);
        break;
      default:
        authorizationPolicy(o, prov, before);
        break;
    }
    return true;
  }

  static boolean ok(Cursor o, int before) {
    return o.ctx.errorCount() == before;
  }

  static <E extends Enum<E> & ApiNamed> Optional<E> enumField(Cursor c, E[] values, E dflt) {
    if (c.isAbsent()) {
      return Optional.of(dflt);
    }
    List<String> names = new ArrayList<>();
    for (E e : values) {
      names.add(e.apiName());
    }
    return c.enumValue(s -> ApiNamed.lookup(values, s), String.join(", ", names));
  }

  static Optional<String> hostname(Cursor c) {
    Optional<String> h = c.text();
    if (h.isPresent() && (h.get().length() > 253 || !HOSTNAME.matcher(h.get()).matches())) {
      c.error("invalid hostname '" + h.get() + "': lower-case DNS labels, optionally '*.' first (an IP address "
          + "is not a hostname)");
      return Optional.empty();
    }
    return h;
  }

  // ---------------------------------------------------------------------------------------------- GatewayClass

  private void gatewayClass(Cursor o, Provenance prov, int before) {
    GatewayClass.Builder b = GatewayClass.builder().name(ObjectReader.name(o)).provenance(prov);
    Cursor spec = o.field("spec");
    b.controllerName(spec.required("controllerName"));
    Cursor params = spec.field("parametersRef");
    if (params.isPresent()) {
      localRef(params).ifPresent(b::parametersRef);
      params.nonEmpty("namespace").ifPresent(b::parametersNamespace);
    }
    if (ok(o, before)) {
      out.add("GatewayClass", "", b.build(), prov);
    }
  }

  private static Optional<Gateway.LocalObjectRef> localRef(Cursor c) {
    String kind = c.required("kind");
    String name = c.required("name");
    String group = c.string("group").orElse("");
    return kind.isEmpty() || name.isEmpty() ? Optional.empty()
        : Optional.of(new Gateway.LocalObjectRef(group, kind, name));
  }

  // ---------------------------------------------------------------------------------------------- Gateway

  private void gateway(Cursor o, Provenance prov, int before) {
    String ns = ObjectReader.namespace(o);
    Gateway.Builder b = Gateway.builder().namespace(ns).name(ObjectReader.name(o))
        .putAllLabels(ObjectReader.labels(o)).putAllAnnotations(ObjectReader.annotations(o)).provenance(prov);
    ObjectReader.creationTimestamp(o).ifPresent(b::creationTimestamp);
    Cursor spec = o.field("spec");
    spec.expectObject();
    b.gatewayClassName(spec.required("gatewayClassName"));
    List<Cursor> listeners = spec.items("listeners");
    if (listeners.isEmpty() && spec.isPresent()) {
      spec.field("listeners").error("a Gateway needs at least one listener");
    }
    Set<String> names = new HashSet<>();
    Set<String> distinct = new HashSet<>();
    for (Cursor l : listeners) {
      listener(l).ifPresent(li -> {
        if (!names.add(li.name())) {
          l.field("name").error("duplicate listener name '" + li.name() + "'");
        }
        if (!distinct.add(li.port() + "/" + li.protocol() + "/" + li.hostname().orElse(""))) {
          l.error("listener '" + li.name() + "' repeats the port, protocol and hostname of an earlier listener");
        }
        b.addListeners(li);
      });
    }
    for (Cursor a : spec.items("addresses")) {
      String value = a.required("value");
      if (!value.isEmpty()) {
        b.addAddresses(new Gateway.Address(a.nonEmpty("type").orElse("IPAddress"), value));
      }
    }
    Cursor infra = spec.field("infrastructure");
    if (infra.isPresent() && infra.expectObject()) {
      Optional<Gateway.LocalObjectRef> params = Optional.empty();
      if (infra.field("parametersRef").isPresent()) {
        params = localRef(infra.field("parametersRef"));
      }
      b.infrastructure(new Gateway.Infrastructure(infra.stringMap("labels"), infra.stringMap("annotations"),
          params));
    }
    for (Cursor a : o.at("status").items("addresses")) {
      a.nonEmpty("value").ifPresent(b::addStatusAddresses);
    }
    if (ok(o, before)) {
      out.add("Gateway", ns, b.build(), prov);
    }
  }

  private Optional<Gateway.Listener> listener(Cursor l) {
    int before = l.ctx.errorCount();
    String name = l.required("name");
    OptionalInt port = l.port("port", true);
    if (l.field("port").isAbsent()) {
      l.field("port").error("listener '" + name + "' has no port (required)");
    }
    String protocol = l.required("protocol");
    Optional<String> host = hostname(l.field("hostname"));
    boolean l4 = protocol.equals("TCP") || protocol.equals("UDP");
    if (host.isPresent() && l4) {
      l.field("hostname").error("hostname is not allowed on a " + protocol + " listener");
    }
    Optional<String> tlsMode = Optional.empty();
    Cursor tls = l.field("tls");
    if (tls.isPresent()) {
      if (protocol.equals("HTTP") || l4) {
        tls.error("tls is not allowed on a " + protocol + " listener");
      }
      tlsMode = Optional.of(tls.nonEmpty("mode").orElse("Terminate"));
      if (protocol.equals("HTTPS") && !tlsMode.get().equals("Terminate")) {
        tls.field("mode").error("an HTTPS listener terminates TLS: mode must be Terminate");
      }
    } else if (protocol.equals("TLS")) {
      l.field("tls").error("a TLS listener must set tls.mode");
    }
    Gateway.AllowedRoutes allowed = allowedRoutes(l.field("allowedRoutes"));
    if (!ok(l, before) || port.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Gateway.Listener(name, port.getAsInt(), protocol, host, allowed, tlsMode));
  }

  private Gateway.AllowedRoutes allowedRoutes(Cursor a) {
    if (a.isAbsent()) {
      return Gateway.AllowedRoutes.SAME_NAMESPACE;
    }
    Cursor nss = a.field("namespaces");
    Gateway.FromNamespaces from = enumField(nss.field("from"), Gateway.FromNamespaces.values(),
        Gateway.FromNamespaces.SAME).orElse(Gateway.FromNamespaces.SAME);
    Optional<LabelSelector> selector = NetworkPolicyReader.selector(nss.field("selector"));
    if (from == Gateway.FromNamespaces.SELECTOR && selector.isEmpty()) {
      nss.field("selector").error("from: Selector needs a selector");
    }
    List<Gateway.RouteGroupKind> kinds = new ArrayList<>();
    for (Cursor k : a.items("kinds")) {
      String kind = k.required("kind");
      if (!kind.isEmpty()) {
        kinds.add(new Gateway.RouteGroupKind(k.string("group").orElse(GATEWAY_GROUP), kind));
      }
    }
    return new Gateway.AllowedRoutes(from, from == Gateway.FromNamespaces.SELECTOR ? selector : Optional.empty(),
        kinds);
  }

  // ---------------------------------------------------------------------------------------------- routes

  private void httpRoute(Cursor o, Provenance prov, int before) {
    String ns = ObjectReader.namespace(o);
    HttpRoute.Builder b = HttpRoute.builder().namespace(ns).name(ObjectReader.name(o))
        .putAllLabels(ObjectReader.labels(o)).putAllAnnotations(ObjectReader.annotations(o)).provenance(prov);
    ObjectReader.creationTimestamp(o).ifPresent(b::creationTimestamp);
    Cursor spec = o.field("spec");
    spec.expectObject();
    b.addAllParentRefs(RouteRefs.parentRefs(spec)).addAllHostnames(RouteRefs.hostnames(spec));
    List<Cursor> rules = spec.items("rules");
    if (rules.isEmpty()) {
      // R2.12: the API defaults rules to one rule matching PathPrefix / (with no backends)
      b.addRules(new HttpRoute.Rule(Optional.empty(), List.of(), List.of(), List.of()));
    }
    for (Cursor r : rules) {
      httpRule(r).ifPresent(b::addRules);
    }
    if (ok(o, before)) {
      out.add("HTTPRoute", ns, b.build(), prov);
    }
  }

  private Optional<HttpRoute.Rule> httpRule(Cursor r) {
    int before = r.ctx.errorCount();
    List<HttpRoute.Match> matches = new ArrayList<>();
    for (Cursor m : r.items("matches")) {
      httpMatch(m).ifPresent(matches::add);
    }
    List<HttpRoute.Filter> filters = new ArrayList<>();
    for (Cursor f : r.items("filters")) {
      filter(f).ifPresent(filters::add);
    }
    List<BackendRef> backends = RouteRefs.backendRefs(r.field("backendRefs"));
    boolean redirect = filters.stream().anyMatch(f -> f.redirect().isPresent());
    boolean rewrite = filters.stream().anyMatch(f -> f.rewrite().isPresent());
    if (redirect && rewrite) {
      r.field("filters").error("RequestRedirect and URLRewrite cannot be combined in one rule");
    }
    if (redirect && !backends.isEmpty()) {
      r.field("backendRefs").error("a rule with a RequestRedirect filter cannot have backendRefs");
    }
    boolean prefixReplace = filters.stream()
        .flatMap(f -> Stream.concat(f.redirect().flatMap(HttpRoute.Redirect::path).stream(),
            f.rewrite().flatMap(HttpRoute.Rewrite::path).stream()))
        .anyMatch(p -> p.type() == HttpRoute.PathModifierType.REPLACE_PREFIX_MATCH);
    if (prefixReplace && (matches.size() != 1
        || matches.get(0).path().type() != HttpRoute.PathType.PATH_PREFIX)) {
      r.field("matches").error("ReplacePrefixMatch needs exactly one match, of type PathPrefix");
    }
    if (!ok(r, before)) {
      return Optional.empty();
    }
    return Optional.of(new HttpRoute.Rule(r.nonEmpty("name"), matches, filters, backends));
  }

  private static Optional<HttpRoute.Match> httpMatch(Cursor m) {
    int before = m.ctx.errorCount();
    Cursor path = m.field("path");
    HttpRoute.PathMatch pm = HttpRoute.PathMatch.ROOT;
    if (path.isPresent()) {
      Optional<HttpRoute.PathType> type = enumField(path.field("type"), HttpRoute.PathType.values(),
          HttpRoute.PathType.PATH_PREFIX);
      String value = path.string("value").orElse("/");
      if (type.isPresent() && type.get() != HttpRoute.PathType.REGULAR_EXPRESSION) {
        if (!value.startsWith("/")) {
          path.field("value").error("path '" + value + "' must start with '/'");
        } else if (value.contains("//") || value.contains("/./") || value.contains("/../")
            || value.toLowerCase().contains("%2f") || value.contains("#") || value.endsWith("/..")
            || value.endsWith("/.")) {
          path.field("value").error("path '" + value + "' must not contain '//', '/./', '/../', '%2f' or '#', "
              + "nor end with '/..' or '/.'");
        }
      } else if (type.isPresent()) {
        RouteRefs.compiles(path.field("value"), value);
      }
      if (type.isPresent()) {
        pm = new HttpRoute.PathMatch(type.get(), value);
      }
    }
    List<ValueMatch> headers = RouteRefs.valueMatches(m.field("headers"));
    List<ValueMatch> query = RouteRefs.valueMatches(m.field("queryParams"));
    Optional<String> method = m.nonEmpty("method");
    if (method.isPresent() && !METHODS.contains(method.get())) {
      m.field("method").error("invalid method '" + method.get() + "': expected one of GET, HEAD, POST, PUT, DELETE, "
          + "CONNECT, OPTIONS, TRACE, PATCH");
    }
    if (!ok(m, before)) {
      return Optional.empty();
    }
    return Optional.of(new HttpRoute.Match(pm, headers, query, method));
  }

  private static Optional<HttpRoute.PathModifier> pathModifier(Cursor p) {
    if (p.isAbsent()) {
      return Optional.empty();
    }
    Optional<HttpRoute.PathModifierType> type = p.field("type").enumValue(
        s -> ApiNamed.lookup(HttpRoute.PathModifierType.values(), s), "ReplaceFullPath or ReplacePrefixMatch");
    if (p.field("type").isAbsent()) {
      p.field("type").error("missing type");
    }
    if (type.isEmpty()) {
      return Optional.empty();
    }
    String field = type.get() == HttpRoute.PathModifierType.REPLACE_FULL_PATH ? "replaceFullPath"
        : "replacePrefixMatch";
    Optional<String> value = p.string(field);
    if (value.isEmpty()) {
      p.field(field).error("missing " + field + " for type " + type.get().apiName());
      return Optional.empty();
    }
    return Optional.of(new HttpRoute.PathModifier(type.get(), value.get()));
  }

  private static Optional<HttpRoute.Filter> filter(Cursor f) {
    Optional<HttpRoute.FilterType> type = f.field("type").enumValue(
        s -> ApiNamed.lookup(HttpRoute.FilterType.values(), s), "a Gateway API filter type");
    if (f.field("type").isAbsent()) {
      f.field("type").error("missing type");
    }
    if (type.isEmpty()) {
      return Optional.empty();
    }
    switch (type.get()) {
      case REQUEST_REDIRECT: {
        Cursor r = f.field("requestRedirect");
        Optional<String> scheme = r.nonEmpty("scheme");
        if (scheme.isPresent() && !scheme.get().equals("http") && !scheme.get().equals("https")) {
          r.field("scheme").error("invalid scheme '" + scheme.get() + "': expected http or https");
        }
        OptionalInt code = r.integer("statusCode");
        if (code.isPresent() && !REDIRECT_CODES.contains(code.getAsInt())) {
          r.field("statusCode").error("invalid statusCode " + code.getAsInt() + ": expected 301, 302, 303, 307 "
              + "or 308");
        }
        return Optional.of(HttpRoute.Filter.redirect(new HttpRoute.Redirect(scheme, hostname(r.field("hostname")),
            pathModifier(r.field("path")), r.port("port", true), code.orElse(302))));
      }
      case URL_REWRITE: {
        Cursor r = f.field("urlRewrite");
        return Optional.of(HttpRoute.Filter.rewrite(new HttpRoute.Rewrite(hostname(r.field("hostname")),
            pathModifier(r.field("path")))));
      }
      case REQUEST_MIRROR:
        return Optional.of(new HttpRoute.Filter(type.get(), Optional.empty(), Optional.empty(),
            RouteRefs.backendRef(f.at("requestMirror", "backendRef"))));
      default:
        return Optional.of(HttpRoute.Filter.of(type.get()));
    }
  }

  private void grpcRoute(Cursor o, Provenance prov, int before) {
    String ns = ObjectReader.namespace(o);
    GrpcRoute.Builder b = GrpcRoute.builder().namespace(ns).name(ObjectReader.name(o)).provenance(prov);
    ObjectReader.creationTimestamp(o).ifPresent(b::creationTimestamp);
    Cursor spec = o.field("spec");
    spec.expectObject();
    b.addAllParentRefs(RouteRefs.parentRefs(spec)).addAllHostnames(RouteRefs.hostnames(spec));
    for (Cursor r : spec.items("rules")) {
      List<GrpcRoute.Match> matches = new ArrayList<>();
      for (Cursor m : r.items("matches")) {
        Optional<GrpcRoute.MethodMatch> method = Optional.empty();
        Cursor mm = m.field("method");
        if (mm.isPresent()) {
          Optional<ValueMatch.Type> type = enumField(mm.field("type"), ValueMatch.Type.values(),
              ValueMatch.Type.EXACT);
          Optional<String> service = mm.nonEmpty("service");
          Optional<String> name = mm.nonEmpty("method");
          if (service.isEmpty() && name.isEmpty()) {
            mm.error("a method match needs a service or a method");
          }
          if (type.isPresent()) {
            method = Optional.of(new GrpcRoute.MethodMatch(type.get(), service, name));
          }
        }
        matches.add(new GrpcRoute.Match(method, RouteRefs.valueMatches(m.field("headers"))));
      }
      b.addRules(new GrpcRoute.Rule(matches, RouteRefs.backendRefs(r.field("backendRefs"))));
    }
    if (ok(o, before)) {
      out.add("GRPCRoute", ns, b.build(), prov);
    }
  }

  // ---------------------------------------------------------------------------------------------- ReferenceGrant

  private void referenceGrant(Cursor o, Provenance prov, int before) {
    String ns = ObjectReader.namespace(o);
    ReferenceGrant.Builder b = ReferenceGrant.builder().namespace(ns).name(ObjectReader.name(o)).provenance(prov);
    Cursor spec = o.field("spec");
    List<Cursor> from = spec.items("from");
    List<Cursor> to = spec.items("to");
    if (from.isEmpty()) {
      spec.field("from").error("a ReferenceGrant needs at least one 'from' entry");
    }
    if (to.isEmpty()) {
      spec.field("to").error("a ReferenceGrant needs at least one 'to' entry");
    }
    for (Cursor f : from) {
      if (f.field("group").isAbsent()) {
        f.field("group").error("missing group (write \"\" for the core group)");
      }
      b.addFrom(new ReferenceGrant.From(f.string("group").orElse(""), f.required("kind"), f.required("namespace")));
    }
    for (Cursor t : to) {
      if (t.field("group").isAbsent()) {
        t.field("group").error("missing group (write \"\" for the core group)");
      }
      b.addTo(new ReferenceGrant.To(t.string("group").orElse(""), t.required("kind"), t.nonEmpty("name")));
    }
    if (ok(o, before)) {
      out.add("ReferenceGrant", ns, b.build(), prov);
    }
  }

  // ---------------------------------------------------------------------------------------------- AuthorizationPolicy

  private void authorizationPolicy(Cursor o, Provenance prov, int before) {
    String ns = ObjectReader.namespace(o);
    AuthorizationPolicy.Builder b = AuthorizationPolicy.builder().namespace(ns).name(ObjectReader.name(o))
        .provenance(prov);
    Cursor spec = o.field("spec");
    spec.expectObject();
    Cursor selector = spec.field("selector");
    List<Cursor> targets = new ArrayList<>(spec.items("targetRefs"));
    if (spec.field("targetRef").isPresent()) {
      targets.add(spec.field("targetRef"));
    }
    if (selector.isPresent() && !targets.isEmpty()) {
      spec.field("targetRefs").error("selector and targetRefs are mutually exclusive (Istio rejects the policy)");
    } else if (selector.isPresent() && selector.expectObject()) {
      b.selector(selector.stringMap("matchLabels"));
    }
    for (Cursor t : targets) {
      String kind = t.required("kind");
      String name = t.required("name");
      if (t.nonEmpty("namespace").filter(n -> !n.equals(ns)).isPresent()) {
        t.field("namespace").error("targetRefs must be in the policy's namespace " + ns);
      }
      b.addTargetRefs(new AuthorizationPolicy.TargetRef(t.string("group").orElse(""), kind, name));
    }
    Optional<AuthorizationPolicy.Action> action = enumField(spec.field("action"),
        AuthorizationPolicy.Action.values(), AuthorizationPolicy.Action.ALLOW);
    action.ifPresent(b::action);
    Optional<String> provider = spec.at("provider").nonEmpty("name");
    if (action.equals(Optional.of(AuthorizationPolicy.Action.CUSTOM)) && provider.isEmpty()) {
      spec.field("provider").error("a CUSTOM policy needs provider.name");
    }
    provider.ifPresent(b::provider);
    for (Cursor r : spec.items("rules")) {
      List<AuthorizationPolicy.Source> from = new ArrayList<>();
      for (Cursor f : r.items("from")) {
        from.add(source(f.field("source")));
      }
      List<AuthorizationPolicy.Operation> to = new ArrayList<>();
      for (Cursor t : r.items("to")) {
        Cursor op = t.field("operation");
        to.add(new AuthorizationPolicy.Operation(op.strings("hosts"), op.strings("notHosts"), op.strings("ports"),
            op.strings("notPorts"), op.strings("methods"), op.strings("notMethods"), op.strings("paths"),
            op.strings("notPaths")));
      }
      List<AuthorizationPolicy.Condition> when = new ArrayList<>();
      for (Cursor w : r.items("when")) {
        String key = w.required("key");
        List<String> values = w.strings("values");
        List<String> notValues = w.strings("notValues");
        if (values.isEmpty() && notValues.isEmpty()) {
          w.error("condition on '" + key + "' needs values or notValues");
        }
        when.add(new AuthorizationPolicy.Condition(key, values, notValues));
      }
      b.addRules(new AuthorizationPolicy.Rule(from, to, when));
    }
    if (ok(o, before)) {
      out.add("AuthorizationPolicy", ns, b.build(), prov);
    }
  }

  private static AuthorizationPolicy.Source source(Cursor s) {
    return new AuthorizationPolicy.Source(s.strings("principals"), s.strings("notPrincipals"),
        s.strings("requestPrincipals"), s.strings("notRequestPrincipals"), s.strings("namespaces"),
        s.strings("notNamespaces"), cidrs(s.field("ipBlocks")), cidrs(s.field("notIpBlocks")),
        cidrs(s.field("remoteIpBlocks")), cidrs(s.field("notRemoteIpBlocks")));
  }

  private static List<IpPrefix> cidrs(Cursor list) {
    List<IpPrefix> out = new ArrayList<>();
    for (Cursor c : list.items()) {
      c.cidr().ifPresent(out::add);
    }
    return out;
  }
}
