package io.github.aksreach.k8s.output;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.cluster.ScenarioInventory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The renderings of a {@link ScenarioInventory} ({@code aksreach inventory}): what each file holds, every note and
 * every error.
 *
 * <pre>{@code
 * ScenarioInventory inv = ScenarioInventory.of(Path.of("my-dump"), LoadOptions.strict());
 * System.out.print(InventoryOutput.text(inv));   // "azure/nsgs.json: nsgs=2, customRules=7, defaultRules=12" ...
 * InventoryOutput.json(inv);                     // {"files": [{"file", "counts"}], "notes": [...], "errors": [...]}
 * }</pre>
 */
public final class InventoryOutput {
  private InventoryOutput() {}

  /** One line per file ({@code kind=count}), then every note and every error. */
  public static String text(ScenarioInventory inv) {
    StringBuilder sb = new StringBuilder();
    for (ScenarioInventory.FileCounts f : inv.files()) {
      sb.append(f.file()).append(": ");
      if (f.counts().isEmpty()) {
        sb.append("nothing read");
      } else {
        List<String> parts = new ArrayList<>();
        f.counts().forEach((k, v) -> parts.add(k + "=" + v));
        sb.append(String.join(", ", parts));
      }
      sb.append('\n');
    }
    sb.append('\n').append(inv.notes().size()).append(" note(s)").append(inv.notes().isEmpty() ? "" : ":")
        .append('\n');
    inv.notes().forEach(n -> sb.append("  ").append(n).append('\n'));
    if (!inv.errors().isEmpty()) {
      sb.append(inv.errors().size()).append(" error(s): the scenario is refused:\n");
      inv.errors().forEach(e -> sb.append("  ").append(e).append('\n'));
    }
    return sb.toString();
  }

  /** {@code {"files": [{"file", "counts": {kind: n}}], "notes": [{"file", "path", "message"}], "errors": [...]}}. */
  public static String json(ScenarioInventory inv) {
    List<Object> fs = new ArrayList<>();
    for (ScenarioInventory.FileCounts f : inv.files()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", f.file());
      m.put("counts", new LinkedHashMap<>(f.counts()));
      fs.add(m);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("files", fs);
    root.put("notes", located(inv.notes()));
    root.put("errors", located(inv.errors()));
    return Json.write(root);
  }

  private static List<Object> located(List<ModelError> es) {
    List<Object> out = new ArrayList<>();
    for (ModelError e : es) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", e.file());
      m.put("path", e.path());
      m.put("message", e.message());
      out.add(m);
    }
    return out;
  }
}
