package io.github.aksreach.examples.bench;

import io.github.aksreach.nsg.load.AzureLoader;
import io.github.aksreach.nsg.load.LoadResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Kubernetes readers against Jackson's tree parse ({@link LoaderBenchmarks}' pair) with a long warm-up, for a
 * machine too loaded for JMH or {@link SpeedRatios}' single warm-up round: {@code warm} rounds, then {@code rounds}
 * rounds of {@code load} and {@code jacksonTree} in turn, CPU time of this thread, the median of each and of the
 * per-round ratios. With a fourth argument, also the CPU time of {@link AzureLoader#loadDirectory(Path)} on that
 * directory (e.g. a {@code SyntheticDump}'s {@code azure/}) against {@code ObjectMapper.readTree} of its
 * {@code *.json} files, in turn in each round, and the median of the per-round ratios.
 *
 * <pre>{@code
 * java -cp bench/target/aksreach-bench.jar io.github.aksreach.examples.bench.LoaderRatio 30 21 500
 * java -cp bench/target/aksreach-bench.jar io.github.aksreach.examples.bench.LoaderRatio 8 11 500 /tmp/aks-5000/azure
 * }</pre>
 */
public final class LoaderRatio {
  private static final ObjectMapper JSON = new ObjectMapper();
  private LoaderRatio() {}

  public static void main(String[] args) throws IOException {
    int warm = Integer.parseInt(args[0]);
    int rounds = Integer.parseInt(args[1]);
    LoaderBenchmarks l = new LoaderBenchmarks();
    l.nodes = Integer.parseInt(args[2]);
    l.setup();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    double[] load = new double[rounds];
    double[] tree = new double[rounds];
    double[] ratio = new double[rounds];
    for (int i = 0; i < warm + rounds; i++) {
      long t0 = cpu.getCurrentThreadCpuTime();
      Object a = l.load();
      long t1 = cpu.getCurrentThreadCpuTime();
      Object b = l.jacksonTree();
      long t2 = cpu.getCurrentThreadCpuTime();
      if (a == null || b == null) {
        throw new IllegalStateException("nothing read");
      }
      if (i >= warm) {
        int k = i - warm;
        load[k] = (t1 - t0) / 1e6;
        tree[k] = (t2 - t1) / 1e6;
        ratio[k] = load[k] / tree[k];
      }
    }
    System.out.printf(Locale.ROOT, "load %.1f ms  jacksonTree %.1f ms  load / jacksonTree: median %.3f (min %.3f,"
        + " max %.3f), %d rounds after %d%n", median(load), median(tree), median(ratio), min(ratio), max(ratio),
        rounds, warm);
    if (args.length > 3) {
      Path dir = Path.of(args[3]);
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
        ds.forEach(files::add);
      }
      double[] az = new double[rounds];
      double[] azTree = new double[rounds];
      double[] azRatio = new double[rounds];
      for (int i = 0; i < warm + rounds; i++) {
        long t0 = cpu.getCurrentThreadCpuTime();
        LoadResult r = AzureLoader.loadDirectory(dir);
        long t1 = cpu.getCurrentThreadCpuTime();
        if (!r.isValid()) {
          throw new IllegalStateException(r.errors().toString());
        }
        int nodes = 0;
        for (Path f : files) {
          nodes += JSON.readTree(f.toFile()).size();
        }
        long t2 = cpu.getCurrentThreadCpuTime();
        if (nodes == 0) {
          throw new IllegalStateException("nothing read");
        }
        if (i >= warm) {
          int k = i - warm;
          az[k] = (t1 - t0) / 1e6;
          azTree[k] = (t2 - t1) / 1e6;
          azRatio[k] = az[k] / azTree[k];
        }
      }
      System.out.printf(Locale.ROOT, "AzureLoader.loadDirectory(%s): median %.1f ms (min %.1f, max %.1f);"
          + " jacksonTree of its *.json %.1f ms; load / jacksonTree: median %.3f (min %.3f, max %.3f)%n", dir,
          median(az), min(az), max(az), median(azTree), median(azRatio), min(azRatio), max(azRatio));
    }
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double min(double[] xs) {
    return Arrays.stream(xs).min().orElse(0);
  }

  private static double max(double[] xs) {
    return Arrays.stream(xs).max().orElse(0);
  }
}
