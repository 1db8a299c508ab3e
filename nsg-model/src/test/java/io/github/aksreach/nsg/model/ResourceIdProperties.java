package io.github.aksreach.nsg.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.aksreach.core.Gens;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * A resource id compares as its value in lower case ({@link Locale#ROOT}): the oracle is that lowered text, the
 * implementation lowers ASCII ids one character at a time and keeps a lowered copy only for ids with other
 * characters.
 */
class ResourceIdProperties {
  /** Characters that make ids equal in different spellings, or nearly equal, non-ASCII ones among them. */
  private static final String CHARS = "/aAbBkKsSpPrR-_.09\u0130\u0131\u212a\u017f\u00e9\u00c9";

  private static Gen<String> ids() {
    return Gens.texts(CHARS, 1, 12).map(t -> "/" + t);
  }

  private static String lowered(ResourceId id) {
    return id.value().toLowerCase(Locale.ROOT);
  }

  @Test
  void equalityHashAndOrderFollowTheLoweredText() {
    qt().withExamples(3000).forAll(ids(), ids()).checkAssert((a, b) -> {
      ResourceId x = ResourceId.of(a);
      ResourceId y = ResourceId.of(b);
      int expected = Integer.signum(lowered(x).compareTo(lowered(y)));
      assertThat(Integer.signum(x.compareTo(y))).as("%s vs %s", a, b).isEqualTo(expected);
      assertThat(x.equals(y)).as("%s equals %s", a, b).isEqualTo(expected == 0);
      // the hash of the lowered text, as before: maps keyed by ids iterate in the same order
      assertThat(x.hashCode()).as("hash of %s", a).isEqualTo(lowered(x).hashCode());
      if (x.equals(y)) {
        assertThat(x.hashCode()).isEqualTo(y.hashCode());
      }
    });
  }

  @Test
  void anIdEqualsItsOtherSpellings() {
    qt().withExamples(1000).forAll(ids()).checkAssert(a -> {
      ResourceId x = ResourceId.of(a);
      for (String other : List.of(a.toUpperCase(Locale.ROOT), a.toLowerCase(Locale.ROOT))) {
        ResourceId y = ResourceId.of(other);
        boolean same = lowered(x).equals(lowered(y));
        assertThat(x.equals(y)).as("%s equals %s", a, other).isEqualTo(same);
        if (same) {
          assertThat(x.hashCode()).isEqualTo(y.hashCode());
          assertThat(x.compareTo(y)).isZero();
        }
      }
    });
  }

  @Test
  void theParentIsFoundWhateverTheCaseOfProviders() {
    String id = "/subscriptions/s/resourceGroups/rg/PROVIDERS/Microsoft.Network/virtualNetworks/v/subnets/user";
    assertThat(ResourceId.of(id).parent()).map(ResourceId::name).contains("v");
    assertThat(ResourceId.of(id.replace("PROVIDERS", "pr\u0130viders")).parent()).isEmpty();
  }
}
