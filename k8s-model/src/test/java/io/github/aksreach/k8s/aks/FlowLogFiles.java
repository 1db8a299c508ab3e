package io.github.aksreach.k8s.aks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generated NSG flow-log blobs for the streaming tests and benchmarks: the article's client flow
 * ({@code 192.168.1.4 -> 192.168.0.22:80}) from changing source ports, records alternating between nsg-user (denied
 * by DenyAllCustom) and nsg-ingress (allowed by AllowClientToLb), as on the lab's step 4.
 *
 * <pre>{@code
 * long n = FlowLogFiles.writeBlob(Path.of("/tmp/PT1H.json"), 100_000, 100);   // 10 million tuples
 * }</pre>
 */
public final class FlowLogFiles {
  private FlowLogFiles() {}

  /** Writes one blob of {@code records} records of {@code perRecord} tuples each; returns the number of tuples. */
  public static long writeBlob(Path file, int records, int perRecord) throws IOException {
    long n = 0;
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("{\"records\":[\n");
      for (int r = 0; r < records; r++) {
        boolean user = r % 2 == 0;
        w.write(r == 0 ? "" : ",\n");
        w.write("{\"time\":\"2022-12-20T07:35:22.0000000Z\",\"category\":\"NetworkSecurityGroupFlowEvent\","
            + "\"resourceId\":\"/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000000/RESOURCEGROUPS/RG-AKS-LAB/"
            + "PROVIDERS/MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/" + (user ? "NSG-USER" : "NSG-INGRESS")
            + "\",\"operationName\":\"NetworkSecurityGroupFlowEvents\",\"properties\":{\"Version\":2,\"flows\":[{"
            + "\"rule\":\"" + (user ? "UserRule_DenyAllCustom" : "UserRule_AllowClientToLb")
            + "\",\"flows\":[{\"mac\":\"000D3A2B4C5D\",\"flowTuples\":[");
        for (int t = 0; t < perRecord; t++) {
          w.write(t == 0 ? "\"" : ",\"");
          w.write(Long.toString(1671521722L + n / 1000));
          w.write(",192.168.1.4,192.168.0.22,");
          w.write(Integer.toString(1024 + (int) (n % 64000)));
          w.write(user ? ",80,T,I,D,B,,,,\"" : ",80,T,I,A,B,,,,\"");
          n++;
        }
        w.write("]}]}]}}");
      }
      w.write("\n]}\n");
    }
    return n;
  }
}
