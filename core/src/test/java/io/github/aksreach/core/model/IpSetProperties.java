package io.github.aksreach.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.aksreach.core.Gens;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpSetProperties {

  @Test
  void unionAndIntersectionAreCommutativeAndAssociative() {
    qt().forAll(Gens.ipSets(), Gens.ipSets(), Gens.ipSets()).checkAssert((a, b, c) -> {
      assertThat(a.union(b)).isEqualTo(b.union(a));
      assertThat(a.intersection(b)).isEqualTo(b.intersection(a));
      assertThat(a.union(b).union(c)).isEqualTo(a.union(b.union(c)));
      assertThat(a.intersection(b).intersection(c)).isEqualTo(a.intersection(b.intersection(c)));
      assertThat(a.intersection(b.union(c))).isEqualTo(a.intersection(b).union(a.intersection(c)));
    });
  }

  /** Every IPv4 address prints as it parses back; padding any octet with a zero makes it refused. */
  @Test
  void ipv4TextRoundTripsAndZeroPaddingIsRefused() {
    qt().forAll(org.quicktheories.generators.SourceDSL.longs().between(0, 0xFFFF_FFFFL),
        org.quicktheories.generators.SourceDSL.integers().between(0, 3)).checkAssert((v, octet) -> {
          IpAddress a = IpAddress.v4(v);
          assertThat(IpAddress.parse(a.toString()).get()).isEqualTo(a);
          String[] parts = a.toString().split("\\.");
          parts[octet] = "0" + parts[octet];
          assertThat(IpAddress.parse(String.join(".", parts)).isInvalid()).isTrue();
        });
  }

  @Test
  void deMorganAndDifferenceLaws() {
    qt().forAll(Gens.ipSets(), Gens.ipSets()).checkAssert((a, b) -> {
      assertThat(a.union(b).complement()).isEqualTo(a.complement().intersection(b.complement()));
      assertThat(a.intersection(b).complement()).isEqualTo(a.complement().union(b.complement()));
      for (IpFamily f : IpFamily.values()) {
        assertThat(a.union(b).complement(f)).isEqualTo(a.complement(f).intersection(b.complement(f)));
      }
      assertThat(a.difference(b).intersects(b)).isFalse();
      assertThat(a.difference(b).union(a.intersection(b))).isEqualTo(a);
      assertThat(a.complement().complement()).isEqualTo(a);
    });
  }

  @Test
  void membershipAgreesWithPointwiseModel() {
    List<IpAddress> universe = Gens.universe();
    qt().forAll(Gens.ipSets(), Gens.ipSets()).checkAssert((a, b) -> {
      for (IpAddress x : universe) {
        assertThat(a.union(b).contains(x)).isEqualTo(a.contains(x) || b.contains(x));
        assertThat(a.intersection(b).contains(x)).isEqualTo(a.contains(x) && b.contains(x));
        assertThat(a.difference(b).contains(x)).isEqualTo(a.contains(x) && !b.contains(x));
        assertThat(a.complement(x.family()).contains(x)).isEqualTo(!a.contains(x));
      }
    });
  }

  @Test
  void cidrDecompositionRoundTripsAndIsMinimal() {
    qt().forAll(Gens.ipSets()).checkAssert(a -> {
      List<IpPrefix> cidrs = a.toCidrs();
      assertThat(IpSet.ofPrefixes(cidrs)).isEqualTo(a);
      for (int i = 0; i + 1 < cidrs.size(); i++) {
        IpPrefix p = cidrs.get(i);
        IpPrefix q = cidrs.get(i + 1);
        assertThat(p.last().compareTo(q.first())).isNegative();
        // minimal: two equal-length siblings would have been merged into their parent
        boolean siblings = p.family() == q.family() && p.length() == q.length() && p.length() > 0
            && IpPrefix.of(p.network(), p.length() - 1).equals(IpPrefix.of(q.network(), q.length() - 1));
        assertThat(siblings).as("%s and %s should have been merged", p, q).isFalse();
      }
      // canonical: the same set built from its reversed decomposition is equal
      List<IpPrefix> reversed = new java.util.ArrayList<>(cidrs);
      java.util.Collections.reverse(reversed);
      assertThat(IpSet.ofPrefixes(reversed)).isEqualTo(a).hasSameHashCodeAs(a);
    });
  }

  @Test
  void prefixTextRoundTrips() {
    qt().forAll(Gens.prefixes()).checkAssert(p -> assertThat(IpPrefix.of(p.toString())).isEqualTo(p));
  }
}
