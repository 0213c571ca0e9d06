package dev.wall.player.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wall.player.display.DisplayStack.Kind;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DisplayStackTest {
  private static DisplayStack detect(Map<String, String> env, String... existing) {
    Set<Path> paths =
        java.util.Arrays.stream(existing)
            .map(Path::of)
            .collect(java.util.stream.Collectors.toSet());
    return DisplayStack.detect(env, paths::contains, 1000, "/home/pi");
  }

  @Test
  void anExplicitStackWinsOverEverythingTheNodeShows() {
    DisplayStack stack =
        detect(
            Map.of("WALL_DISPLAY_STACK", "drm", "DISPLAY", ":0", "WAYLAND_DISPLAY", "wayland-0"),
            "/run/user/1000/wayland-0",
            "/tmp/.X11-unix/X0");
    assertEquals(Kind.DRM, stack.kind());
    assertEquals(Map.of("WALL_DISPLAY_STACK", "drm"), stack.environment());
    assertEquals("WALL_DISPLAY_STACK=drm", stack.reason());
  }

  @Test
  void waylandDisplayBeatsTheDisplayXwaylandAlsoSets() {
    DisplayStack stack =
        detect(
            Map.of(
                "DISPLAY",
                ":0",
                "WAYLAND_DISPLAY",
                "wayland-1",
                "XDG_RUNTIME_DIR",
                "/run/user/1000"));
    assertEquals(Kind.WAYLAND, stack.kind());
    assertEquals(
        Map.of(
            "WALL_DISPLAY_STACK",
            "wayland",
            "WAYLAND_DISPLAY",
            "wayland-1",
            "XDG_RUNTIME_DIR",
            "/run/user/1000"),
        stack.environment());
  }

  @Test
  void displayMeansX11WithTheUsersXauthorityWhenItHasOne() {
    assertEquals(
        Map.of("WALL_DISPLAY_STACK", "x11", "DISPLAY", ":1", "XAUTHORITY", "/home/pi/.Xauthority"),
        detect(Map.of("DISPLAY", ":1"), "/home/pi/.Xauthority").environment());
    assertEquals(
        Map.of("WALL_DISPLAY_STACK", "x11", "DISPLAY", ":1", "XAUTHORITY", "/tmp/xauth"),
        detect(Map.of("DISPLAY", ":1", "XAUTHORITY", "/tmp/xauth"), "/home/pi/.Xauthority")
            .environment());
  }

  @Test
  void withNothingSetTheNodesSocketsDecide() {
    DisplayStack wayland = detect(Map.of(), "/run/user/1000/wayland-0", "/tmp/.X11-unix/X0");
    assertEquals(
        Kind.WAYLAND, wayland.kind(), "labwc runs Xwayland on :0 too; Wayland is the desktop");
    assertEquals("/run/user/1000", wayland.environment().get("XDG_RUNTIME_DIR"));
    assertEquals("wayland-0", wayland.environment().get("WAYLAND_DISPLAY"));
    DisplayStack x11 = detect(Map.of(), "/tmp/.X11-unix/X0");
    assertEquals(Kind.X11, x11.kind());
    assertEquals(":0", x11.environment().get("DISPLAY"));
    DisplayStack console = detect(Map.of());
    assertEquals(Kind.DRM, console.kind());
    assertEquals("no desktop runs: the console, through DRM/KMS", console.reason());
  }

  @Test
  void anEmptyVariableIsNotASetting() {
    assertEquals(
        Kind.DRM,
        detect(Map.of("DISPLAY", "", "WAYLAND_DISPLAY", "", "WALL_DISPLAY_STACK", "")).kind());
  }

  @Test
  void aMistypedStackIsOneLine() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> detect(Map.of("WALL_DISPLAY_STACK", "x12")));
    assertEquals(
        "WALL_DISPLAY_STACK=x12: not a display stack; use x11, wayland or drm", e.getMessage());
  }

  @Test
  void outputsAreTheConnectorsOfAPi() {
    assertEquals("HDMI-A-1", DisplayStack.connector(0));
    assertEquals("HDMI-A-2", DisplayStack.connector(1));
  }

  @Test
  void thePlayersOwnSettingsWinOverTheStacks() {
    DisplayStack x11 = detect(Map.of("DISPLAY", ":0"));
    assertEquals(
        Map.of("WALL_DISPLAY_STACK", "x11", "DISPLAY", ":7", "FAKETIME", "+1"),
        x11.playerEnvironment(Map.of("DISPLAY", ":7", "FAKETIME", "+1")));
  }
}
