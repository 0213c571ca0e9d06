package dev.wall.core.setup.modules;

import dev.wall.core.io.FileAttrs;
import dev.wall.core.setup.Action;
import dev.wall.core.setup.FileEdit;
import dev.wall.core.setup.Node;
import dev.wall.core.setup.SetupModule;
import dev.wall.core.setup.SetupRefusal;
import dev.wall.core.setup.Text;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Screens that never go dark: {@code consoleblank=0} on the one line of {@code cmdline.txt}, and
 * for each desktop found, its own switch: an X11 snippet with DPMS off, Wayfire's {@code [idle]
 * dpms_timeout=-1}, and labwc's swayidle line removed.
 */
public final class BlankingModule implements SetupModule {
  public static final String NAME = "blanking";
  static final String XORG_SNIPPET = "/etc/X11/xorg.conf.d/10-wall-blanking.conf";
  private static final Pattern CONSOLEBLANK = Pattern.compile("(^|\\s)consoleblank=\\S*");
  private static final Pattern DPMS_TIMEOUT =
      Pattern.compile("^(\\s*dpms_timeout\\s*=\\s*)([^\\r\\n]*)(\\r?\\n?)$");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Action> plan(Node node) {
    String cmdline = node.tree().bootDir() + "/cmdline.txt";
    List<Action> actions = new ArrayList<>();
    actions.add(
        new FileEdit(
            cmdline,
            current -> cmdline(current, node.tree().show(cmdline)),
            FileAttrs.mode("rwxr-xr-x")));
    if (Files.isDirectory(node.tree().resolve("/etc/X11"))) {
      actions.add(FileEdit.whole(XORG_SNIPPET, XORG, FileAttrs.mode("rw-r--r--")));
    }
    // Files in the user's home: FileEdit.inHome refuses a link there (this check follows it, to see
    // one).
    String wayfire = ".config/wayfire.ini";
    if (Files.isRegularFile(node.tree().resolve(node.user().inHome(wayfire)))) {
      actions.add(FileEdit.inHome(node.user(), wayfire, BlankingModule::wayfire, "rw-r--r--"));
    }
    String labwc = ".config/labwc/autostart";
    if (Files.isRegularFile(node.tree().resolve(node.user().inHome(labwc)))) {
      actions.add(FileEdit.inHome(node.user(), labwc, BlankingModule::labwc, "rw-r--r--"));
    }
    return actions;
  }

  static final String XORG =
      "# Written by wall setup blanking: the wall's screens never blank or sleep.\n"
          + "# `wall setup blanking --undo` removes it.\n"
          + "Section \"Extensions\"\n"
          + "    Option \"DPMS\" \"Disable\"\n"
          + "EndSection\n"
          + "\n"
          + "Section \"ServerFlags\"\n"
          + "    Option \"BlankTime\" \"0\"\n"
          + "    Option \"StandbyTime\" \"0\"\n"
          + "    Option \"SuspendTime\" \"0\"\n"
          + "    Option \"OffTime\" \"0\"\n"
          + "EndSection\n";

  /** {@code consoleblank=0} on the single line; a second line would break boot, so refuse it. */
  static String cmdline(String current, String shown) throws SetupRefusal {
    if (current == null) {
      throw new SetupRefusal(shown + ": missing; is this the boot folder of a Raspberry Pi?");
    }
    int newline = current.indexOf('\n');
    if (newline >= 0 && !current.substring(newline + 1).isEmpty()) {
      throw new SetupRefusal(
          shown
              + ": has more than one line; the firmware reads only the first and a second line breaks"
              + " boot: join it into one line, then run again");
    }
    String line = Text.strip(current);
    String ending = current.substring(line.length());
    Matcher m = CONSOLEBLANK.matcher(line);
    if (m.find()) {
      return line.substring(0, m.start())
          + m.group(1)
          + "consoleblank=0"
          + line.substring(m.end())
          + ending;
    }
    String trimmed = line.stripTrailing();
    return trimmed
        + (trimmed.isEmpty() ? "" : " ")
        + "consoleblank=0"
        + line.substring(trimmed.length())
        + ending;
  }

  /**
   * {@code [idle] dpms_timeout=-1}, in place when the key is there, else at the top of {@code
   * [idle]}.
   */
  static String wayfire(String current) {
    List<String> lines = Text.lines(current);
    String eol = Text.eol(current);
    int idle = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = Text.strip(lines.get(i)).trim();
      if (line.startsWith("[")) {
        idle = line.equals("[idle]") ? i : -1;
      } else if (idle >= 0) {
        Matcher m = DPMS_TIMEOUT.matcher(lines.get(i));
        if (m.matches()) {
          lines.set(i, m.group(1) + "-1" + m.group(3));
          return String.join("", lines);
        }
      }
    }
    for (int i = 0; i < lines.size(); i++) {
      if (Text.strip(lines.get(i)).trim().equals("[idle]")) {
        if (!lines.get(i).endsWith("\n")) {
          lines.set(i, lines.get(i) + eol);
        }
        lines.add(i + 1, "dpms_timeout=-1" + eol);
        return String.join("", lines);
      }
    }
    String text = Text.terminated(current);
    return text + (text.isEmpty() ? "" : eol) + "[idle]" + eol + "dpms_timeout=-1" + eol;
  }

  /** labwc starts swayidle from its autostart file; without that line nothing blanks. */
  static String labwc(String current) {
    StringBuilder out = new StringBuilder();
    for (String line : Text.lines(current)) {
      String code = Text.strip(line).trim();
      if (!code.startsWith("#") && code.matches("(.*[\\s/])?swayidle(\\s.*)?")) {
        continue;
      }
      out.append(line);
    }
    return out.toString();
  }
}
