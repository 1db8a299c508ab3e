package io.github.aksreach.k8s.gateway;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.k8s.model.AuthorizationPolicy;
import io.github.aksreach.k8s.model.Gateway;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.ParentRef;
import io.github.aksreach.k8s.model.Pod;
import io.vavr.control.Validation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Istio's AuthorizationPolicy semantics for one request at one workload (DOMAIN-GATEWAY 5.1): which policies apply
 * to a gateway pod, and the CUSTOM, then DENY, then ALLOW decision with Istio's string matching.
 *
 * <pre>{@code
 * List<AuthorizationPolicy> ps = AuthorizationEvaluator.applicable(cluster, gatewayPod, Optional.of(gateway),
 *     GatewayOptions.defaults());
 * AuthzDecision d = AuthorizationEvaluator.evaluate(ps, AuthzRequest.of(request, addresses),
 *     GatewayOptions.defaults());
 * }</pre>
 *
 * <p>Matching (S5.5): {@code hosts} against the {@code :authority} as sent (case-insensitive; the port is part of
 * it), exact or {@code *suffix}, {@code prefix*}, {@code *}; {@code paths} against the path without query after
 * removing dot segments (Istio's {@code BASE} normalization, no slash merging): exact, {@code prefix*},
 * {@code *suffix}, {@code *}, or templates with {@code {*}} (one segment) and {@code {**}} (the rest); {@code ports}
 * against the listener port; {@code methods} exactly. {@code principals}/{@code namespaces} need an mTLS peer, which
 * an Internet client does not have. A {@code when} key this evaluator does not know is treated as a missing attribute:
 * it matches in a DENY policy and not in an ALLOW policy (S5.7).
 */
public final class AuthorizationEvaluator {
  private static final Pattern HEADER_KEY = Pattern.compile("request\\.headers\\[(.+)]");

  private AuthorizationEvaluator() {}

  /**
   * The policies that apply to {@code pod} (S5.1): a policy of the pod's namespace whose selector matches its labels
   * or that has neither selector nor targetRefs; a root-namespace policy the same way for every namespace; a policy
   * whose {@code targetRefs} name the pod's Gateway (same namespace) or, in the root namespace, its GatewayClass.
   */
  public static List<AuthorizationPolicy> applicable(KubernetesCluster cluster, Pod pod, Optional<Gateway> gateway,
      GatewayOptions options) {
    List<AuthorizationPolicy> out = new ArrayList<>();
    for (AuthorizationPolicy p : cluster.authorizationPolicies()) {
      boolean root = p.namespace().equals(options.istioRootNamespace());
      if (!root && !p.namespace().equals(pod.namespace())) {
        continue;
      }
      boolean applies;
      if (!p.targetRefs().isEmpty()) {
        applies = gateway.isPresent() && p.targetRefs().stream().anyMatch(t -> t.group().equals(
            ParentRef.GATEWAY_GROUP) && ((t.kind().equals("Gateway") && t.name().equals(gateway.get().name())
            && p.namespace().equals(gateway.get().namespace())) || (root && t.kind().equals("GatewayClass")
            && t.name().equals(gateway.get().gatewayClassName()))));
      } else {
        applies = p.selector().map(s -> s.entrySet().stream().allMatch(e -> e.getValue().equals(
            pod.labels().get(e.getKey())))).orElse(true);
      }
      if (applies) {
        out.add(p);
      }
    }
    return out;
  }

  /** The decision for one request under {@code policies} (all applying to the workload), S5.2. */
  public static AuthzDecision evaluate(List<AuthorizationPolicy> policies, AuthzRequest request,
      GatewayOptions options) {
    List<String> assumed = new ArrayList<>();
    for (AuthorizationPolicy p : byAction(policies, AuthorizationPolicy.Action.CUSTOM)) {
      if (matches(p, request)) {
        if (!options.assumeCustomProviderAllows()) {
          return new AuthzDecision(false, Optional.of(p), "CUSTOM policy " + p.key() + " sends the request to "
              + p.provider().orElse("?") + ", assumed to deny", assumed);
        }
        assumed.add(p.provider().orElse("?"));
      }
    }
    for (AuthorizationPolicy p : byAction(policies, AuthorizationPolicy.Action.DENY)) {
      if (matches(p, request)) {
        return new AuthzDecision(false, Optional.of(p), "DENY policy " + p.key() + " matches", assumed);
      }
    }
    List<AuthorizationPolicy> allows = byAction(policies, AuthorizationPolicy.Action.ALLOW);
    if (allows.isEmpty()) {
      return new AuthzDecision(true, Optional.empty(), "no ALLOW policy applies: allowed by default", assumed);
    }
    for (AuthorizationPolicy p : allows) {
      if (matches(p, request)) {
        return new AuthzDecision(true, Optional.of(p), "ALLOW policy " + p.key() + " matches", assumed);
      }
    }
    return new AuthzDecision(false, Optional.empty(), "no ALLOW policy matches (source.ip " + request.sourceIp()
        + ", remote.ip " + request.remoteIp() + "): " + allows.stream().map(AuthorizationPolicy::key).toList(),
        assumed);
  }

  private static List<AuthorizationPolicy> byAction(List<AuthorizationPolicy> ps, AuthorizationPolicy.Action a) {
    return ps.stream().filter(p -> p.action() == a).toList();
  }

  /** Whether any rule of the policy matches (no rules: never, S5.3). */
  public static boolean matches(AuthorizationPolicy p, AuthzRequest r) {
    boolean deny = p.action() == AuthorizationPolicy.Action.DENY;
    return p.rules().stream().anyMatch(rule -> ruleMatches(rule, r, deny));
  }

  static boolean ruleMatches(AuthorizationPolicy.Rule rule, AuthzRequest r, boolean deny) {
    return (rule.from().isEmpty() || rule.from().stream().anyMatch(s -> sourceMatches(s, r)))
        && (rule.to().isEmpty() || rule.to().stream().anyMatch(o -> operationMatches(o, r)))
        && rule.when().stream().allMatch(c -> conditionMatches(c, r, deny));
  }

  private static boolean inAny(List<IpPrefix> blocks, IpAddress a) {
    return blocks.stream().anyMatch(b -> b.family() == a.family() && b.contains(a));
  }

  private static boolean identity(List<String> positive, List<String> negative, Optional<String> value) {
    boolean pos = positive.isEmpty() || value.map(v -> positive.stream().anyMatch(p -> stringMatch(p, v, false)))
        .orElse(false);
    boolean neg = value.map(v -> negative.stream().noneMatch(p -> stringMatch(p, v, false))).orElse(true);
    return pos && neg;
  }

  static boolean sourceMatches(AuthorizationPolicy.Source s, AuthzRequest r) {
    return (s.ipBlocks().isEmpty() || inAny(s.ipBlocks(), r.sourceIp())) && !inAny(s.notIpBlocks(), r.sourceIp())
        && (s.remoteIpBlocks().isEmpty() || inAny(s.remoteIpBlocks(), r.remoteIp()))
        && !inAny(s.notRemoteIpBlocks(), r.remoteIp())
        && identity(s.principals(), s.notPrincipals(), r.principal())
        && identity(s.namespaces(), s.notNamespaces(), r.sourceNamespace())
        && identity(s.requestPrincipals(), s.notRequestPrincipals(), Optional.empty());
  }

  private static boolean field(List<String> positive, List<String> negative, String value, boolean ci,
      boolean path) {
    java.util.function.Predicate<String> m = p -> path ? pathMatch(p, value) : stringMatch(p, value, ci);
    return (positive.isEmpty() || positive.stream().anyMatch(m)) && negative.stream().noneMatch(m);
  }

  static boolean operationMatches(AuthorizationPolicy.Operation o, AuthzRequest r) {
    HttpRequest q = r.request();
    String path = normalize(q.pathOnly());
    return field(o.hosts(), o.notHosts(), q.host(), true, false)
        && field(o.ports(), o.notPorts(), Integer.toString(q.port()), false, false)
        && field(o.methods(), o.notMethods(), q.method(), false, false)
        && field(o.paths(), o.notPaths(), path, false, true);
  }

  private static boolean conditionMatches(AuthorizationPolicy.Condition c, AuthzRequest r, boolean deny) {
    String key = c.key();
    if (key.equals("source.ip") || key.equals("remote.ip")) {
      IpAddress a = key.equals("source.ip") ? r.sourceIp() : r.remoteIp();
      return ipValues(c.values(), a, c.values().isEmpty()) && !ipValues(c.notValues(), a, false);
    }
    Optional<String> value;
    java.util.regex.Matcher h = HEADER_KEY.matcher(key);
    if (h.matches()) {
      value = r.request().header(h.group(1));
    } else if (key.equals("destination.port")) {
      value = Optional.of(Integer.toString(r.request().port()));
    } else if (key.equals("source.namespace")) {
      value = r.sourceNamespace();
    } else if (key.equals("source.principal")) {
      value = r.principal();
    } else {
      return deny;
    }
    if (value.isEmpty()) {
      return c.values().isEmpty();
    }
    String v = value.get();
    return (c.values().isEmpty() || c.values().stream().anyMatch(p -> stringMatch(p, v, false)))
        && c.notValues().stream().noneMatch(p -> stringMatch(p, v, false));
  }

  private static boolean ipValues(List<String> values, IpAddress a, boolean whenEmpty) {
    if (values.isEmpty()) {
      return whenEmpty;
    }
    for (String v : values) {
      Validation<?, IpPrefix> p = IpPrefix.parse(v);
      if (p.isValid() && p.get().family() == a.family() && p.get().contains(a)) {
        return true;
      }
    }
    return false;
  }

  /** Istio's string match: {@code *}, {@code *suffix}, {@code prefix*}, else exact. */
  static boolean stringMatch(String pattern, String value, boolean caseInsensitive) {
    String p = caseInsensitive ? pattern.toLowerCase(Locale.ROOT) : pattern;
    String v = caseInsensitive ? value.toLowerCase(Locale.ROOT) : value;
    if (p.equals("*")) {
      return true;
    }
    if (p.startsWith("*")) {
      return v.endsWith(p.substring(1));
    }
    if (p.endsWith("*")) {
      return v.startsWith(p.substring(0, p.length() - 1));
    }
    return p.equals(v);
  }

  /** Istio's path match: string match, or a template with {@code {*}} and {@code {**}}. */
  static boolean pathMatch(String pattern, String path) {
    if (!pattern.contains("{*")) {
      return stringMatch(pattern, path, false);
    }
    List<String> parts = new ArrayList<>();
    for (String seg : pattern.split("/", -1)) {
      parts.add(seg.equals("{**}") ? ".+" : seg.equals("{*}") ? "[^/]+" : Pattern.quote(seg));
    }
    return Pattern.compile(String.join("/", parts)).matcher(path).matches();
  }

  /** RFC 3986 dot-segment removal (Istio's default {@code BASE} normalization). */
  static String normalize(String path) {
    Deque<String> out = new ArrayDeque<>();
    String[] segs = path.split("/", -1);
    for (int i = 1; i < segs.length; i++) {
      String s = segs[i];
      if (s.equals(".")) {
        if (i == segs.length - 1) {
          out.addLast("");
        }
      } else if (s.equals("..")) {
        out.pollLast();
        if (i == segs.length - 1) {
          out.addLast("");
        }
      } else {
        out.addLast(s);
      }
    }
    return "/" + String.join("/", out);
  }
}
