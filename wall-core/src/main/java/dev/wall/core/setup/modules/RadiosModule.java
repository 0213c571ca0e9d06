package dev.wall.core.setup.modules;

import dev.wall.core.io.FileAttrs;
import dev.wall.core.setup.Action;
import dev.wall.core.setup.FileEdit;
import dev.wall.core.setup.MarkedBlock;
import dev.wall.core.setup.Node;
import dev.wall.core.setup.ServiceLinks;
import dev.wall.core.setup.SetupModule;
import dev.wall.core.setup.SetupRefusal;
import dev.wall.core.setup.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Wi-Fi and Bluetooth off: {@code dtoverlay=disable-wifi} and {@code dtoverlay=disable-bt} in the
 * {@code [all]} section of {@code config.txt} (an {@code [all]} is added at the end when there is
 * none), and the {@code hciuart} service disabled. Conditional sections are left as they are.
 */
public final class RadiosModule implements SetupModule {
  public static final String NAME = "radios";

  /** Each overlay setup adds, with the older name that does the same. */
  static final Map<String, String> OVERLAYS =
      Map.of("disable-wifi", "pi3-disable-wifi", "disable-bt", "pi3-disable-bt");

  static final List<String> ORDER = List.of("disable-wifi", "disable-bt");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Action> plan(Node node) {
    String config = node.tree().bootDir() + "/config.txt";
    return List.of(
        new FileEdit(
            config,
            current -> configTxt(current, node.tree().show(config)),
            FileAttrs.mode("rwxr-xr-x")),
        new ServiceLinks.Disable("hciuart.service"));
  }

  static String configTxt(String current, String shown) throws SetupRefusal {
    if (current == null) {
      throw new SetupRefusal(shown + ": missing; is this the boot folder of a Raspberry Pi?");
    }
    String text = MarkedBlock.remove(current, NAME, shown);
    List<String> lines = Text.lines(text);
    List<String> missing = new ArrayList<>(ORDER);
    boolean inAll = true;
    int lastAll = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = Text.strip(lines.get(i)).trim();
      if (line.startsWith("[")) {
        inAll = line.equals("[all]");
        lastAll = inAll ? i : lastAll;
      } else if (inAll && line.startsWith("dtoverlay=")) {
        String overlay = line.substring("dtoverlay=".length()).split(",")[0].trim();
        missing.removeIf(o -> o.equals(overlay) || OVERLAYS.get(o).equals(overlay));
      }
    }
    if (missing.isEmpty()) {
      return text;
    }
    List<String> body = new ArrayList<>();
    missing.forEach(o -> body.add("dtoverlay=" + o));
    if (lastAll < 0) {
      body.add(0, "[all]");
      return MarkedBlock.insertAt(text, lines.size(), NAME, body, shown);
    }
    return MarkedBlock.insertAt(text, endOfSection(lines, lastAll), NAME, body, shown);
  }

  /** The line after the section's last non-blank line. */
  private static int endOfSection(List<String> lines, int header) {
    int end = header + 1;
    while (end < lines.size() && !Text.strip(lines.get(end)).trim().startsWith("[")) {
      end++;
    }
    while (end > header + 1 && Text.strip(lines.get(end - 1)).isBlank()) {
      end--;
    }
    return end;
  }
}
