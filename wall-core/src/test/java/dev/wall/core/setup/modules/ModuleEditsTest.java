package dev.wall.core.setup.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.setup.MarkedBlock;
import dev.wall.core.setup.SetupRefusal;
import org.junit.jupiter.api.Test;

/** The edits on their own, for the cases the fixture roots do not have. */
class ModuleEditsTest {
  @Test
  void configWithoutAllSectionGetsOneAtTheEnd() throws SetupRefusal {
    String config = "dtparam=audio=on\n\n[pi4]\narm_boost=1\n";
    assertEquals(
        config
            + "# >>> wall setup radios >>>\n[all]\ndtoverlay=disable-wifi\ndtoverlay=disable-bt\n# <<< wall setup radios <<<\n",
        RadiosModule.configTxt(config, "/boot/config.txt"));
  }

  @Test
  void overlaysAlreadyInAllUnderTheOldNamesAreKept() throws SetupRefusal {
    String config = "[all]\ndtoverlay=pi3-disable-bt\ndtoverlay=pi3-disable-wifi\n";
    assertEquals(config, RadiosModule.configTxt(config, "/boot/config.txt"));
  }

  @Test
  void overlayOnlyUnderPi4StillGoesToAll() throws SetupRefusal {
    String config = "[pi4]\ndtoverlay=disable-wifi\n[all]\ndtoverlay=disable-bt\n";
    assertEquals(
        config
            + "# >>> wall setup radios >>>\ndtoverlay=disable-wifi\n# <<< wall setup radios <<<\n",
        RadiosModule.configTxt(config, "/boot/config.txt"));
  }

  @Test
  void configKeepsCrlfLineEndings() throws SetupRefusal {
    String config = "# comment\r\n[all]\r\ngpu_mem=128\r\n";
    String out = RadiosModule.configTxt(config, "/boot/config.txt");
    assertTrue(out.startsWith(config), out);
    assertTrue(out.replace("\r\n", "").indexOf('\n') < 0, "a bare LF slipped in: " + out);
  }

  @Test
  void cmdlineWithTwoLinesIsRefused() {
    SetupRefusal refusal =
        assertThrows(
            SetupRefusal.class,
            () -> BlankingModule.cmdline("root=/dev/mmcblk0p2\nquiet\n", "/boot/cmdline.txt"));
    assertTrue(
        refusal.getMessage().startsWith("/boot/cmdline.txt: has more than one line"),
        refusal.getMessage());
  }

  @Test
  void cmdlineReplacesAnOldConsoleblankAndKeepsTheEnding() throws SetupRefusal {
    assertEquals(
        "a consoleblank=0 b\r\n", BlankingModule.cmdline("a consoleblank=600 b\r\n", "/c"));
    assertEquals("a b consoleblank=0", BlankingModule.cmdline("a b", "/c"));
  }

  @Test
  void wayfireWithoutIdleGetsTheSection() {
    assertEquals(
        "[core]\nx=1\n\n[idle]\ndpms_timeout=-1\n", BlankingModule.wayfire("[core]\nx=1\n"));
    assertEquals(
        "[idle]\ndpms_timeout=-1\nscreensaver_timeout=5\n",
        BlankingModule.wayfire("[idle]\nscreensaver_timeout=5\n"));
  }

  @Test
  void labwcKeepsCommentedSwayidle() {
    assertEquals(
        "# swayidle -w\nkanshi &\n",
        BlankingModule.labwc("# swayidle -w\nkanshi &\n/usr/bin/swayidle -w timeout 600 x &\n"));
  }

  @Test
  void aBrokenBlockIsRefused() {
    String text = "a\n" + MarkedBlock.begin("hosts") + "\n1.2.3.4 x\n";
    assertThrows(
        SetupRefusal.class,
        () -> MarkedBlock.upsert(text, "hosts", java.util.List.of("y"), "/etc/hosts"));
  }
}
