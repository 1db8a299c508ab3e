package io.github.aksreach.core.internal;

/**
 * Unsigned 128-bit arithmetic on (hi, lo) pairs of longs, the key space of every interval structure in aksreach.
 * Ports and protocols use {@code hi = 0}; IPv4 addresses live in the IPv4-mapped block {@code ::ffff:0:0/96}.
 */
public final class U128 {
  private U128() {}

  public static int compare(long aHi, long aLo, long bHi, long bLo) {
    int c = Long.compareUnsigned(aHi, bHi);
    return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
  }

  /** Hi word of {@code (hi, lo) + 1}; callers must not increment the maximum. */
  public static long incHi(long hi, long lo) {
    return lo == -1L ? hi + 1 : hi;
  }

  public static long incLo(long lo) {
    return lo + 1;
  }

  public static long decHi(long hi, long lo) {
    return lo == 0L ? hi - 1 : hi;
  }

  public static long decLo(long lo) {
    return lo - 1;
  }

  public static boolean isMax(long hi, long lo) {
    return hi == -1L && lo == -1L;
  }
}
