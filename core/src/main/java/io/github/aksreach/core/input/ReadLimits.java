package io.github.aksreach.core.input;

import java.util.Locale;

/**
 * The bounds every scenario load respects, so that no input can exhaust memory or time: the size of one file, of all
 * files of one load, the nodes YAML aliases may add, whether symbolic links may leave the scenario directory, and the
 * values one record of a JSON flow log may hold.
 *
 * <pre>{@code
 * ReadLimits l = ReadLimits.defaults();             // from system properties, else from the heap size
 * l.maxFileBytes();                                 // e.g. 268435456 with a 4 GB heap
 * ReadLimits big = l.withMaxFileBytes(1L << 30).withMaxTotalBytes(2L << 30);
 * ScenarioLoader.load(Path.of("dump"), big);       // k8s-model: a load with other limits
 * FlowLogs.forEach(Path.of("PT1H.json"), l.withMaxFlowLogRecordValues(10_000_000), entry -> { });
 * // java -Daksreach.maxFileBytes=1g -Daksreach.followSymlinks=true -jar aksreach.jar check ...
 * }</pre>
 *
 * <p>Defaults: one file and all files together at most 1/16 of the maximum heap (a parsed tree takes several times
 * its text), one file at most 256 MiB; YAML aliases may add at most 1,000,000 nodes to a file's tree beyond the ones
 * written out; symbolic links must stay inside the scenario directory; one record of a JSON flow log (one minute of
 * one NSG or VNet) holds at most 2,000,000 values (tuples, strings, objects; some 300 MB as a tree). The system
 * properties {@value #MAX_FILE_PROPERTY}, {@value #MAX_TOTAL_PROPERTY} (bytes), {@value #MAX_ALIAS_PROPERTY}
 * (nodes), {@value #MAX_FLOW_LOG_RECORD_PROPERTY} (values), each a positive whole number optionally with a {@code k},
 * {@code m} or {@code g} suffix (times 1024, 1024² or 1024³), and {@value #FOLLOW_SYMLINKS_PROPERTY}
 * ({@code true} or {@code false}) override them; {@link #defaults()} refuses any other value, naming the property.
 *
 * @param maxFileBytes the largest file read, in bytes
 * @param maxTotalBytes the most bytes one load reads over all its files
 * @param maxAliasNodes the most tree nodes YAML aliases may add to one file beyond the nodes written in it
 * @param followSymlinks read files whose real path is outside the scenario directory
 * @param maxFlowLogRecordValues the most values (tuples, strings, objects) one record of a JSON flow log may hold; a
 *     larger record is refused and skipped without being held
 */
public record ReadLimits(long maxFileBytes, long maxTotalBytes, long maxAliasNodes, boolean followSymlinks,
                         long maxFlowLogRecordValues) {
  /** System property: the largest file read. */
  public static final String MAX_FILE_PROPERTY = "aksreach.maxFileBytes";
  /** System property: the most bytes read by one load. */
  public static final String MAX_TOTAL_PROPERTY = "aksreach.maxTotalBytes";
  /** System property: the most nodes YAML aliases may add to one file. */
  public static final String MAX_ALIAS_PROPERTY = "aksreach.maxAliasNodes";
  /** System property: {@code true} to follow symbolic links out of the scenario directory. */
  public static final String FOLLOW_SYMLINKS_PROPERTY = "aksreach.followSymlinks";
  /** System property: the most values one record of a JSON flow log may hold. */
  public static final String MAX_FLOW_LOG_RECORD_PROPERTY = "aksreach.maxFlowLogRecordValues";
  /** The default of {@link #maxFlowLogRecordValues()}. */
  public static final long DEFAULT_MAX_FLOW_LOG_RECORD_VALUES = 2_000_000;

  private static final long MIB = 1024L * 1024;

  public ReadLimits {
    if (maxFileBytes <= 0 || maxTotalBytes <= 0 || maxAliasNodes < 0 || maxFlowLogRecordValues <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** The limits given, and the default {@link #maxFlowLogRecordValues()}. */
  public ReadLimits(long maxFileBytes, long maxTotalBytes, long maxAliasNodes, boolean followSymlinks) {
    this(maxFileBytes, maxTotalBytes, maxAliasNodes, followSymlinks, DEFAULT_MAX_FLOW_LOG_RECORD_VALUES);
  }

  /** The defaults, overridden by the system properties. */
  public static ReadLimits defaults() {
    long heapShare = Math.max(16 * MIB, Runtime.getRuntime().maxMemory() / 16);
    long file = Math.min(256 * MIB, heapShare);
    return new ReadLimits(
        property(MAX_FILE_PROPERTY, file, "bytes"),
        property(MAX_TOTAL_PROPERTY, heapShare, "bytes"),
        property(MAX_ALIAS_PROPERTY, 1_000_000, "nodes"),
        flag(FOLLOW_SYMLINKS_PROPERTY),
        property(MAX_FLOW_LOG_RECORD_PROPERTY, DEFAULT_MAX_FLOW_LOG_RECORD_VALUES, "values"));
  }

  public ReadLimits withMaxFileBytes(long bytes) {
    return new ReadLimits(bytes, maxTotalBytes, maxAliasNodes, followSymlinks, maxFlowLogRecordValues);
  }

  public ReadLimits withMaxTotalBytes(long bytes) {
    return new ReadLimits(maxFileBytes, bytes, maxAliasNodes, followSymlinks, maxFlowLogRecordValues);
  }

  public ReadLimits withMaxAliasNodes(long nodes) {
    return new ReadLimits(maxFileBytes, maxTotalBytes, nodes, followSymlinks, maxFlowLogRecordValues);
  }

  public ReadLimits withFollowSymlinks(boolean follow) {
    return new ReadLimits(maxFileBytes, maxTotalBytes, maxAliasNodes, follow, maxFlowLogRecordValues);
  }

  public ReadLimits withMaxFlowLogRecordValues(long values) {
    return new ReadLimits(maxFileBytes, maxTotalBytes, maxAliasNodes, followSymlinks, values);
  }

  /**
   * {@code 123}, {@code 64k}, {@code 512m}, {@code 2g} as a number of {@code what} (bytes, nodes, values);
   * {@code fallback} when unset.
   *
   * @throws IllegalArgumentException when the property is set to something else
   */
  static long property(String name, long fallback, String what) {
    String v = System.getProperty(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    String t = v.trim().toLowerCase(Locale.ROOT);
    long unit = 1;
    if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
      unit = t.endsWith("k") ? 1024 : t.endsWith("m") ? MIB : 1024 * MIB;
      t = t.substring(0, t.length() - 1);
    }
    try {
      long n = Long.parseLong(t);
      if (n > 0 && n <= Long.MAX_VALUE / unit) {
        return n * unit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("-D" + name + "=" + v + ": expected a positive number of " + what
        + ", optionally with a k, m or g suffix");
  }

  /**
   * {@code true} or {@code false} (any case); false when unset.
   *
   * @throws IllegalArgumentException when the property is set to something else ({@code yes} is not silently false)
   */
  static boolean flag(String name) {
    String v = System.getProperty(name);
    if (v == null || v.isBlank()) {
      return false;
    }
    String t = v.trim().toLowerCase(Locale.ROOT);
    if (t.equals("true") || t.equals("false")) {
      return t.equals("true");
    }
    throw new IllegalArgumentException("-D" + name + "=" + v + ": expected true or false");
  }

  /** {@code 268435456} as {@code "256 MiB"}, for messages. */
  public static String describe(long bytes) {
    if (bytes >= MIB && bytes % MIB == 0) {
      return bytes / MIB + " MiB";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
      return bytes / 1024 + " KiB";
    }
    return bytes + " bytes";
  }
}
