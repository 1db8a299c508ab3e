package io.github.aksreach.k8s.aks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Protocol;
import io.vavr.control.Validation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The tuple parser reads fields in place (no string per field); an oracle written the plain way ({@code split},
 * {@code parseInt}, string comparisons, as DOMAIN.md 7 describes the formats) must accept exactly the same tuples and
 * read them to the same values.
 */
class FlowLogTupleProperties {
  private static final List<String> TIMES = List.of("1671521722", "1663146003599", "", "x", "-5", "+7", "0",
      "99999999999999999999");
  private static final List<String> IPS = List.of("192.168.1.4", "10.244.2.2", "fd00::1", "010.0.0.1", "300.1.1.1",
      "", "10.0.0",
      "0.0.0.0", "255.255.255.255", "256.0.0.1", "1.2.3.4.5", "1..2.3", "1.2.3.", ".1.2.3", "1.2.3.04", "1234.1.1.1",
      " 10.0.0.1", "10.0.0.1\t", "1.2.3.4x", "\u0661.2.3.4");
  private static final List<String> PORTS = List.of("80", "0", "65535", "65536", "-1", "+80", "08",
      "\u0668\u0660", "99999999999", "", "8a");
  private static final List<String> PROTOCOLS = List.of("T", "U", "6", "17", "1", "58", "50", "51", "132", "06",
      "\u0666", "x", "", "t", "999", "-6");
  private static final List<String> DIRECTIONS = List.of("I", "O", "i", "", "IO");
  private static final List<String> DECISIONS = List.of("A", "D", "B", "C", "E", "X", "", "DD");
  private static final List<String> TAIL = List.of("B", "C", "E", "NX", "", "0", "3", "180");

  @Test
  void theInPlaceParserAgreesWithThePlainOne() {
    qt().withFixedSeed(0xf10aL).withExamples(20_000).forAll(tuples()).checkAssert(text -> {
      Validation<ModelError, FlowLogTuple> fast = FlowLogTuple.parse(text);
      Optional<FlowLogTuple> plain = plain(text);
      assertThat(fast.isValid()).as(text + ": " + (fast.isInvalid() ? fast.getError().message() : "valid"))
          .isEqualTo(plain.isPresent());
      if (plain.isPresent()) {
        assertThat(fast.get()).as(text).isEqualTo(plain.get());
      } else {
        assertThat(fast.getError().message()).as(text).startsWith("invalid flow-log tuple '").doesNotContain("\n");
      }
    });
  }

  /**
   * The fast check of a flow log reads tuples from their bytes, in their plain shape only: whatever it calls plain,
   * {@link FlowLogTuple#parse(String)} reads without a problem, to the tuple it makes from the bytes; and it is not
   * vacuous (it calls plain a good part of the valid tuples drawn, NSG and VNet).
   */
  @Test
  void thePlainBytesReadingOnlyAcceptsWhatTheParserReadsAndReadsItAlike() {
    int[] plainSeen = new int[2];
    qt().withFixedSeed(0xb17e5L).withExamples(20_000).forAll(tuples()).checkAssert(text -> {
      byte[] b = ("[" + text + "]").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      boolean plainValid = FlowLogTuple.plainValid(b, 1, b.length - 1);
      FlowLogTuple fromBytes = FlowLogTuple.plain(b, 1, b.length - 1);
      assertThat(fromBytes != null).as(text).isEqualTo(plainValid);
      if (plainValid) {
        Validation<ModelError, FlowLogTuple> parsed = FlowLogTuple.parse(text);
        assertThat(parsed.isValid()).as(text).isTrue();
        assertThat(fromBytes).as(text).isEqualTo(parsed.get());
        // NSG flow logs write the protocol as a letter (field 5), VNet flow logs as its number
        String[] fields = text.split(",", -1);
        plainSeen[fields.length > 5 && fields[5].chars().allMatch(Character::isDigit) ? 1 : 0]++;
      }
    });
    assertThat(plainSeen[0]).as("plain NSG tuples").isGreaterThan(500);
    assertThat(plainSeen[1]).as("plain VNet tuples").isGreaterThan(500);
  }

  /**
   * The tuples drawn (by the same builder, from plain random picks) reach every case where an in-place reading could
   * differ from the plain one: valid NSG and VNet tuples, a VNet protocol written with a leading zero or in non-ASCII
   * digits, ports with a sign or in non-ASCII digits, and wrong field counts.
   */
  @Test
  void theGeneratorIsNotVacuous() {
    java.util.Map<String, Integer> seen = new java.util.TreeMap<>();
    for (long seed = 0; seed < 4000; seed++) {
      String t = sample(seed);
      String[] f = t.trim().split(",", -1);
      boolean valid = plain(t).isPresent();
      boolean vnet = f.length > 5 && !f[5].isEmpty() && f[5].chars().allMatch(Character::isDigit);
      seen.merge(valid ? (vnet ? "valid VNet" : "valid NSG") : "invalid", 1, Integer::sum);
      if (f.length == 8 || f.length == 9 || f.length == 13) {
        if (f[5].equals("06") || f[5].equals("\u0666")) {
          seen.merge("VNet protocol with a leading zero or non-ASCII digits", 1, Integer::sum);
        }
        if (f[3].startsWith("+") || f[3].equals("\u0668\u0660")) {
          seen.merge("source port with a sign or non-ASCII digits", 1, Integer::sum);
        }
      } else {
        seen.merge("wrong field count", 1, Integer::sum);
      }
    }
    assertThat(seen).as(seen.toString()).hasSize(6).allSatisfy((k, n) -> assertThat(n).as(k).isGreaterThan(20));
  }

  private static String sample(long seed) {
    java.util.Random r = new java.util.Random(seed);
    int[] picks = new int[14];
    for (int i = 0; i < picks.length; i++) {
      picks[i] = r.nextInt(1 << 16);
    }
    return build(picks);
  }

  private static Gen<String> tuples() {
    Gen<Integer> i = integers().between(0, 1 << 16);
    return i.zip(i, i, i, (a, b, c, d) -> new int[] {a, b, c, d})
        .zip(i.zip(i, i, i, (a, b, c, d) -> new int[] {a, b, c, d}), (x, y) -> concat(x, y))
        .zip(i.zip(i, i, i, (a, b, c, d) -> new int[] {a, b, c, d}), (x, y) -> concat(x, y))
        .zip(i.zip(i, (a, b) -> new int[] {a, b}), (x, y) -> concat(x, y))
        .map(FlowLogTupleProperties::build);
  }

  private static int[] concat(int[] a, int[] b) {
    int[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  /** A tuple mostly of likely values (so about half are valid), of 7 to 14 fields. */
  private static String build(int[] p) {
    boolean vnet = p[13] % 2 == 0;
    int[] counts = {8, 9, 13, 13, 13, 7, 14};
    int n = counts[p[12] % counts.length];
    String[] f = new String[n];
    f[0] = likely(TIMES, p[0]);
    f[1] = likely(IPS, p[1]);
    f[2] = p[2] % 7 == 0 ? "fd00::2" : likely(IPS, p[2]);
    if (f[1].contains(":") && p[2] % 2 == 0) {
      f[2] = "fd00::2";
    }
    for (int k = 3; k < n; k++) {
      f[k] = switch (k) {
        case 3, 4 -> likely(PORTS, p[k]);
        case 5 -> vnet ? likely(List.of("6", "17", "1", "06", "x", "\u0666", "132"), p[k]) : likely(PROTOCOLS, p[k]);
        case 6 -> likely(DIRECTIONS, p[k]);
        case 7 -> vnet ? likely(List.of("B", "D", "C", "E", "A", "X"), p[k]) : likely(DECISIONS, p[k]);
        default -> likely(TAIL, p[k % p.length]);
      };
    }
    return (p[11] % 5 == 0 ? " " : "") + String.join(",", f);
  }

  /** The first value three times in four, else any. */
  private static String likely(List<String> xs, int pick) {
    return pick % 4 != 0 ? xs.get(0) : xs.get((pick / 4) % xs.size());
  }

  /** The oracle: the formats of DOMAIN.md 7 read field by field from {@code split}. */
  private static Optional<FlowLogTuple> plain(String text) {
    String[] f = text.trim().split(",", -1);
    if (f.length != 8 && f.length != 9 && f.length != 13) {
      return Optional.empty();
    }
    try {
      long ts = Long.parseLong(f[0]);
      Validation<ModelError, IpAddress> src = IpAddress.parse(f[1]);
      Validation<ModelError, IpAddress> dst = IpAddress.parse(f[2]);
      if (src.isInvalid() || dst.isInvalid() || src.get().family() != dst.get().family()) {
        return Optional.empty();
      }
      long sp = Long.parseLong(f[3]);
      long dp = Long.parseLong(f[4]);
      if (sp < 0 || sp > 65535 || dp < 0 || dp > 65535) {
        return Optional.empty();
      }
      boolean vnet = !f[5].isEmpty() && f[5].chars().allMatch(Character::isDigit);
      Optional<Protocol> proto = f[5].equals("T") ? Optional.of(Protocol.TCP)
          : f[5].equals("U") ? Optional.of(Protocol.UDP)
          : java.util.Arrays.stream(Protocol.values()).filter(x -> String.valueOf(x.number()).equals(f[5]))
              .findFirst();
      if (proto.isEmpty() || !(f[6].equals("I") || f[6].equals("O"))) {
        return Optional.empty();
      }
      boolean denied;
      Optional<String> state;
      if (vnet) {
        if (!List.of("B", "C", "E", "D").contains(f[7])) {
          return Optional.empty();
        }
        state = Optional.of(f[7]);
        denied = f[7].equals("D");
      } else {
        if (!f[7].equals("A") && !f[7].equals("D")) {
          return Optional.empty();
        }
        denied = f[7].equals("D");
        state = f.length >= 9 ? Optional.of(f[8]) : Optional.empty();
      }
      Protocol p = proto.get();
      boolean ported = p == Protocol.TCP || p == Protocol.UDP || p == Protocol.SCTP;
      Flow flow = Flow.of(p, src.get(), ported ? (int) sp : 0, dst.get(), ported ? (int) dp : 0);
      return Optional.of(new FlowLogTuple(ts, flow, f[6].equals("I"), denied, state));
    } catch (NumberFormatException | io.github.aksreach.core.model.InvalidModelException e) {
      return Optional.empty();
    }
  }
}
