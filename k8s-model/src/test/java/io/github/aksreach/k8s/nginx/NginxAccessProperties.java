package io.github.aksreach.k8s.nginx;

import io.github.aksreach.k8s.trace.AksHopKind;
import io.github.aksreach.core.solver.Origin;
import io.github.aksreach.core.solver.ElementKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.k8s.K8sGens;
import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.IngressBackend;
import io.github.aksreach.k8s.model.PathType;
import io.github.aksreach.k8s.model.PortRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The NGINX request classifier agrees with a deliberately simple reference: ingress-nginx's annotation selection
 * spelled out, then nginx's access directives as a list evaluated first-match, and nginx's recursive real-IP walk.
 */
class NginxAccessProperties {
  private static final String P = "nginx.ingress.kubernetes.io";

  /** One generated case: lists as the user writes them, a configuration, a request, a peer. */
  record Case(Optional<String> canonical, Optional<String> alias, Optional<String> denyAnn, List<String> globalAllow,
              List<String> globalDeny, List<String> block, boolean inherit, boolean ignoreInvalid,
              boolean forwarded, List<String> trusted, List<String> xff, String peer) {}

  private static String address(K8sGens.R r) {
    return r.oneIn(12) ? "2001:db8::" + r.between(0, 3) : "10.0." + r.between(0, 1) + "." + r.between(0, 15);
  }

  private static String entry(K8sGens.R r) {
    switch (r.between(0, 9)) {
      case 0:
        return "bogus";
      case 1:
        return " " + address(r) + " ";
      case 2:
      case 3:
        return address(r);
      default: {
        String a = address(r);
        return a.contains(":") ? a + "/" + r.between(124, 128) : a + "/" + r.between(26, 32);
      }
    }
  }

  private static List<String> entries(K8sGens.R r, int max) {
    List<String> l = new ArrayList<>();
    int n = r.between(0, max);
    for (int i = 0; i < n; i++) {
      String e = entry(r);
      if (!e.equals("bogus") || r.oneIn(3)) {
        l.add(e);
      }
    }
    return l;
  }

  private static Optional<String> annotation(K8sGens.R r) {
    if (r.oneIn(2)) {
      return Optional.empty();
    }
    List<String> l = entries(r, 4);
    return Optional.of(l.isEmpty() ? address(r) : String.join(",", l));
  }

  private static List<String> valid(List<String> l) {
    return l.stream().filter(e -> IpPrefix.parse(e).isValid()).toList();
  }

  static Gen<Case> cases() {
    return in -> {
      K8sGens.R r = new K8sGens.R(in);
      List<String> trusted = new ArrayList<>();
      trusted.add(r.pick(List.of("0.0.0.0/0", "10.0.0.0/28", "10.0.1.0/24", "10.0.0.8/29")));
      List<String> xff = new ArrayList<>();
      int n = r.between(0, 3);
      for (int i = 0; i < n; i++) {
        xff.add(address(r));
      }
      return new Case(annotation(r), annotation(r), annotation(r), valid(entries(r, 3)), valid(entries(r, 2)),
          valid(entries(r, 2)), r.oneIn(3), r.oneIn(3), r.oneIn(3), trusted, xff, address(r));
    };
  }

  // ---------------------------------------------------------------------------------- the reference

  private static boolean inPrefix(String cidr, IpAddress a) {
    return IpPrefix.parse(cidr.trim()).get().contains(a);
  }

  /** 0 allowed, 403, 503. */
  static int reference(Case k, IpAddress peer) {
    // which list text applies
    String allowText = null;
    if (k.canonical().isPresent() && !k.canonical().get().isBlank()) {
      allowText = k.canonical().get();
    } else if (k.alias().isPresent() && !k.alias().get().isBlank()) {
      allowText = k.alias().get();
    }
    List<String> allow = new ArrayList<>();
    List<String> deny = new ArrayList<>();
    boolean invalid = false;
    for (Object[] pair : new Object[][] {{allowText, allow, k.globalAllow()},
        {k.denyAnn().orElse(null), deny, k.globalDeny()}}) {
      String text = (String) pair[0];
      @SuppressWarnings("unchecked") List<String> out = (List<String>) pair[1];
      @SuppressWarnings("unchecked") List<String> global = (List<String>) pair[2];
      if (text == null) {
        out.addAll(global);
        continue;
      }
      int bad = 0;
      for (String e : text.split(",", -1)) {
        if (IpPrefix.parse(e.trim()).isValid()) {
          out.add(e.trim());
        } else {
          bad++;
        }
      }
      if (bad > 0 && (out.isEmpty() || !k.ignoreInvalid())) {
        invalid = true;
      }
    }
    if (invalid) {
      return 503;
    }
    // the address nginx checks
    IpAddress client = peer;
    if (k.forwarded() && !k.xff().isEmpty() && k.trusted().stream().anyMatch(t -> inPrefix(t, peer))) {
      client = null;
      for (int i = k.xff().size() - 1; i >= 0 && client == null; i--) {
        IpAddress x = IpAddress.of(k.xff().get(i));
        if (k.trusted().stream().noneMatch(t -> inPrefix(t, x))) {
          client = x;
        }
      }
      if (client == null) {
        client = IpAddress.of(k.xff().get(0));
      }
    }
    // nginx access directives, first match wins
    List<String[]> directives = new ArrayList<>();
    boolean own = !allow.isEmpty() || !deny.isEmpty();
    if (!own || k.inherit()) {
      k.block().forEach(b -> directives.add(new String[] {"deny", b}));
    }
    deny.forEach(d -> directives.add(new String[] {"deny", d}));
    allow.forEach(a -> directives.add(new String[] {"allow", a}));
    if (!allow.isEmpty()) {
      directives.add(new String[] {"deny", "all"});
    }
    for (String[] d : directives) {
      if (d[1].equals("all") || inPrefix(d[1], client)) {
        return d[0].equals("allow") ? 0 : 403;
      }
    }
    return 0;
  }

  // ---------------------------------------------------------------------------------- the subject

  static int subject(Case k, IpAddress peer) {
    Map<String, String> ann = new LinkedHashMap<>();
    k.canonical().ifPresent(v -> ann.put(P + "/allowlist-source-range", v));
    k.alias().ifPresent(v -> ann.put(P + "/whitelist-source-range", v));
    k.denyAnn().ifPresent(v -> ann.put(P + "/denylist-source-range", v));
    Ingress ing = Ingress.builder().namespace("default").name("i").putAllAnnotations(ann).build();
    IngressNginxConfig cfg = IngressNginxConfig.builder()
        .addAllWhitelistSourceRange(k.globalAllow().stream().map(s -> IpPrefix.of(s.trim())).toList())
        .addAllDenylistSourceRange(k.globalDeny().stream().map(s -> IpPrefix.of(s.trim())).toList())
        .addAllBlockCidrs(k.block().stream().map(s -> IpPrefix.of(s.trim())).toList())
        .useForwardedHeaders(k.forwarded())
        .proxyRealIpCidr(k.trusted().stream().map(IpPrefix::of).toList())
        .build();
    NginxOptions o = NginxOptions.builder().blockCidrsInheritedByRestrictedLocations(k.inherit())
        .invalidListEntries(k.ignoreInvalid() ? NginxOptions.InvalidListEntries.IGNORE_INVALID
            : NginxOptions.InvalidListEntries.DENY_LOCATION).build();
    NginxAccessPolicy access = NginxAccessPolicy.forIngress(Optional.of(ing), cfg, P, o);
    NginxRoute route = new NginxRoute.Backend("a.example.com", ing, "/", PathType.PREFIX,
        IngressBackend.service("svc", PortRef.number(80)), false, access);
    NginxRequest req = NginxRequest.of("a.example.com", "/")
        .withForwardedFor(k.xff().stream().map(IpAddress::of).toList());
    Classifier c = IngressNginxClassifiers.forRoute(K("nginx"), Origin.of(AksHopKind.INGRESS, "nginx"), route, cfg, req, K("svc"));
    Flow f = Flow.of(Protocol.TCP, peer, 40000, IpAddress.of("10.244.2.2"), 80);
    int i = c.decide(f);
    assertThat(c.decideLinear(f)).isEqualTo(i);
    Outcome out = c.outcome(i);
    int viaClassifier = out instanceof Outcome.Next ? 0 : ((Outcome.Drop) out).status().orElse(-1);
    // the concrete path: client address, then the policy
    NginxClientAddress client = NginxClientAddress.resolve(cfg, peer, req);
    NginxAccessDecision d = access.decide(client.address().orElseThrow());
    assertThat(d.allowed() ? 0 : d.status()).as("concrete policy").isEqualTo(viaClassifier);
    return viaClassifier;
  }

  @Test
  void requestClassifierAgreesWithTheReference() {
    AtomicLong allowed = new AtomicLong();
    AtomicLong forbidden = new AtomicLong();
    AtomicLong unavailable = new AtomicLong();
    AtomicLong spoofed = new AtomicLong();
    qt().withFixedSeed(0xacce55L).withExamples(1500).forAll(cases()).checkAssert(k -> {
      IpAddress peer = IpAddress.of(k.peer());
      int expected = reference(k, peer);
      assertThat(subject(k, peer)).as("%s", k).isEqualTo(expected);
      (expected == 0 ? allowed : expected == 403 ? forbidden : unavailable).incrementAndGet();
      if (k.forwarded() && !k.xff().isEmpty()) {
        spoofed.incrementAndGet();
      }
    });
    System.out.printf("NGINX access property: %d allowed, %d forbidden (403), %d unavailable (503), "
        + "%d with a forwarded header%n", allowed.get(), forbidden.get(), unavailable.get(), spoofed.get());
    assertThat(allowed.get()).isGreaterThan(150);
    assertThat(forbidden.get()).isGreaterThan(150);
    assertThat(unavailable.get()).isGreaterThan(50);
    assertThat(spoofed.get()).isGreaterThan(150);
  }

  @Test
  void theClassifierPartitionsEveryPeerExactly() {
    qt().withFixedSeed(0xbeefL).withExamples(150).forAll(cases()).checkAssert(k -> {
      for (IpAddress peer : List.of(IpAddress.of("10.0.0.1"), IpAddress.of("10.0.0.9"), IpAddress.of("10.0.1.7"),
          IpAddress.of("10.0.1.15"), IpAddress.of("2001:db8::2"), IpAddress.of("192.168.1.4"))) {
        assertThat(subject(k, peer)).as("%s from %s", k, peer).isEqualTo(reference(k, peer));
      }
    });
    assertThat(IpSet.of(IpPrefix.of("10.0.0.0/28")).contains(IpAddress.of("10.0.0.9"))).isTrue();
  }

  private static ElementKey K(String name) {
    return ElementKey.named(name);
  }
}
