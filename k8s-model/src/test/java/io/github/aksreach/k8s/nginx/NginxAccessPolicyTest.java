package io.github.aksreach.k8s.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.k8s.model.Ingress;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NginxAccessPolicyTest {
  private static final String P = "nginx.ingress.kubernetes.io";
  private static final IngressNginxConfig NONE = IngressNginxConfig.defaults();

  private static NginxAccessPolicy policy(Map<String, String> annotations, IngressNginxConfig cfg, NginxOptions o) {
    Ingress ing = Ingress.builder().namespace("default").name("weather").putAllAnnotations(annotations).build();
    return NginxAccessPolicy.forIngress(Optional.of(ing), cfg, P, o);
  }

  private static NginxAccessPolicy policy(Map<String, String> annotations) {
    return policy(annotations, NONE, NginxOptions.defaults());
  }

  private static NginxAccessDecision.Result decide(NginxAccessPolicy p, String ip) {
    return p.decide(IpAddress.of(ip)).result();
  }

  @Test
  void theLabAllowListForbidsEverySnatAddress() {
    NginxAccessPolicy p = policy(Map.of(P + "/whitelist-source-range", "192.168.1.4"));
    assertThat(p.allow()).containsExactly(IpPrefix.of("192.168.1.4/32"));
    for (String snat : new String[] {"10.244.2.1", "192.168.0.4", "192.168.0.36"}) {
      NginxAccessDecision d = p.decide(IpAddress.of(snat));
      assertThat(d.result()).isEqualTo(NginxAccessDecision.Result.FORBIDDEN);
      assertThat(d.status()).isEqualTo(403);
      assertThat(d.rule()).isEqualTo("whitelist-source-range");
      assertThat(d.reason()).contains(snat).contains("Ingress default/weather");
    }
    assertThat(decide(p, "192.168.1.4")).isEqualTo(NginxAccessDecision.Result.ALLOWED);
  }

  @Test
  void canonicalNameWinsOverTheAlias() {
    NginxAccessPolicy p = policy(Map.of(P + "/allowlist-source-range", "10.0.0.0/8",
        P + "/whitelist-source-range", "192.168.1.4"));
    assertThat(p.allow()).containsExactly(IpPrefix.of("10.0.0.0/8"));
    assertThat(p.allowRule()).isEqualTo("allowlist-source-range");
    NginxAccessPolicy emptyCanonical = policy(Map.of(P + "/allowlist-source-range", " ",
        P + "/whitelist-source-range", "192.168.1.4"));
    assertThat(emptyCanonical.allow()).containsExactly(IpPrefix.of("192.168.1.4/32"));
  }

  @Test
  void annotationReplacesTheGlobalList() {
    IngressNginxConfig global = NONE.withWhitelistSourceRange(IpPrefix.of("172.16.0.0/12"))
        .withDenylistSourceRange(IpPrefix.of("172.16.0.9/32"));
    NginxAccessPolicy inherits = policy(Map.of(), global, NginxOptions.defaults());
    assertThat(inherits.allowSource()).isEqualTo("ConfigMap whitelist-source-range");
    assertThat(decide(inherits, "172.16.0.1")).isEqualTo(NginxAccessDecision.Result.ALLOWED);
    assertThat(decide(inherits, "172.16.0.9")).isEqualTo(NginxAccessDecision.Result.FORBIDDEN);
    NginxAccessPolicy replaced = policy(Map.of(P + "/whitelist-source-range", "10.0.0.0/8"), global,
        NginxOptions.defaults());
    assertThat(decide(replaced, "172.16.0.1")).as("no union with the global list")
        .isEqualTo(NginxAccessDecision.Result.FORBIDDEN);
    assertThat(replaced.deny()).as("the global deny list still applies").containsExactly(IpPrefix.of("172.16.0.9/32"));
  }

  @Test
  void denyBeatsAllow() {
    NginxAccessPolicy p = policy(Map.of(P + "/whitelist-source-range", "10.0.0.0/8",
        P + "/denylist-source-range", "10.1.0.0/16"));
    assertThat(decide(p, "10.2.0.1")).isEqualTo(NginxAccessDecision.Result.ALLOWED);
    NginxAccessDecision d = p.decide(IpAddress.of("10.1.0.1"));
    assertThat(d.result()).isEqualTo(NginxAccessDecision.Result.FORBIDDEN);
    assertThat(d.rule()).isEqualTo("denylist-source-range");
  }

  @Test
  void valuesAreCommaSeparatedWithSpacesAndBareAddresses() {
    NginxAccessPolicy p = policy(Map.of(P + "/whitelist-source-range", " 192.168.1.4 ,10.0.0.0/24,  2001:db8::1"));
    assertThat(p.allow()).containsExactly(IpPrefix.of("192.168.1.4/32"), IpPrefix.of("10.0.0.0/24"),
        IpPrefix.of("2001:db8::1/128"));
    assertThat(p.invalid()).isEmpty();
  }

  @Test
  void invalidValueDeniesTheLocationForEveryone() {
    NginxAccessPolicy p = policy(Map.of(P + "/whitelist-source-range", "office"));
    NginxAccessDecision d = p.decide(IpAddress.of("192.168.1.4"));
    assertThat(d.result()).isEqualTo(NginxAccessDecision.Result.LOCATION_DENIED);
    assertThat(d.status()).isEqualTo(503);
    assertThat(d.reason()).contains("'office'");
    NginxAccessPolicy mixed = policy(Map.of(P + "/whitelist-source-range", "192.168.1.4, office"));
    assertThat(mixed.invalid()).as("default: one bad entry invalidates the list").isPresent();
    NginxAccessPolicy lenient = policy(Map.of(P + "/whitelist-source-range", "192.168.1.4, office"), NONE,
        NginxOptions.builder().invalidListEntries(NginxOptions.InvalidListEntries.IGNORE_INVALID).build());
    assertThat(lenient.invalid()).isEmpty();
    assertThat(decide(lenient, "192.168.1.4")).isEqualTo(NginxAccessDecision.Result.ALLOWED);
    NginxAccessPolicy trailingComma = policy(Map.of(P + "/whitelist-source-range", "192.168.1.4,"));
    assertThat(trailingComma.invalid()).as("ParseIPNets fails on the empty entry").isPresent();
  }

  @Test
  void blockCidrsApplyOnlyWhereTheLocationHasNoRulesByDefault() {
    IngressNginxConfig cfg = NONE.withBlockCidrs(IpPrefix.of("10.9.0.0/16"));
    NginxAccessPolicy open = policy(Map.of(), cfg, NginxOptions.defaults());
    assertThat(open.decide(IpAddress.of("10.9.0.1")).rule()).isEqualTo("block-cidrs");
    NginxAccessPolicy restricted = policy(Map.of(P + "/whitelist-source-range", "10.0.0.0/8"), cfg,
        NginxOptions.defaults());
    assertThat(decide(restricted, "10.9.0.1")).isEqualTo(NginxAccessDecision.Result.ALLOWED);
    NginxAccessPolicy inherited = policy(Map.of(P + "/whitelist-source-range", "10.0.0.0/8"), cfg,
        NginxOptions.builder().blockCidrsInheritedByRestrictedLocations(true).build());
    assertThat(inherited.decide(IpAddress.of("10.9.0.1")).rule()).as("block-cidrs first, then the lists")
        .isEqualTo("block-cidrs");
    assertThat(inherited.block()).containsExactly(IpPrefix.of("10.9.0.0/16"));
  }
}
