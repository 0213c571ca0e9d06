package dev.wall.player.players;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BoardTest {
  @Test
  void theBoardIsTheDeviceTreesModelAndTheReleaseIsOsReleasesVersion() {
    Map<Path, String> files =
        Map.of(
            Path.of("/sys/firmware/devicetree/base/model"),
            "Raspberry Pi 5 Model B Rev 1.0\0",
            Path.of("/etc/os-release"),
            "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"12\"\n"
                + "VERSION_CODENAME=bookworm\n");
    Board board = Board.read(p -> Optional.ofNullable(files.get(p)));
    assertEquals(new Board("Raspberry Pi 5 Model B Rev 1.0", 12), board);
    assertEquals(Board.Soc.BCM2712, board.soc());
    assertEquals("bookworm", board.releaseName());
    assertEquals(13, Board.release("VERSION_CODENAME=trixie\n"), "a codename alone will do");
    assertEquals(Board.Soc.BCM2711, new Board("Raspberry Pi Compute Module 4 Rev 1.0", 12).soc());
    assertEquals(Board.Soc.OTHER, Board.read(p -> Optional.empty()).soc());
  }
}
