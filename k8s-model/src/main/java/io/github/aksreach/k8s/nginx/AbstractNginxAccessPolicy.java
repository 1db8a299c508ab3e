package io.github.aksreach.k8s.nginx;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.model.Ingress;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The effective access rules of one NGINX location, as ingress-nginx renders them (DOMAIN 5.1): the deny list
 * ({@code deny} lines, first), the allow list ({@code allow} lines then {@code deny all}), the http-level
 * {@code block-cidrs} where the location inherits it, or {@code return 503} when a list annotation is invalid.
 *
 * <pre>{@code
 * NginxAccessPolicy p = NginxAccessPolicy.forIngress(Optional.of(weather), cfg, "nginx.ingress.kubernetes.io",
 *     NginxOptions.defaults());
 * p.allow();                                   // [192.168.1.4/32] from whitelist-source-range
 * p.allowSource();                             // "annotation nginx.ingress.kubernetes.io/whitelist-source-range"
 * p.decide(IpAddress.of("10.244.2.1"));        // FORBIDDEN, 403
 * p.decide(IpAddress.of("192.168.1.4"));       // ALLOWED
 * }</pre>
 *
 * <p>Rules: the canonical {@code allowlist-source-range} annotation wins over its alias {@code whitelist-source-range}
 * (the alias is read only when the canonical one is absent or empty); an annotation <em>replaces</em> the ConfigMap's
 * global list (no union); the deny list is checked first, so deny beats allow; values are comma-separated addresses
 * or CIDRs with optional spaces; a bare address is a /32 (/128). An invalid value makes the location return 503 for
 * everyone ({@link NginxOptions#invalidListEntries()} decides whether one bad entry among good ones does).
 */
@Value.Immutable
abstract class AbstractNginxAccessPolicy {
  public abstract List<IpPrefix> allow();

  public abstract List<IpPrefix> deny();

  /**
   * The {@code block-cidrs} that apply to this location (inherited when it has no rules of its own, or everywhere with
   * {@link NginxOptions#blockCidrsInheritedByRestrictedLocations()}); checked before the location's own lists.
   */
  public abstract List<IpPrefix> block();

  /** Why the location returns 503 for everyone, when a list annotation is invalid. */
  public abstract Optional<String> invalid();

  /** Where {@link #allow()} comes from ("annotation ...", "ConfigMap whitelist-source-range", "none"). */
  @Value.Default
  public String allowSource() {
    return "none";
  }

  /** Where {@link #deny()} comes from. */
  @Value.Default
  public String denySource() {
    return "none";
  }

  /** The rule name of the allow list ({@code allowlist-source-range} or {@code whitelist-source-range}). */
  @Value.Default
  public String allowRule() {
    return "whitelist-source-range";
  }

  /** No rules at all. */
  public static NginxAccessPolicy open() {
    return NginxAccessPolicy.builder().build();
  }

  /** The location has allow or deny rules of its own. */
  public boolean restricted() {
    return !allow().isEmpty() || !deny().isEmpty();
  }

  @Value.Lazy
  public IpSet allowSet() {
    return IpSet.ofPrefixes(allow());
  }

  @Value.Lazy
  public IpSet denySet() {
    return IpSet.ofPrefixes(deny());
  }

  @Value.Lazy
  public IpSet blockSet() {
    return IpSet.ofPrefixes(block());
  }

  /** The decision for the client address NGINX checks ({@code $remote_addr}). */
  public NginxAccessDecision decide(IpAddress client) {
    if (invalid().isPresent()) {
      return new NginxAccessDecision(NginxAccessDecision.Result.LOCATION_DENIED, 503, "invalid list",
          invalid().get() + ": the location returns 503 for everyone");
    }
    if (blockSet().contains(client)) {
      return new NginxAccessDecision(NginxAccessDecision.Result.FORBIDDEN, 403, "block-cidrs",
          "client " + client + " is in block-cidrs " + block() + ": 403");
    }
    if (denySet().contains(client)) {
      return new NginxAccessDecision(NginxAccessDecision.Result.FORBIDDEN, 403, "denylist-source-range",
          "client " + client + " is in the deny list " + deny() + " (" + denySource() + "): 403");
    }
    if (!allow().isEmpty()) {
      if (allowSet().contains(client)) {
        return new NginxAccessDecision(NginxAccessDecision.Result.ALLOWED, 0, allowRule(),
            "client " + client + " is in the allow list (" + allowSource() + ")");
      }
      return new NginxAccessDecision(NginxAccessDecision.Result.FORBIDDEN, 403, allowRule(),
          "client " + client + " is not in the allow list " + allow() + " (" + allowSource() + "): 403");
    }
    return new NginxAccessDecision(NginxAccessDecision.Result.ALLOWED, 0, "", "no access rule applies");
  }

  /**
   * The access rules of the locations of {@code ingress} (or of a location no Ingress annotates, when empty), under
   * the controller's ConfigMap {@code cfg} and annotation prefix (default {@code nginx.ingress.kubernetes.io}).
   */
  public static NginxAccessPolicy forIngress(Optional<Ingress> ingress, IngressNginxConfig cfg, String prefix,
      NginxOptions o) {
    Map<String, String> ann = ingress.map(Ingress::annotations).orElse(Map.of());
    String where = ingress.map(i -> " on Ingress " + i.key()).orElse("");
    NginxAccessPolicy.Builder b = NginxAccessPolicy.builder();
    List<String> invalid = new ArrayList<>();
    String canonicalKey = prefix + "/allowlist-source-range";
    String aliasKey = prefix + "/whitelist-source-range";
    String canonical = ann.get(canonicalKey);
    String alias = ann.get(aliasKey);
    List<IpPrefix> allow;
    if (canonical != null && !canonical.isBlank()) {
      b.allowSource("annotation " + canonicalKey + where).allowRule("allowlist-source-range");
      allow = parseList(canonicalKey, canonical, o, invalid);
    } else if (alias != null && !alias.isBlank()) {
      b.allowSource("annotation " + aliasKey + where).allowRule("whitelist-source-range");
      allow = parseList(aliasKey, alias, o, invalid);
    } else {
      allow = cfg.whitelistSourceRange();
      if (!allow.isEmpty()) {
        b.allowSource("ConfigMap whitelist-source-range").allowRule("whitelist-source-range");
      }
    }
    String denyKey = prefix + "/denylist-source-range";
    String denyText = ann.get(denyKey);
    List<IpPrefix> deny;
    if (denyText != null && !denyText.isBlank()) {
      b.denySource("annotation " + denyKey + where);
      deny = parseList(denyKey, denyText, o, invalid);
    } else {
      deny = cfg.denylistSourceRange();
      if (!deny.isEmpty()) {
        b.denySource("ConfigMap denylist-source-range");
      }
    }
    b.addAllAllow(allow).addAllDeny(deny);
    if (!invalid.isEmpty()) {
      b.invalid(String.join("; ", invalid) + where);
    }
    if ((allow.isEmpty() && deny.isEmpty()) || o.blockCidrsInheritedByRestrictedLocations()) {
      b.addAllBlock(cfg.blockCidrs());
    }
    return b.build();
  }

  /**
   * Parses an annotation value as ingress-nginx's {@code ParseIPNets}: comma-separated, each entry trimmed, a CIDR or
   * an address. Problems go to {@code invalid} when they invalidate the list.
   */
  static List<IpPrefix> parseList(String key, String value, NginxOptions o, List<String> invalid) {
    List<IpPrefix> ok = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      String p = part.trim();
      Validation<ModelError, IpPrefix> v = IpPrefix.parse(p);
      if (v.isValid()) {
        ok.add(v.get());
      } else {
        bad.add("'" + p + "'");
      }
    }
    if (!bad.isEmpty() && (ok.isEmpty() || o.invalidListEntries() == NginxOptions.InvalidListEntries.DENY_LOCATION)) {
      invalid.add("annotation " + key + " has invalid entries " + bad);
    }
    return ok;
  }
}
